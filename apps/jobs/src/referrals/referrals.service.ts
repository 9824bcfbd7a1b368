import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

export type ReferralScope = { employerId: string } | { staff: true };

interface ReferralRow {
  id: string;
  vacancy_id: string;
  vacancy_title: string;
  employer_id: string;
  case_id: string;
  person_id: string;
  candidate: EmployerReferralView['candidate'];
  status: ReferralStatus;
  employer_reason_code: EmployerDeclineReason | null;
  employer_reason: string | null;
  person_reason: string | null;
  end_reason: string | null;
  holds_headcount: boolean;
  respond_by: Date | null;
  started_on: string | null;
  ended_on: string | null;
  proposed_by: string;
  created_at: Date;
  updated_at: Date;
}

export function employerView(row: ReferralRow): EmployerReferralView {
  const { name, maskedPhone, skills, experienceSummary } = row.candidate;
  return {
    id: row.id,
    vacancyId: row.vacancy_id,
    vacancyTitle: row.vacancy_title,
    status: row.status,
    candidate: { name, maskedPhone, skills, experienceSummary },
    employerReasonCode: row.employer_reason_code,
    employerReason: row.employer_reason,
    personReason: row.person_reason,
    respondBy: row.respond_by?.toISOString() ?? null,
    startedOn: row.started_on,
    endedOn: row.ended_on,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function staffView(row: ReferralRow): StaffReferralView {
  return {
    ...employerView(row),
    employerId: row.employer_id,
    personId: row.person_id,
    caseId: row.case_id,
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

interface Transition {
  from: ReferralStatus[];
  to: ReferralStatus;
  /** Extra assignments, as SQL using $4… for `values`. */
  set?: string;
  values?: unknown[];
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
 */
@Injectable()
export class ReferralsService {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async propose(body: ProposeReferralBody, actor: string, correlationId: string): Promise<StaffReferralView> {
    const errors: FieldError[] = [];
    for (const field of ['name', 'experienceSummary', 'personId'] as const)
      if (ID_NUMBER_LIKE.test(body.candidate[field] ?? ''))
        errors.push({
          field: `candidate.${field}`,
          rule: 'noIdNumber',
          message: { zh: '不得包含身份证号码', en: 'must not contain an ID number' },
        });
    if (errors.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The candidate is invalid / 候选人信息有误', errors);
    const { personId, ...candidate } = body.candidate;
    const live = () =>
      this.dataSource.query(
        `SELECT id, case_id FROM "${this.s}".referrals WHERE vacancy_id = $1 AND person_id = $2
            AND status IN ('proposed', 'employer_accepted', 'person_accepted', 'started')`,
        [body.vacancyId, personId],
      ) as Promise<Array<{ id: string; case_id: string }>>;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [vacancy] = await manager.query(
          `SELECT employer_id, status = 'open' AND taken < headcount
                  AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN valid_from AND valid_to AS open
             FROM "${this.s}".vacancies WHERE id = $1`,
          [body.vacancyId],
        );
        if (!vacancy) throw vacancyNotFound();
        const [existing] = await live();
        if (existing) return this.existingFor(existing, body.caseId);
        if (!vacancy.open) throw conflict('The vacancy is not open or is full / 该岗位已关闭或已满员');
        const [{ id }] = await manager.query(
          `INSERT INTO "${this.s}".referrals
             (vacancy_id, employer_id, case_id, person_id, candidate, respond_within_hours, respond_by, proposed_by)
           VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $6), $7) RETURNING id`,
          [
            body.vacancyId,
            vacancy.employer_id,
            body.caseId,
            personId,
            JSON.stringify(candidate),
            body.respondWithinHours,
            actor,
          ],
        );
        const row = await this.row(manager, id);
        await this.event(manager, row, null, actor, correlationId, null, null);
        return staffView(row);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const [existing] = await live();
        if (existing) return this.existingFor(existing, body.caseId);
      }
      throw error;
    }
  }

  async get(scope: ReferralScope, id: string): Promise<ReferralRow> {
    const [row] = await this.dataSource.query(
      `${this.select()} WHERE r.id = $1 AND ($2::uuid IS NULL OR r.employer_id = $2)`,
      [id, 'employerId' in scope ? scope.employerId : null],
    );
    if (!row) throw notFound();
    return row;
  }

  async list(
    scope: ReferralScope,
    filter: { status?: ReferralStatus; vacancyId?: string; caseId?: string; limit: number; offset: number },
  ): Promise<Page<ReferralRow>> {
    const rows = (await this.dataSource.query(
      `${this.select(', count(*) OVER () AS total')}
        WHERE ($1::uuid IS NULL OR r.employer_id = $1) AND ($2::text IS NULL OR r.status = $2)
          AND ($3::uuid IS NULL OR r.vacancy_id = $3) AND ($4::text IS NULL OR r.case_id = $4)
        ORDER BY r.created_at DESC, r.id LIMIT $5 OFFSET $6`,
      [
        'employerId' in scope ? scope.employerId : null,
        filter.status ?? null,
        filter.vacancyId ?? null,
        filter.caseId ?? null,
        filter.limit,
        filter.offset,
      ],
    )) as Array<ReferralRow & { total: string }>;
    return {
      items: rows,
      total: rows.length ? Number(rows[0].total) : 0,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  employerAccept(employerId: string, id: string, actor: string, correlationId: string) {
    return this.transition({ employerId }, id, actor, correlationId, {
      from: ['proposed'],
      to: 'employer_accepted',
      headcount: 'reserve',
      set: `respond_by = now() + make_interval(hours => r.respond_within_hours)`,
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
      set: `employer_reason_code = $4, employer_reason = $5, employer_declined_at = now(), respond_by = NULL`,
      values: [decline.reasonCode, decline.reason ?? null],
      // The case's timeline reads "code: note", as for the person's declines.
      reason: decline.reason ? `${decline.reasonCode}: ${decline.reason}` : decline.reasonCode,
    });
  }

  personAccept(id: string, actor: string, correlationId: string) {
    return this.transition({ staff: true }, id, actor, correlationId, {
      from: ['employer_accepted'],
      to: 'person_accepted',
      set: 'respond_by = NULL',
    });
  }

  personDecline(id: string, reason: string, actor: string, correlationId: string) {
    return this.transition({ staff: true }, id, actor, correlationId, {
      from: ['employer_accepted'],
      to: 'person_declined',
      set: `person_reason = $4, respond_by = NULL`,
      values: [reason],
      headcount: 'release',
      reason,
    });
  }

  /** The employer confirms the person started (or staff record the employer's confirmation). */
  confirmStart(scope: ReferralScope, id: string, startedOn: string, actor: string, correlationId: string) {
    return this.transition(scope, id, actor, correlationId, {
      from: ['person_accepted'],
      to: 'started',
      set: `started_on = $4`,
      values: [startedOn],
      occurredOn: startedOn,
    });
  }

  end(id: string, endedOn: string, reason: string, actor: string, correlationId: string) {
    return this.transition({ staff: true }, id, actor, correlationId, {
      from: ['started'],
      to: 'ended',
      set: `ended_on = $4, end_reason = $5`,
      values: [endedOn, reason],
      reason,
      occurredOn: endedOn,
    });
  }

  /** Expires referrals nobody answered in time; an employer's reserved place goes back to the vacancy. */
  async expireDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `SELECT id FROM "${this.s}".referrals WHERE status IN ('proposed', 'employer_accepted') AND respond_by <= $1
          ORDER BY respond_by LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [now],
      )) as Array<{ id: string }>;
      for (const { id } of due)
        await this.apply(manager, { staff: true }, id, 'system', `expiry:${id}`, {
          from: ['proposed', 'employer_accepted'],
          to: 'expired',
          set: 'respond_by = NULL',
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
    return this.dataSource.transaction((manager) =>
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
    const [updated] = (await manager.query(
      `UPDATE "${this.s}".referrals r SET status = '${step.to}', updated_at = now()${step.set ? `, ${step.set}` : ''}
         FROM (SELECT id, status, holds_headcount FROM "${this.s}".referrals WHERE id = $1 FOR UPDATE) old
        WHERE r.id = old.id AND old.status = ANY($2) AND ($3::uuid IS NULL OR r.employer_id = $3)
        RETURNING r.vacancy_id, old.status AS previous, old.holds_headcount AS held`,
      [id, step.from, 'employerId' in scope ? scope.employerId : null, ...(step.values ?? [])],
    )) as [Array<{ vacancy_id: string; previous: ReferralStatus; held: boolean }>, number];
    const change = updated[0];
    if (!change) {
      const current = await this.get(scope, id); // 404 outside the caller's scope
      throw conflict(
        `The referral is ${current.status}; it cannot become ${step.to} / 推荐当前状态为 ${current.status}，不能变更为 ${step.to}`,
      );
    }
    if (step.headcount === 'reserve') {
      // The one statement that keeps a vacancy from being over-filled: re-checked on the row under its lock.
      const [reserved] = await manager.query(
        `UPDATE "${this.s}".vacancies SET taken = taken + 1, updated_at = now()
          WHERE id = $1 AND status = 'open' AND taken < headcount RETURNING taken`,
        [change.vacancy_id],
      );
      if (!reserved.length) throw conflict('The vacancy has no open place left / 该岗位名额已满');
      await manager.query(`UPDATE "${this.s}".referrals SET holds_headcount = true WHERE id = $1`, [id]);
    }
    if (step.headcount === 'release' && change.held) {
      await manager.query(
        `UPDATE "${this.s}".vacancies SET taken = taken - 1, updated_at = now() WHERE id = $1`,
        [change.vacancy_id],
      );
      await manager.query(`UPDATE "${this.s}".referrals SET holds_headcount = false WHERE id = $1`, [id]);
    }
    const row = await this.row(manager, id);
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
  ): Promise<StaffReferralView> {
    if (existing.case_id !== caseId)
      throw conflict('This person already has a live referral to this vacancy / 该人员已被推荐到此岗位');
    return staffView(await this.get({ staff: true }, existing.id));
  }

  private async row(manager: EntityManager, id: string): Promise<ReferralRow> {
    const [row] = await manager.query(`${this.select()} WHERE r.id = $1`, [id]);
    return row;
  }

  private select(extra = ''): string {
    return `SELECT r.*, to_char(r.started_on, 'YYYY-MM-DD') AS started_on, to_char(r.ended_on, 'YYYY-MM-DD') AS ended_on,
              v.title AS vacancy_title${extra}
              FROM "${this.s}".referrals r JOIN "${this.s}".vacancies v ON v.id = r.vacancy_id`;
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
    return enqueueEvent<ReferralEventData>(manager, this.s, Topics.jobsReferral, {
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
