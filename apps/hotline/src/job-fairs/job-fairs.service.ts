import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, isWithinScope, type Role } from '@platform/auth';
import { shanghaiDateOf, tryParseDay } from '@platform/calendar';
import type { HelpRequestView } from '@platform/contracts';
import { Clock, FieldError, ProblemException } from '@platform/nest-kit';
import { maskPhone, PiiCipher, piiContext, validateMobile } from '@platform/pii';
import { HotlineConfig } from '../config';
import { actorOf, CasesService } from '../cases/cases.service';
import { CaseListService } from '../cases/case-list.service';
import { CASES_CONFIG, CaseWorkflows } from '../cases/case-workflows';
import { fieldError, invalid, workflowProblem } from '../cases/case-problems';
import { OpenCaseDto } from '../cases/case.dto';
import { areaScope } from '../org-tree/area-scope';
import { OrgTreeService } from '../org-tree/org-tree.service';
import {
  ApplyAtFairDto,
  AssistanceMonthQuery,
  CreateFairDto,
  FairListQuery,
  FairVacancyDto,
  UpdateFairDto,
} from './job-fair.dto';
import {
  ApplicationRow,
  FairResults,
  FairRow,
  FairVacancyRow,
  JobFairsRepository,
} from './job-fairs.repository';

/** The case states in which a vacancy can be proposed (the workflow's own rule). */
const PROPOSING_STATES = ['registered', 'matching', 'escalated'];
const OPEN_BEFORE_REGISTRATION = 'intake';
const ENDED_STATES = ['closed', 'withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere'];
/** Referral statuses still waiting for an answer or a start (the workflow's `isLive`). */
const LIVE_REFERRALS = ['proposed', 'employer_accepted', 'person_accepted'];

/** The applicant as the fair page shows them (encrypted at rest, bound to the application's row). */
interface Applicant {
  name: string;
  phoneMasked: string;
}

const applicantContext = (id: string) => piiContext('job_fair_applications', 'applicant_encrypted', id);
const intakeContext = (id: string) => piiContext('job_fair_applications', 'intake_encrypted', id);

/** The idempotency key of the case a fair application opens: one case per application, whoever retries. */
export const fairCaseKey = (applicationId: string) => `job-fair.${applicationId}`;

@Injectable()
export class JobFairsService {
  private readonly logger = new Logger(JobFairsService.name);
  private readonly cipher: PiiCipher;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) config: HotlineConfig,
    private readonly repository: JobFairsRepository,
    private readonly orgTree: OrgTreeService,
    private readonly cases: CasesService,
    private readonly caseLists: CaseListService,
    private readonly workflows: CaseWorkflows,
    private readonly clock: Clock,
  ) {
    this.cipher = new PiiCipher(config);
  }

  async create(user: AuthenticatedUser, dto: CreateFairDto) {
    checkDay('heldOn', dto.heldOn);
    const unit = await this.unitInArea(user, 'unitCode', dto.unitCode);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.repository.insertFair(manager, {
        id,
        title: dto.title,
        heldOn: dto.heldOn,
        unitCode: unit.code,
        orgPath: unit.path,
        venue: dto.venue,
        assistanceMonth: dto.assistanceMonth,
        createdBy: user.username,
      });
      await this.repository.replaceVacancies(manager, id, vacancyRows(dto.vacancies ?? []));
    });
    return this.detail(user, id);
  }

  async list(user: AuthenticatedUser, query: FairListQuery) {
    const scope = areaScope(user);
    const unitPath = query.unit ? (await this.unitInArea(user, 'unit', query.unit)).path : undefined;
    const page = await this.repository.listFairs(scope, {
      unitPath,
      year: query.year,
      assistanceMonth: query.assistanceMonth,
      status: query.status,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: page.items.map(fairSummary), total: page.total };
  }

  async detail(user: AuthenticatedUser, id: string) {
    const scope = areaScope(user);
    const fair = await this.repository.findFair(id, scope);
    if (!fair) throw fairNotFound(id);
    const [vacancies, applications] = await Promise.all([
      this.repository.vacanciesOf([id], scope),
      this.repository.applicationsOf(id, scope),
    ]);
    const byVacancy = new Map(vacancies.map((v) => [v.vacancyId, v]));
    return {
      ...fairSummary(fair),
      employers: employersOf(vacancies),
      applications: applications.map((row) => this.applicationView(row, byVacancy.get(row.vacancyId))),
    };
  }

  async update(user: AuthenticatedUser, id: string, dto: UpdateFairDto) {
    const scope = areaScope(user);
    if (dto.heldOn !== undefined) checkDay('heldOn', dto.heldOn);
    const unit = dto.unitCode ? await this.unitInArea(user, 'unitCode', dto.unitCode) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const fair = await this.repository.findFair(id, scope, manager, true);
      if (!fair) throw fairNotFound(id);
      if (dto.status && dto.status !== fair.status) checkStatusChange(fair, dto.status, this.today());
      // Applications refer to the fair's vacancies: one with applications stays.
      if (dto.vacancies) {
        const kept = new Set(dto.vacancies.map((v) => v.vacancyId));
        const applied = (await this.repository.applicationsOf(id, scope, manager)).filter(
          (a) => !kept.has(a.vacancyId),
        );
        if (applied.length) {
          throw conflict(
            'vacancies',
            'keepsAppliedVacancies',
            '已有人现场申请的岗位不能移出招聘会',
            'a vacancy people have applied for at the fair cannot be removed from it',
          );
        }
      }
      await this.repository.updateFair(
        manager,
        id,
        scope,
        {
          title: dto.title,
          heldOn: dto.heldOn,
          unitCode: unit?.code,
          orgPath: unit?.path,
          venue: dto.venue,
          assistanceMonth: dto.assistanceMonth,
          status: dto.status,
        },
        user.username,
      );
      if (dto.vacancies) await this.repository.replaceVacancies(manager, id, vacancyRows(dto.vacancies));
    });
    return this.detail(user, id);
  }

  async recordVisitors(user: AuthenticatedUser, id: string, count: number) {
    const scope = areaScope(user);
    const fair = await this.repository.findFair(id, scope);
    if (!fair) throw fairNotFound(id);
    if (fair.status !== 'held') throw notHeld();
    await this.repository.setVisitors(id, scope, count, user.username);
    return this.detail(user, id);
  }

  /**
   * An application on site. Stored first (the acknowledgement means it is kept), then worked at once: the vacancy
   * proposed on the person's open case, or a case opened for a person who has none and the vacancy proposed once
   * the case has registered them. Whatever is left undone is finished by the sweeper or the case's registered
   * event. `created` is false for a retried request.
   */
  async apply(user: AuthenticatedUser, id: string, dto: ApplyAtFairDto) {
    const scope = areaScope(user);
    const fair = await this.repository.findFair(id, scope);
    if (!fair) throw fairNotFound(id);
    if ((dto.caseId === undefined) === (dto.intake === undefined)) {
      throw invalid([
        fieldError(
          dto.caseId === undefined ? 'caseId' : 'intake',
          'exactlyOne',
          '必须且只能填写 caseId（已有案件）或 intake（新受理）之一',
          'give exactly one of caseId (an open case) or intake (a new intake)',
        ),
      ]);
    }
    if (fair.status !== 'held') throw notHeld();
    const vacancies = await this.repository.vacanciesOf([id], scope);
    const vacancy = vacancies.find((v) => v.vacancyId === dto.vacancyId);
    if (!vacancy) {
      throw conflict(
        'vacancyId',
        'atTheFair',
        '该岗位不在本场招聘会的岗位中',
        'the vacancy is not one of this fair’s vacancies',
      );
    }
    const applicationId = randomUUID();
    let caseId: string | null = dto.caseId ?? null;
    let applicant: Applicant;
    if (dto.caseId) {
      applicant = await this.openCaseApplicant(dto.caseId, user);
    } else {
      const intake = dto.intake!;
      const phone = validateMobile(intake.person.phone);
      if (!phone.valid) {
        throw invalid([fieldError('intake.person.phone', phone.rule, phone.message.zh, phone.message.en)]);
      }
      applicant = { name: intake.person.name.trim(), phoneMasked: maskPhone(phone.normalized) };
      // Someone already helped by an open case in this area: the vacancy goes on that case.
      caseId = await this.openCaseOf(user, intake.person.idNumber);
    }
    const stored = await this.repository.insertApplication({
      id: applicationId,
      fairId: id,
      requestId: dto.requestId,
      vacancyId: dto.vacancyId,
      caseId,
      openedCase: caseId === null,
      intakeEncrypted:
        caseId === null
          ? this.cipher.encrypt(JSON.stringify(dto.intake), intakeContext(applicationId))
          : null,
      applicantEncrypted: this.cipher.encrypt(JSON.stringify(applicant), applicantContext(applicationId)),
      status: caseId === null ? 'opening-case' : 'awaiting-registration',
      takenBy: user.username,
      takenByUserId: user.userId,
      takenByRoles: user.roles,
      takenByOrgPath: user.orgPath,
    });
    if (stored.created) {
      try {
        await this.advance(stored.id, { refuseBadIntake: true });
      } catch (error) {
        // A bad intake (400) or a community outside the caller's area (403): nothing was acknowledged.
        if (error instanceof ProblemException && error.getStatus() < 500) {
          await this.repository.deleteUnacknowledged(stored.id);
          throw withIntakePrefix(error);
        }
        this.logger.warn({ applicationId: stored.id, err: error }, 'fair application left to the sweeper');
      }
    }
    const row = await this.repository.applicationInArea(stored.id, scope);
    return { created: stored.created, body: this.applicationView(row!, vacancy) };
  }

  /**
   * One step forward for a pending application: open its case (before the lock, see openCaseBeforeLock), then
   * under its row lock (one process at a time) record it, or propose its vacancy once the case has registered
   * the person. A crash anywhere leaves the row pending; the
   * next try finds the case by the same idempotency key, and a proposal already made on the case (a live
   * referral of this vacancy) is recorded instead of being made twice. Returns the status reached.
   */
  async advance(applicationId: string, options: { refuseBadIntake?: boolean } = {}): Promise<string | null> {
    const opening = await this.openCaseBeforeLock(applicationId, options);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockPending(manager, applicationId);
      if (!row) return null;
      const user = takerOf(row);
      let caseId = row.caseId;
      if (!caseId) {
        if (opening && 'refused' in opening) {
          // Refused by the case path after it was acknowledged (e.g. the taker's area changed): kept, with why.
          await this.repository.refused(manager, row.id, opening.refused, null);
          return 'refused';
        }
        if (!opening || 'failed' in opening) {
          // Kept in this transaction (not thrown): the row's next try is what recovers it.
          await this.repository.later(manager, row.id);
          return 'opening-case';
        }
        caseId = opening.caseId;
        await this.repository.caseOpened(manager, row.id, caseId);
      }
      let view: HelpRequestView;
      try {
        view = await this.workflows.state(caseId);
      } catch (error) {
        // Not started yet (the case sweeper starts it) or Temporal away: later.
        await this.repository.later(manager, row.id);
        if (!(error instanceof WorkflowNotFoundError))
          this.logger.warn(
            { applicationId: row.id, caseId, err: error },
            'fair application: case not readable',
          );
        return 'awaiting-registration';
      }
      const hardship = view.personId ? view.categories.length > 0 : null;
      if (ENDED_STATES.includes(view.state)) {
        await this.repository.refused(manager, row.id, `case ${view.state}`, hardship);
        return 'refused';
      }
      if (view.state === OPEN_BEFORE_REGISTRATION || !view.personId) {
        await this.repository.later(manager, row.id);
        return 'awaiting-registration';
      }
      const existing = liveReferralOf(view, row.vacancyId);
      if (existing) {
        await this.repository.proposed(manager, row.id, { ...existing, hardship: hardship ?? false });
        return 'proposed';
      }
      if (!PROPOSING_STATES.includes(view.state)) {
        await this.repository.refused(manager, row.id, `case ${view.state}`, hardship);
        return 'refused';
      }
      let after: HelpRequestView;
      try {
        // The propose-referral update of POST /cases/{id}/referrals, by the staff member who took the application.
        after = await this.workflows.update(caseId, 'proposeReferral', {
          actor: actorOf(user),
          vacancyId: row.vacancyId,
        });
      } catch (error) {
        const problem = workflowProblem(error, caseId);
        if (problem instanceof ProblemException && problem.getStatus() < 500) {
          await this.repository.refused(manager, row.id, String(problem.message), hardship);
          return 'refused';
        }
        await this.repository.later(manager, row.id, hardship);
        this.logger.warn({ applicationId: row.id, caseId, err: error }, 'fair application: not proposed yet');
        return 'awaiting-registration';
      }
      const made = liveReferralOf(after, row.vacancyId);
      if (!made) {
        await this.repository.later(manager, row.id, hardship);
        return 'awaiting-registration';
      }
      await this.repository.proposed(manager, row.id, {
        ...made,
        hardship: after.categories.length > 0,
      });
      this.logger.log({ applicationId: row.id, caseId }, 'fair application proposed on its case');
      return 'proposed';
    });
  }

  /**
   * Opens the case of a pending application that has none yet, before its row lock is taken: opening it inside the
   * lock's transaction held that connection while the case path waited for others from the same pool. The fair's
   * idempotency key makes a second opener (the sweeper racing the request) find the same case.
   */
  private async openCaseBeforeLock(
    applicationId: string,
    options: { refuseBadIntake?: boolean },
  ): Promise<{ caseId: string } | { refused: string } | { failed: true } | undefined> {
    const row = await this.repository.pending(applicationId);
    if (!row || row.caseId) return undefined;
    const intake = JSON.parse(
      this.cipher.decrypt(row.intakeEncrypted!, intakeContext(row.id)),
    ) as OpenCaseDto;
    try {
      const opened = await this.cases.open(intake, fairCaseKey(row.id), takerOf(row), this.clock.now());
      return { caseId: opened.body.caseId };
    } catch (error) {
      if (options.refuseBadIntake) throw error;
      if (error instanceof ProblemException && error.getStatus() < 500)
        return { refused: String(error.message) };
      this.logger.warn({ applicationId: row.id, err: error }, 'fair application: case not opened yet');
      return { failed: true };
    }
  }

  /** The Assistance Month of a unit and year: its fairs and their totals. */
  async assistanceMonth(user: AuthenticatedUser, query: AssistanceMonthQuery) {
    const unit = await this.unitInArea(user, 'unit', query.unit);
    const fairs = await this.repository.assistanceMonthFairs(areaScope(user), unit.path, query.year);
    const counted = fairs.filter((fair) => fair.status !== 'cancelled');
    const totals: FairResults = {
      visitors: 0,
      applications: 0,
      hardshipApplicants: 0,
      referrals: 0,
      placements: 0,
    };
    for (const fair of counted) {
      for (const key of Object.keys(totals) as Array<keyof FairResults>) totals[key] += fair[key];
    }
    return {
      unit: { code: unit.code, name: unit.nameZh, nameEn: unit.nameEn },
      year: query.year,
      fairs: counted.length,
      held: fairs.filter((fair) => fair.status === 'held').length,
      cancelled: fairs.length - counted.length,
      ...totals,
      items: fairs.map(fairSummary),
    };
  }

  private applicationView(row: ApplicationRow, vacancy: FairVacancyRow | undefined) {
    let applicant: Applicant | null = null;
    try {
      applicant = JSON.parse(
        this.cipher.decrypt(row.applicantEncrypted, applicantContext(row.id)),
      ) as Applicant;
    } catch (error) {
      this.logger.error({ applicationId: row.id, err: error }, 'applicant does not decrypt');
    }
    return {
      id: row.id,
      takenAt: row.takenAt.toISOString(),
      takenBy: row.takenBy,
      applicantName: applicant?.name ?? null,
      applicantPhoneMasked: applicant?.phoneMasked ?? null,
      vacancyId: row.vacancyId,
      vacancyTitle: vacancy?.vacancyTitle ?? null,
      employerName: vacancy?.employerName ?? null,
      caseId: row.caseId,
      openedCase: row.openedCase,
      hardship: row.hardship,
      status: row.status,
      refusal: row.refusal,
      referralId: row.referralId,
      referralStatus: row.referralStatus,
      placed: row.placedAt !== null,
      placedAt: row.placedAt?.toISOString() ?? null,
    };
  }

  /** The caller of an open case the caller's area holds (404 outside it; 409 when it can take no proposal). */
  private async openCaseApplicant(caseId: string, user: AuthenticatedUser): Promise<Applicant> {
    const detail = await this.cases.detail(caseId, user);
    if (ENDED_STATES.includes(detail.state) || !detail.caller) {
      throw conflict(
        'caseId',
        'openCase',
        '该案件已结束，请为求助人重新受理',
        'the case has ended; take a new intake for the person',
      );
    }
    if (!PROPOSING_STATES.includes(detail.state) && detail.state !== OPEN_BEFORE_REGISTRATION) {
      throw conflict(
        'caseId',
        'notPlaced',
        '求助人已通过该案件就业，不能再推荐岗位',
        'the person is already in work through this case; no vacancy can be proposed on it',
      );
    }
    return { name: detail.caller.name, phoneMasked: detail.caller.phoneMasked };
  }

  /** The open case of the person with this ID number in the caller's area (exact match by blind index). */
  private async openCaseOf(user: AuthenticatedUser, idNumber: string): Promise<string | null> {
    const found = await this.caseLists.search(user, {
      term: idNumber.trim(),
      open: true,
      limit: 1,
      offset: 0,
    });
    return found.items[0]?.caseId ?? null;
  }

  private async unitInArea(user: AuthenticatedUser, field: string, code: string) {
    const unit = await this.orgTree.findByCode(code);
    if (!unit) {
      throw invalid([fieldError(field, 'exists', '不是组织树中的单位代码', 'is not a unit of the org tree')]);
    }
    if (!user.roles.includes('admin') && !isWithinScope(user, unit.path)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'The unit is outside your area / 该单位不在您的管辖范围内',
        [fieldError(field, 'inScope', '不在您的管辖范围内', 'is outside the caller’s org subtree')],
      );
    }
    return unit;
  }

  private today(): string {
    return shanghaiDateOf(this.clock.now());
  }
}

function checkDay(field: string, day: string): void {
  if (tryParseDay(day) === undefined)
    throw invalid([fieldError(field, 'isDate', '不是有效的日期', 'is not a calendar date')]);
}

/** planned → held (from its day on) or cancelled; a held or cancelled fair stays so. */
export function checkStatusChange(fair: FairRow, to: string, today: string): void {
  if (fair.status !== 'planned') {
    throw conflict(
      'status',
      'fromPlanned',
      '只有计划中的招聘会可以改为已举办或已取消',
      'only a planned fair can become held or cancelled',
    );
  }
  if (to === 'held' && fair.heldOn > today) {
    throw conflict(
      'status',
      'notBeforeItsDay',
      '招聘会举办日之前不能标记为已举办',
      'a fair cannot be marked held before its day',
    );
  }
}

const conflict = (field: string, rule: string, zh: string, en: string) =>
  new ProblemException(HttpStatus.CONFLICT, `${en} / ${zh}`, [fieldError(field, rule, zh, en)]);

const notHeld = () =>
  conflict(
    'status',
    'held',
    '只有已举办的招聘会才能登记现场申请和到场人数',
    'applications and visitors are taken only at a fair that is held',
  );

const fairNotFound = (id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No job fair has id ${id} / 招聘会 ${id} 不存在`);

function vacancyRows(vacancies: FairVacancyDto[]) {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  vacancies.forEach((v, index) => {
    if (seen.has(v.vacancyId)) {
      errors.push(
        fieldError(`vacancies.${index}.vacancyId`, 'unique', '岗位重复', 'the vacancy is listed twice'),
      );
    }
    seen.add(v.vacancyId);
  });
  if (errors.length) throw invalid(errors);
  return vacancies.map((v) => ({
    vacancyId: v.vacancyId,
    vacancyTitle: v.vacancyTitle,
    employerId: v.employerId,
    employerName: v.employerName,
  }));
}

function employersOf(vacancies: FairVacancyRow[]) {
  const employers = new Map<
    string,
    { employerId: string; employerName: string; vacancies: Array<{ vacancyId: string; title: string }> }
  >();
  for (const v of vacancies) {
    const employer = employers.get(v.employerId) ?? {
      employerId: v.employerId,
      employerName: v.employerName,
      vacancies: [],
    };
    employer.vacancies.push({ vacancyId: v.vacancyId, title: v.vacancyTitle });
    employers.set(v.employerId, employer);
  }
  return [...employers.values()];
}

function fairSummary(fair: FairRow) {
  return {
    id: fair.id,
    title: fair.title,
    heldOn: fair.heldOn,
    unitCode: fair.unitCode,
    unitName: fair.unitName,
    unitNameEn: fair.unitNameEn,
    venue: fair.venue,
    assistanceMonth: fair.assistanceMonth,
    status: fair.status,
    visitorsRecorded: fair.visitorsRecorded !== null,
    results: {
      visitors: fair.visitors,
      applications: fair.applications,
      hardshipApplicants: fair.hardshipApplicants,
      referrals: fair.referrals,
      placements: fair.placements,
    },
  };
}

export function liveReferralOf(view: HelpRequestView, vacancyId: string) {
  const referral = view.referrals.find((r) => r.vacancyId === vacancyId && LIVE_REFERRALS.includes(r.status));
  return referral ? { referralId: referral.referralId, status: referral.status } : null;
}

/** The staff member who took the application, as the case path needs them (opener, actor). */
function takerOf(row: ApplicationRow): AuthenticatedUser {
  return {
    userId: row.takenByUserId,
    username: row.takenBy,
    roles: row.takenByRoles as Role[],
    orgCode: row.takenByOrgPath.split('/').at(-1) ?? '',
    orgPath: row.takenByOrgPath,
    employerId: null,
  };
}

/** The case path names the intake's fields from its own root (`person.phone`); here they sit under `intake`. */
export function withIntakePrefix(error: ProblemException): ProblemException {
  if (!error.fieldErrors.length) return error;
  const prefixed = error.fieldErrors.map((e) =>
    e.field === 'Idempotency-Key'
      ? e
      : {
          ...e,
          field: `intake.${e.field}`,
          message: {
            zh: e.message.zh.startsWith(e.field) ? `intake.${e.message.zh}` : e.message.zh,
            en: e.message.en.startsWith(e.field) ? `intake.${e.message.en}` : e.message.en,
          },
        },
  );
  return new ProblemException(error.getStatus(), String(error.message), prefixed);
}
