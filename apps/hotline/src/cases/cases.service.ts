import { createHmac, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser, isWithinScope } from '@platform/auth';
import { MS_PER_DAY, parseInstant, shanghaiDateOf, tryParseDay } from '@platform/calendar';
import type {
  CaseCaller,
  CaseDetail,
  CaseIntake,
  CasePreparation,
  CaseTimelineEntry,
  CaseMatchProfile,
  HandOffCandidate,
  HelpRequestActor,
  HelpRequestInput,
  HelpRequestView,
  MatchPersonInput,
  OpenedCase,
  PersonIntake,
  RegisterForCaseResult,
  TimelineEntry,
} from '@platform/contracts';
import { HelpRequestEndings } from '@platform/contracts';
import { Clock, FieldError, ProblemException } from '@platform/nest-kit';
import { HELP_REQUEST_REVISION } from '@platform/workflows/help-request';
import { PiiCipher, piiContext, validateIdNumber, validateMobile } from '@platform/pii';
import { CalendarService } from '../calendar/calendar.service';
import { casePreparation } from '../case-activities/case-schedule';
import { CasePolicyService } from '../case-policy/case-policy.service';
import { HotlineConfig } from '../config';
import { OrgTreeService } from '../org-tree/org-tree.service';
import { areaScope } from '../org-tree/area-scope';
import { CaseRow } from './case.entity';
import { CallerCards, callerOf } from './case-caller';
import { CasesRepository } from './cases.repository';
import { namesInTimeline, timelineSentence } from './timeline-sentences';
import { CaseLocationService } from './location/case-location.service';
import { OpenCaseDto } from './case.dto';
import { caseEnded, caseNotFound, fieldError, invalid, workflowProblem } from './case-problems';
import { CASES_CONFIG, CaseUpdates, CaseWorkflows } from './case-workflows';
import { PersonRegistrations } from './person-registration';

const FINISHED_STATES = [...HelpRequestEndings, 'closed'] as const;
/** The roles a workflow actor may carry (an employer never acts on a case). */
const STAFF_ROLES = ['operator', 'supervisor', 'admin'] as const;

/** The staff member as the workflow sees them: only what scope and audit need. */
export function actorOf(
  user: Pick<AuthenticatedUser, 'userId' | 'username' | 'roles' | 'orgPath'>,
): HelpRequestActor {
  return {
    userId: user.userId,
    username: user.username,
    roles: user.roles.filter((role): role is HelpRequestActor['roles'][number] =>
      (STAFF_ROLES as readonly string[]).includes(role),
    ),
    orgPath: user.orgPath,
  };
}

@Injectable()
export class CasesService {
  private readonly logger = new Logger(CasesService.name);
  private readonly cipher: PiiCipher;
  private readonly requestHashKey: Buffer;
  private readonly callers: CallerCards;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
    private readonly workflows: CaseWorkflows,
    private readonly orgTree: OrgTreeService,
    private readonly calendar: CalendarService,
    private readonly policies: CasePolicyService,
    private readonly repository: CasesRepository,
    private readonly locations: CaseLocationService,
    private readonly registrations: PersonRegistrations,
    /** The day ages are counted to (tests choose it). */
    private readonly clock: Clock,
  ) {
    this.cipher = new PiiCipher(config);
    this.requestHashKey = Buffer.from(config.PII_BLIND_INDEX_KEY, 'base64');
    this.callers = new CallerCards(this.cipher, config.PII_BLIND_INDEX_KEY);
  }

  /**
   * Opens a case: the row (intake encrypted) commits first, then the workflow starts and the stored intake is
   * dropped. A crash in between leaves a row the sweeper starts later. `created` is false for a retry.
   */
  async open(
    dto: OpenCaseDto,
    idempotencyKey: string,
    user: AuthenticatedUser,
    now = new Date(),
    /** The caller's own Authorization header: with it people registers the caller during this request. */
    authorization?: string,
  ): Promise<{ created: boolean; body: OpenedCase }> {
    const intake = this.checkedIntake(dto, now);
    const receivedAt = checkedReceivedAt(dto.receivedAt, now);
    const community = await this.orgTree.findByCode(intake.person.communityCode);
    if (!community || community.level !== 'community') {
      throw invalid([
        fieldError(
          'person.communityCode',
          'exists',
          '不是组织树中的社区代码',
          'is not the code of a community in the org tree',
        ),
      ]);
    }
    if (!isWithinScope(user, community.path)) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'The community is outside your area / 该社区不在您的管辖范围内',
        [
          fieldError(
            'person.communityCode',
            'inScope',
            '不在您的管辖范围内',
            'is outside the caller’s org subtree',
          ),
        ],
      );
    }
    const ancestors = await this.orgTree.ancestorsOf(community);
    const district = ancestors.find((unit) => unit.level === 'district');
    const street = ancestors.find((unit) => unit.level === 'street');
    if (!district || !street)
      throw new Error(`org tree: community ${community.code} lacks a district or street`);

    // The instant is part of the request (a retry must repeat it), normalized so that any spelling of the
    // same instant is the same request; without one the hash is the intake's alone, as before it existed.
    const requestHash = this.requestHash(
      receivedAt ? { intake, receivedAt: receivedAt.toISOString() } : intake,
    );
    const table = this.table('cases');
    const caseId = randomUUID(); // the intake's ciphertext is bound to this row
    // opened_at is when the call was received (the SLA clock's start); recorded_at defaults to now. The
    // caller's card is written in the same transaction, so a case never lacks the person it is about.
    const intakeEncrypted = this.cipher.encrypt(JSON.stringify(intake), intakeContext(caseId));
    const inserted: Array<{ opened_at: Date }> = await this.dataSource.transaction(async (manager) => {
      const rows: Array<{ opened_at: Date }> = await manager.query(
        `INSERT INTO ${table} (id, idempotency_key, request_hash, opened_by, opened_by_user_id, org_path,
         district_code, street_code, community_code, intake_encrypted, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11::timestamptz, now()))
       ON CONFLICT (opened_by, idempotency_key) DO NOTHING
       RETURNING opened_at`,
        [
          caseId,
          idempotencyKey,
          requestHash,
          user.username,
          user.userId,
          community.path,
          district.code,
          street.code,
          community.code,
          intakeEncrypted,
          receivedAt ?? null,
        ],
      );
      if (rows.length)
        await this.repository.insertCaller(manager, caseId, this.callers.store(caseId, intake));
      return rows;
    });
    const created = inserted.length > 0;
    // A retry reads the row the first request wrote; a new row is what was just inserted.
    const row = created
      ? Object.assign(new CaseRow(), {
          id: caseId,
          idempotencyKey,
          requestHash,
          openedBy: user.username,
          openedByUserId: user.userId,
          orgPath: community.path,
          districtCode: district.code,
          streetCode: street.code,
          communityCode: community.code,
          openedAt: inserted[0].opened_at,
          intakeEncrypted,
          workflowStartedAt: null,
        })
      : await this.dataSource
          .getRepository(CaseRow)
          .findOneByOrFail({ openedBy: user.username, idempotencyKey });
    if (!created && row.requestHash !== requestHash) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'This Idempotency-Key was already used with a different request / 该幂等键已用于内容不同的请求',
        [
          fieldError(
            'Idempotency-Key',
            'sameRequest',
            '已用于内容不同的请求',
            'was already used with a different request body',
          ),
        ],
      );
    }
    // Policy and SLA computed once: the deadline the caller is told is the one the workflow's clock keeps.
    // Meanwhile people registers the caller, so the workflow starts registered (or registers them itself).
    const [prepared, registered] = await Promise.all([
      this.preparation(row),
      row.workflowStartedAt
        ? null
        : this.registrations.register(authorization, {
            caseId: row.id,
            occurredAt: row.openedAt.toISOString(),
            person: intake.person,
          }),
    ]);
    if (!row.workflowStartedAt) {
      // Not fatal for the caller: the case is stored, and the sweeper retries the start.
      await this.startWorkflow(row, intake, actorOf(user), undefined, prepared, registered).catch(
        (error: unknown) => this.logger.warn({ caseId: row.id, err: error }, 'case workflow not started yet'),
      );
    }
    const { sla } = prepared;
    return {
      created,
      body: {
        caseId: row.id,
        openedAt: row.openedAt.toISOString(),
        state: 'intake',
        owner: row.openedBy,
        deadline: new Date(sla.deadline).toISOString(),
        dueDate: sla.dueDate,
        provisional: sla.provisional,
      },
    };
  }

  /** Starts the case's workflow from its row and intake, then drops the stored intake. */
  async startWorkflow(
    row: CaseRow,
    intake: CaseIntake,
    openedBy: HelpRequestActor,
    manager: EntityManager = this.dataSource.manager,
    prepared?: CasePreparation,
    registered?: RegisterForCaseResult | null,
  ): Promise<void> {
    const input: HelpRequestInput = {
      caseId: row.id,
      openedAt: row.openedAt.toISOString(),
      openedBy,
      districtCode: row.districtCode,
      streetCode: row.streetCode,
      communityCode: row.communityCode,
      intake,
      options: {
        upsertSearchAttributes: this.config.HOTLINE_CASE_SEARCH_ATTRIBUTES,
        taskQueues: {
          people: this.config.PEOPLE_TASK_QUEUE,
          jobs: this.config.JOBS_TASK_QUEUE,
          employers: this.config.EMPLOYERS_TASK_QUEUE,
          hotlineActivities: this.config.HOTLINE_ACTIVITY_TASK_QUEUE,
        },
      },
      // The workflow skips its `prepareCase` round trip (a start retried by the sweeper computes it now).
      prepared: prepared ?? (await this.preparation(row, manager)),
      ...(registered ? { registered } : {}),
      revision: HELP_REQUEST_REVISION,
    };
    await this.workflows.start(input);
    await manager.query(
      `UPDATE ${this.table('cases')} SET workflow_started_at = now(), intake_encrypted = NULL
       WHERE id = $1 AND workflow_started_at IS NULL`,
      [row.id],
    );
  }

  /** The policy in force and the SLA from the call, by the rule of the workflow's `prepareCase`. */
  private async preparation(row: CaseRow, manager?: EntityManager): Promise<CasePreparation> {
    // Inside a transaction (the sweeper's) both reads go on its own connection, one after the other.
    const [policy, calendar] = manager
      ? [await this.policies.current(manager), await this.calendar.current(manager)]
      : await Promise.all([this.policies.current(), this.calendar.current()]);
    return casePreparation(policy, calendar, row.openedAt.toISOString());
  }

  decryptIntake(stored: string, caseId: string): CaseIntake {
    return JSON.parse(this.cipher.decrypt(stored, intakeContext(caseId))) as CaseIntake;
  }

  /** The case if the caller's area holds it (the area is in the query); 404 otherwise, revealing nothing. */
  async visibleCase(id: string, user: AuthenticatedUser): Promise<CaseRow> {
    const row = await this.repository.findInArea(id, areaScope(user));
    if (!row) throw caseNotFound(id);
    return row;
  }

  async detail(id: string, user: AuthenticatedUser): Promise<CaseDetail> {
    const row = await this.visibleCase(id, user);
    let view: HelpRequestView | null = null;
    let timeline: TimelineEntry[] = [];
    if (row.workflowStartedAt) {
      try {
        [view, timeline] = await Promise.all([this.workflows.state(id), this.workflows.timeline(id)]);
      } catch (error) {
        throw workflowProblem(error, id);
      }
    }
    const scope = areaScope(user);
    const held = await this.repository.callerInArea(id, scope);
    // Registered: the intake's person is no longer needed here (the people service holds the person now).
    if (view?.personId && held?.personEncrypted) await this.repository.forgetPendingPerson(id);
    const owner = view?.owner ?? row.openedBy;
    const staff = await this.repository.staffNames([
      ...new Set([owner, row.openedBy, ...timeline.flatMap((entry) => staffIn(entry))]),
    ]);
    const names = {
      staff: (username: string) => staff.get(username) ?? username,
      ...namesInTimeline(timeline),
    };
    return {
      caseId: row.id,
      openedAt: row.openedAt.toISOString(),
      openedBy: row.openedBy,
      districtCode: row.districtCode,
      streetCode: row.streetCode,
      communityCode: row.communityCode,
      workflowStartedAt: row.workflowStartedAt?.toISOString() ?? null,
      state: view?.state ?? 'intake',
      view,
      timeline: timeline.map((entry): CaseTimelineEntry => ({
        ...entry,
        text: timelineSentence(entry, names),
      })),
      remaining: await this.remaining(view),
      caller: held ? this.callerOn(held.cardEncrypted, id, this.clock.now()) : null,
      communityName: await this.repository.orgUnitName(row.communityCode),
      ownerName: names.staff(owner),
      openedByName: names.staff(row.openedBy),
      registrationRetryable:
        !!view?.registrationFailure && view.state === 'intake' && !view.personId && !!held?.personEncrypted,
    };
  }

  private callerOn(cardEncrypted: string, caseId: string, now: Date): CaseCaller | null {
    try {
      return callerOf(this.callers.card(cardEncrypted, caseId), shanghaiDateOf(now));
    } catch (error) {
      this.logger.error({ caseId, err: error }, 'caller card does not decrypt');
      return null;
    }
  }

  /**
   * A registration the people service refused (bad data) is sent again with the operator's corrections (the
   * workflow's `retryRegistration` update): the case keeps its number and its clock. The caller card and the
   * search indexes take the corrections first, so a refusal shown again shows what was sent. Answers the case's
   * view once the people service answered (or, during an outage there, with the registration still going on).
   */
  async retryRegistration(
    id: string,
    user: AuthenticatedUser,
    corrections: Partial<PersonIntake>,
    now = this.clock.now(),
  ): Promise<HelpRequestView> {
    const row = await this.visibleCase(id, user);
    if (!row.workflowStartedAt) throw nothingToRetry();
    const scope = areaScope(user);
    let view: HelpRequestView;
    try {
      view = await this.workflows.state(id);
    } catch (error) {
      throw workflowProblem(error, id);
    }
    if (view.owner !== user.username && !user.roles.includes('supervisor')) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'Only the case owner or a supervisor may do this / 仅案件负责人或督导可执行此操作',
      );
    }
    if (view.state !== 'intake' || view.personId || !view.registrationFailure) throw nothingToRetry();
    const held = await this.repository.callerInArea(id, scope);
    if (!held?.personEncrypted) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'The intake of this case is no longer held; open a new case / 该案件的受理信息已不再保存，请重新受理',
      );
    }
    const card = this.callers.card(held.cardEncrypted, id);
    // Checked as at intake; the rest of the intake as the card holds it.
    const person = this.checkedPerson(
      { ...this.callers.person(held.personEncrypted, id), ...definedOnly(corrections) },
      now,
    );
    const { wants, acceptsAnyJob, constraints } = card;
    await this.repository.replaceCaller(
      id,
      scope,
      this.callers.store(id, { person, wants, acceptsAnyJob, skills: [], constraints }),
    );
    try {
      return await this.workflows.update(id, 'retryRegistration', {
        actor: actorOf(user),
        person,
      });
    } catch (error) {
      throw workflowProblem(error, id);
    }
  }

  /**
   * The case as `POST /matching` of the jobs service takes its `person`: no personal identifiers, the intake's
   * skills and constraints with the categories registration found, and the point to measure distances from
   * (the community an operator set, else the intake's point, else the centroid of the case's community: see
   * CaseLocationService). 409 until the person is registered (categories decide priority and escalation), or
   * when no point is known at all (a community the org tree has no centroid for).
   */
  async matchProfile(id: string, user: AuthenticatedUser): Promise<MatchPersonInput> {
    const row = await this.visibleCase(id, user);
    if (!row.workflowStartedAt) throw notRegisteredYet();
    let profile: CaseMatchProfile;
    try {
      profile = await this.workflows.matchProfile(id);
    } catch (error) {
      throw workflowProblem(error, id);
    }
    if (!profile.registered) throw notRegisteredYet();
    const { point } = await this.locations.workFrom(row, areaScope(user), profile.location);
    if (!point) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'No location is known for this case, so vacancies cannot be matched by distance / 该案件没有可用的位置，无法按距离匹配岗位',
        [
          fieldError(
            'location',
            'isDefined',
            '请在案件中设置求助人可工作的社区',
            'set the community the person can work from on the case',
          ),
        ],
      );
    }
    const { constraints } = profile;
    return {
      skills: profile.skills,
      lat: point.lat,
      lng: point.lng,
      // Intake allows up to 200 km, matching searches at most 100 km.
      ...(constraints.maxDistanceKm != null
        ? { maxDistanceKm: Math.min(constraints.maxDistanceKm, MATCHING_MAX_DISTANCE_KM) }
        : {}),
      ...(constraints.hours?.length ? { acceptedHours: constraints.hours } : {}),
      ...(constraints.maxPhysicalDemand ? { maxPhysicalDemand: constraints.maxPhysicalDemand } : {}),
      ...(constraints.needsDisabledSuitable != null
        ? { needsDisabledSuitable: constraints.needsDisabledSuitable }
        : {}),
      ...(constraints.minWageFen != null ? { minWageFen: constraints.minWageFen } : {}),
      categories: profile.categories,
      acceptsAnyJob: profile.acceptsAnyJob,
    };
  }

  /**
   * One operator action as a workflow update. Only the case's owner or a supervisor whose subtree holds the
   * case may act; the workflow validates the rest (state, referral) and its rejections become 4xx.
   */
  async act<K extends keyof CaseUpdates>(
    id: string,
    user: AuthenticatedUser,
    name: K,
    request: Omit<CaseUpdates[K], 'actor'>,
  ): Promise<HelpRequestView> {
    const row = await this.visibleCase(id, user);
    if (!row.workflowStartedAt) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'The case is still being opened; try again in a moment / 案件正在建立，请稍后再试',
      );
    }
    try {
      const current = await this.workflows.state(id);
      if (current.owner !== user.username && !user.roles.includes('supervisor')) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'Only the case owner or a supervisor may do this / 仅案件负责人或督导可执行此操作',
        );
      }
      if ((FINISHED_STATES as readonly string[]).includes(current.state)) throw caseEnded(current.state);
      try {
        return await this.workflows.update(id, name, { ...request, actor: actorOf(user) } as CaseUpdates[K]);
      } catch (error) {
        // It was running a moment ago (the query answered): it has just finished.
        if (error instanceof WorkflowNotFoundError) throw caseEnded('closed');
        throw error;
      }
    } catch (error) {
      throw workflowProblem(error, id);
    }
  }

  /** Who the case can be handed to: operator and supervisor accounts whose area holds its community. */
  async handOffCandidates(id: string, user: AuthenticatedUser): Promise<HandOffCandidate[]> {
    const row = await this.visibleCase(id, user);
    return this.repository.handOffCandidates(row.orgPath);
  }

  /** The new owner must be an operator or supervisor account whose area holds the case. */
  async checkHandOffTarget(row: CaseRow, username: string): Promise<void> {
    const account = await this.repository.accountArea(username);
    const staff = account?.roles.some((role) => role === 'operator' || role === 'supervisor');
    if (!account || !staff) {
      throw invalid([
        fieldError(
          'toOwner',
          'staffAccount',
          '不是接线员或督导账号',
          'is not an operator or supervisor account',
        ),
      ]);
    }
    if (!(row.orgPath === account.path || row.orgPath.startsWith(`${account.path}/`))) {
      throw invalid([
        fieldError('toOwner', 'inScope', '该账号无权处理此案件所在社区', 'cannot see the case’s community'),
      ]);
    }
  }

  private async remaining(view: HelpRequestView | null): Promise<CaseDetail['remaining']> {
    const ended =
      view && (view.state === 'closed' || (HelpRequestEndings as readonly string[]).includes(view.state));
    // Time counts down only while a promise still waits for a placement (none for callers who pick and choose).
    const noPromise = view?.promise === 'not-applicable' || view?.promise === 'waived';
    if (!view?.sla || view.sla.placedAt || ended || noPromise) return null;
    const left = (await this.calendar.current()).remainingWorkingTime(
      new Date(),
      new Date(view.sla.deadline),
    );
    return { ms: left.ms, workingDays: left.workingDays };
  }

  /** Validates what class-validator cannot, and keeps exactly the CaseIntake fields (normalized). */
  private checkedIntake(dto: OpenCaseDto, now: Date): CaseIntake {
    const { constraints, location } = dto;
    return {
      person: this.checkedPerson(dto.person, now),
      wants: dto.wants.trim(),
      acceptsAnyJob: dto.acceptsAnyJob,
      skills: dto.skills.map((skill) => skill.trim()),
      constraints: {
        ...(constraints.hours != null ? { hours: constraints.hours } : {}),
        ...(constraints.maxDistanceKm != null ? { maxDistanceKm: constraints.maxDistanceKm } : {}),
        ...(constraints.maxPhysicalDemand != null
          ? { maxPhysicalDemand: constraints.maxPhysicalDemand }
          : {}),
        ...(constraints.needsDisabledSuitable != null
          ? { needsDisabledSuitable: constraints.needsDisabledSuitable }
          : {}),
        ...(constraints.minWageFen != null ? { minWageFen: constraints.minWageFen } : {}),
      },
      ...(location ? { location: { lat: location.lat, lng: location.lng } } : {}),
    };
  }

  /** The intake's person, checked (ID number, phone, dates: 400 naming each field) and normalized. */
  private checkedPerson(person: PersonIntake, now: Date): PersonIntake {
    const errors: FieldError[] = [];
    const id = validateIdNumber(person.idNumber);
    if (!id.valid) errors.push(prefixed('person.idNumber', id.rule, id.message));
    const phone = validateMobile(person.phone);
    if (!phone.valid) errors.push(prefixed('person.phone', phone.rule, phone.message));
    const { unemployment, circumstances, disabilityCertificateNo } = person;
    if (unemployment) errors.push(...registrationDateErrors(unemployment.registeredOn, now));
    if (errors.length || !id.valid || !phone.valid) throw invalid(errors);
    return {
      name: person.name.trim(),
      idNumber: id.normalized,
      phone: phone.normalized,
      hukouType: person.hukouType,
      hukouPlace: person.hukouPlace.trim(),
      communityCode: person.communityCode,
      ...(person.residenceAddress != null ? { residenceAddress: person.residenceAddress.trim() } : {}),
      // Left out when not said, so the people service keeps what it has on file for a known person.
      ...(disabilityCertificateNo !== undefined
        ? { disabilityCertificateNo: disabilityCertificateNo.toUpperCase() }
        : {}),
      ...(unemployment
        ? { unemployment: { registeredOn: unemployment.registeredOn, status: unemployment.status } }
        : {}),
      ...(circumstances ? { circumstances: definedOnly({ ...circumstances }) } : {}),
    };
  }

  /**
   * HMAC-SHA256 (blind-index key) of the canonical intake: a plain SHA-256 of a body with an ID number and a
   * phone could be brute-forced back to them; the key makes the stored hash useless without it.
   */
  private requestHash(request: CaseIntake | { intake: CaseIntake; receivedAt: string }): string {
    return createHmac('sha256', this.requestHashKey)
      .update(`case-request\u0000${canonicalJson(request)}`)
      .digest('hex');
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}

/** JSON with object keys sorted at every level, so key order in the request does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The widest radius `POST /matching` of the jobs service accepts. */
const MATCHING_MAX_DISTANCE_KM = 100;

const nothingToRetry = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'Only an intake the people service refused can be sent again / 只有被拒绝登记的受理信息才能重新提交',
  );

/** The staff usernames a timeline entry names (its actor and a hand-off's two owners). */
function staffIn(entry: TimelineEntry): string[] {
  return [entry.actor, entry.facts?.fromOwner, entry.facts?.toOwner, ...legacyOwners(entry)].filter(
    (name): name is string => !!name && name !== 'system',
  );
}

function legacyOwners(entry: TimelineEntry): string[] {
  const match =
    entry.kind === 'handoff' && !entry.facts ? entry.detail?.match(/^owner (\S+) → (\S+):/) : null;
  return match ? [match[1], match[2]] : [];
}

const notRegisteredYet = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'The person is not registered yet; matching needs the registration / 求助人尚未完成登记，登记后才能匹配岗位',
  );

/** How far back a call may be keyed in, and the clock skew tolerated for "now" from another machine. */
const MAX_RECEIVED_AGE_MS = 30 * MS_PER_DAY;
const CLOCK_SKEW_MS = 60_000;

/** The instant a late-keyed call was received; undefined when the call is being taken now. */
export function checkedReceivedAt(text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return undefined;
  let receivedAt: Date;
  try {
    receivedAt = parseInstant(text);
  } catch {
    throw invalid([
      fieldError(
        'receivedAt',
        'isInstant',
        '必须为带时区偏移的 ISO-8601 时间，例如 2025-10-09T14:30:00+08:00',
        'must be an ISO-8601 instant with an offset, e.g. 2025-10-09T14:30:00+08:00',
      ),
    ]);
  }
  if (receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid([fieldError('receivedAt', 'notInFuture', '不能晚于当前时间', 'must not be in the future')]);
  }
  if (receivedAt.getTime() < now.getTime() - MAX_RECEIVED_AGE_MS) {
    throw invalid([
      fieldError('receivedAt', 'withinLast30Days', '不能早于 30 天前', 'must be at most 30 days ago'),
    ]);
  }
  return receivedAt;
}

/** The unemployment registration's date: a real calendar day, not after today (Shanghai). */
function registrationDateErrors(registeredOn: string, now: Date): FieldError[] {
  const field = 'person.unemployment.registeredOn';
  if (tryParseDay(registeredOn) === undefined)
    return [fieldError(field, 'isDate', '不是有效的日期', 'is not a calendar date')];
  if (registeredOn > shanghaiDateOf(now))
    return [fieldError(field, 'notInFuture', '不能晚于今天', 'must not be in the future')];
  return [];
}

/** Only the keys that were sent (class-transformer leaves absent ones undefined). */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function prefixed(field: string, rule: string, message: { zh: string; en: string }): FieldError {
  return { field, rule, message: { zh: `${field}：${message.zh}`, en: `${field}: ${message.en}` } };
}

/** Where a case's stored intake lives: its ciphertext only decrypts on that row (see PiiCipher). */
export const intakeContext = (caseId: string) => piiContext('cases', 'intake_encrypted', caseId);
