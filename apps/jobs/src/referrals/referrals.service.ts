import { HttpStatus, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CITY_CODE, orgPathOfCode } from '@platform/auth';
import {
  EmployerDeclineReason,
  EmployerReferralView,
  ReferralEventData,
  referralEventDataSchema,
  ReferralEventTypes,
  ReferralStatus,
  StaffReferralView,
  Topics,
} from '@platform/contracts';
import { FieldError, Page, ProblemException } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import { vacancyNotFound } from '../vacancies/vacancies.service';
import { ID_NUMBER_LIKE, ProposeReferralBody } from './referral.dto';
import {
  ReferralFilter,
  ReferralRow,
  ReferralScope,
  ReferralsRepository,
  StatusChange,
} from './referrals.repository';

/** The candidate as name, masked phone and skills: no operator notes, no person's reason (see the contract). */
export function employerView(row: ReferralRow): EmployerReferralView {
  const { name, maskedPhone, skills } = row.candidate;
  return {
    id: row.id,
    vacancyId: row.vacancy_id,
    vacancyTitle: row.vacancy_title,
    status: row.status,
    candidate: { name, maskedPhone, skills },
    employerReasonCode: row.employer_reason_code,
    employerReason: row.employer_reason,
    respondBy: row.respond_by?.toISOString() ?? null,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function staffView(row: ReferralRow): StaffReferralView {
  const employer = employerView(row);
  return {
    ...employer,
    candidate: { ...employer.candidate, experienceSummary: row.candidate.experienceSummary ?? '' },
    personReason: row.person_reason,
    employerId: row.employer_id,
    employerName: row.employer_name,
    personId: row.person_id,
    caseId: row.case_id,
    orgPath: row.org_path,
    endReason: row.end_reason,
    holdsHeadcount: row.holds_headcount,
    proposedBy: row.proposed_by,
  };
}

const EVENT_TYPE: Record<ReferralStatus, string> = {
  proposed: ReferralEventTypes.proposed,
  employer_accepted: ReferralEventTypes.employerAccepted,
  employer_declined: ReferralEventTypes.employerDeclined,
  person_accepted: ReferralEventTypes.personAccepted,
  person_declined: ReferralEventTypes.personDeclined,
  started: ReferralEventTypes.started,
  ended: ReferralEventTypes.ended,
  expired: ReferralEventTypes.expired,
};

interface Transition extends StatusChange {
  /** reserve: one place of headcount on employer acceptance; release: give it back if this referral holds one. */
  headcount?: 'reserve' | 'release';
  reason?: string | null;
  occurredOn?: string | null;
}

const conflict = (detail: string) => new ProblemException(HttpStatus.CONFLICT, detail);
const notFound = () => new ProblemException(HttpStatus.NOT_FOUND, 'No such referral / 未找到该推荐');

/**
 * Referrals (推荐就业): proposed → employer accepted/declined → person accepted/declined → started → ended, or
 * expired while waiting for an answer. Each transition is one transaction: the guarded status UPDATE, the
 * headcount counter and the `jobs.referral.v1` outbox event commit together or not at all.
 *
 * Proposals and the person's answers come only from the case workflow (through the jobs activities), after the
 * hotline checked the caller against the case's area and owner; the referral keeps the case's area for staff reads.
 */
@Injectable()
export class ReferralsService {
  constructor(private readonly repository: ReferralsRepository) {}

  async propose(body: ProposeReferralBody, actor: string, correlationId: string): Promise<ReferralRow> {
    const { personId, ...candidate } = body.candidate;
    const errors: FieldError[] = [];
    const noIdNumber = (field: string) =>
      errors.push({
        field: `candidate.${field}`,
        rule: 'noIdNumber',
        message: { zh: '不得包含身份证号码', en: 'must not contain an ID number' },
      });
    for (const field of ['name', 'experienceSummary', 'personId'] as const)
      if (ID_NUMBER_LIKE.test(body.candidate[field] ?? '')) noIdNumber(field);
    if (candidate.skills.some((skill) => ID_NUMBER_LIKE.test(skill))) noIdNumber('skills');
    if (errors.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The candidate is invalid / 候选人信息有误', errors);
    // Workflows started before the case's community was sent: the referral belongs to the city.
    const orgPath = body.caseCommunityCode ? orgPathOfCode(body.caseCommunityCode) : CITY_CODE;
    try {
      return await this.repository.transaction(async (manager) => {
        const vacancy = await this.repository.vacancyForProposal(manager, body.vacancyId);
        if (!vacancy) throw vacancyNotFound();
        const existing = await this.repository.findLive(body.vacancyId, personId, manager);
        if (existing) return this.existingFor(existing, body.caseId, manager);
        if (!vacancy.open) throw conflict('The vacancy is not open or is full / 该岗位已关闭或已满员');
        const id = await this.repository.insert(manager, {
          vacancyId: body.vacancyId,
          employerId: vacancy.employer_id,
          caseId: body.caseId,
          personId,
          orgPath,
          candidate,
          respondWithinHours: body.respondWithinHours,
          proposedBy: actor,
        });
        const row = (await this.repository.find({ all: true }, id, manager))!;
        await this.event(manager, row, null, actor, correlationId, null, null);
        return row;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const existing = await this.repository.findLive(body.vacancyId, personId);
        if (existing) return this.existingFor(existing, body.caseId);
      }
      throw error;
    }
  }

  /** The referral if it is in the caller's scope; 404 otherwise (another area's referral is not revealed). */
  async get(scope: ReferralScope, id: string): Promise<ReferralRow> {
    const row = await this.repository.find(scope, id);
    if (!row) throw notFound();
    return row;
  }

  async list(scope: ReferralScope, filter: ReferralFilter): Promise<Page<ReferralRow>> {
    const { rows, total } = await this.repository.list(scope, filter);
    return { items: rows, total, limit: filter.limit, offset: filter.offset };
  }

  employerAccept(employerId: string, id: string, actor: string, correlationId: string) {
    return this.transition({ employerId }, id, actor, correlationId, {
      from: ['proposed'],
      to: 'employer_accepted',
      headcount: 'reserve',
      respondBy: 'restart',
    });
  }

  employerDecline(
    employerId: string,
    id: string,
    decline: { reasonCode: EmployerDeclineReason; reason?: string },
    actor: string,
    correlationId: string,
  ) {
    return this.transition({ employerId }, id, actor, correlationId, {
      from: ['proposed'],
      to: 'employer_declined',
      employerDecline: { reasonCode: decline.reasonCode, reason: decline.reason ?? null },
      respondBy: 'clear',
      // The case's timeline reads "code: note", as for the person's declines.
      reason: decline.reason ? `${decline.reasonCode}: ${decline.reason}` : decline.reasonCode,
    });
  }

  /** For the case workflow (the hotline checked the caller). */
  personAccept(id: string, actor: string, correlationId: string) {
    return this.transition({ all: true }, id, actor, correlationId, {
      from: ['employer_accepted'],
      to: 'person_accepted',
      respondBy: 'clear',
    });
  }

  /** For the case workflow (the hotline checked the caller). */
  personDecline(id: string, reason: string, actor: string, correlationId: string) {
    return this.transition({ all: true }, id, actor, correlationId, {
      from: ['employer_accepted'],
      to: 'person_declined',
      personReason: reason,
      respondBy: 'clear',
      headcount: 'release',
      reason,
    });
  }

  /** The employer confirms the person started (in the portal, or to the operator, through the case workflow). */
  confirmStart(scope: ReferralScope, id: string, startedOn: string, actor: string, correlationId: string) {
    return this.transition(scope, id, actor, correlationId, {
      from: ['person_accepted'],
      to: 'started',
      startedOn,
      occurredOn: startedOn,
    });
  }

  end(
    scope: ReferralScope,
    id: string,
    endedOn: string,
    reason: string,
    actor: string,
    correlationId: string,
  ) {
    return this.transition(scope, id, actor, correlationId, {
      from: ['started'],
      to: 'ended',
      ended: { on: endedOn, reason },
      reason,
      occurredOn: endedOn,
    });
  }

  /** Expires referrals nobody answered in time; an employer's reserved place goes back to the vacancy. */
  async expireDue(now = new Date()): Promise<number> {
    return this.repository.transaction(async (manager) => {
      const due = await this.repository.lockOverdue(manager, now);
      for (const id of due)
        await this.apply(manager, { all: true }, id, 'system', `expiry:${id}`, {
          from: ['proposed', 'employer_accepted'],
          to: 'expired',
          respondBy: 'clear',
          headcount: 'release',
        });
      return due.length;
    });
  }

  private transition(
    scope: ReferralScope,
    id: string,
    actor: string,
    correlationId: string,
    step: Transition,
  ) {
    return this.repository.transaction((manager) =>
      this.apply(manager, scope, id, actor, correlationId, step),
    );
  }

  private async apply(
    manager: EntityManager,
    scope: ReferralScope,
    id: string,
    actor: string,
    correlationId: string,
    step: Transition,
  ): Promise<ReferralRow> {
    const change = await this.repository.changeStatus(manager, scope, id, step);
    if (!change) {
      const current = await this.repository.find(scope, id, manager);
      if (!current) throw notFound(); // outside the caller's scope, or no such referral
      throw conflict(
        `The referral is ${current.status}; it cannot become ${step.to} / 推荐当前状态为 ${current.status}，不能变更为 ${step.to}`,
      );
    }
    if (step.headcount === 'reserve' && !(await this.repository.reservePlace(manager, id, change.vacancy_id)))
      throw conflict('The vacancy has no open place left / 该岗位名额已满');
    if (step.headcount === 'release' && change.held)
      await this.repository.releasePlace(manager, id, change.vacancy_id);
    const row = (await this.repository.find({ all: true }, id, manager))!;
    await this.event(
      manager,
      row,
      change.previous,
      actor,
      correlationId,
      step.reason ?? null,
      step.occurredOn ?? null,
    );
    return row;
  }

  private async existingFor(
    existing: { id: string; case_id: string },
    caseId: string,
    manager?: EntityManager,
  ): Promise<ReferralRow> {
    if (existing.case_id !== caseId)
      throw conflict('This person already has a live referral to this vacancy / 该人员已被推荐到此岗位');
    const row = await this.repository.find({ all: true }, existing.id, manager);
    if (!row) throw notFound();
    return row;
  }

  private event(
    manager: EntityManager,
    row: ReferralRow,
    previous: ReferralStatus | null,
    actor: string,
    correlationId: string,
    reason: string | null,
    occurredOn: string | null,
  ) {
    return enqueueEvent<ReferralEventData>(manager, this.repository.schema, Topics.jobsReferral, {
      type: EVENT_TYPE[row.status],
      source: 'jobs',
      subject: row.id,
      correlationId,
      // Validated against the published schema on produce, as consumers validate it on consume.
      data: referralEventDataSchema.parse({
        referralId: row.id,
        vacancyId: row.vacancy_id,
        employerId: row.employer_id,
        caseId: row.case_id,
        personId: row.person_id,
        status: row.status,
        previousStatus: previous,
        reason,
        actor,
        occurredOn,
      }),
    });
  }
}
