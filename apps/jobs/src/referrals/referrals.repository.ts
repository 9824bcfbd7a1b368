import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser, orgScope } from '@platform/auth';
import type { EmployerDeclineReason, ReferralStatus } from '@platform/contracts';

/**
 * Whose referrals a statement may read or change; it is always part of the statement's WHERE.
 * - `employerId`: an employer, referrals to its own vacancies;
 * - `orgPath`: operators and supervisors, referrals of cases in their unit and below (the case's area on the row);
 * - `all`: an admin (sees everything), and the workflow's activities and the expiry job, which act for a caller the
 *   hotline already checked against the case's area and owner.
 */
export type ReferralScope = { employerId: string } | { orgPath: string; descendants: string } | { all: true };

export function staffScope(user: AuthenticatedUser): ReferralScope {
  if (user.roles.includes('admin')) return { all: true };
  const { path, descendants } = orgScope(user);
  return { orgPath: path, descendants };
}

export interface CandidateSnapshotRow {
  name: string;
  maskedPhone: string;
  skills: string[];
  experienceSummary?: string;
}

export interface ReferralRow {
  id: string;
  vacancy_id: string;
  vacancy_title: string;
  employer_id: string;
  /** From the `employer_names` projection; null until the employer's name has been heard. */
  employer_name: string | null;
  case_id: string;
  person_id: string;
  org_path: string;
  candidate: CandidateSnapshotRow;
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

export interface NewReferral {
  vacancyId: string;
  employerId: string;
  caseId: string;
  personId: string;
  orgPath: string;
  candidate: CandidateSnapshotRow;
  respondWithinHours: number;
  proposedBy: string;
}

/** One status change and what it records beside the status. */
export interface StatusChange {
  from: ReferralStatus[];
  to: ReferralStatus;
  /** restart: the next side's answer window starts now; clear: nobody has to answer any more. */
  respondBy?: 'restart' | 'clear';
  employerDecline?: { reasonCode: EmployerDeclineReason; reason: string | null };
  personReason?: string;
  startedOn?: string;
  ended?: { on: string; reason: string };
}

export interface ChangedReferral {
  vacancy_id: string;
  previous: ReferralStatus;
  held: boolean;
}

export interface ReferralFilter {
  status?: ReferralStatus;
  vacancyId?: string;
  caseId?: string;
  limit: number;
  offset: number;
}

type Bind = (value: unknown) => string;

function scopeCondition(scope: ReferralScope, bind: Bind): string {
  if ('employerId' in scope) return `r.employer_id = ${bind(scope.employerId)}`;
  if ('orgPath' in scope)
    return `(r.org_path = ${bind(scope.orgPath)} OR r.org_path LIKE ${bind(scope.descendants)})`;
  return 'true';
}

/** Binds values as $1, $2… in the order the statement mentions them. */
function binder(params: unknown[] = []): { params: unknown[]; bind: Bind } {
  return { params, bind: (value) => `$${params.push(value)}` };
}

/** The referrals' SQL. Reads and changes take the caller's scope; the rules of the transitions are the service's. */
@Injectable()
export class ReferralsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get schema(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async find(
    scope: ReferralScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReferralRow | undefined> {
    const { params, bind } = binder();
    const [row] = (await manager.query(
      `${this.select()} WHERE r.id = ${bind(id)} AND ${scopeCondition(scope, bind)}`,
      params,
    )) as ReferralRow[];
    return row;
  }

  async list(scope: ReferralScope, filter: ReferralFilter): Promise<{ rows: ReferralRow[]; total: number }> {
    const { params, bind } = binder();
    const where = [scopeCondition(scope, bind)];
    if (filter.status) where.push(`r.status = ${bind(filter.status)}`);
    if (filter.vacancyId) where.push(`r.vacancy_id = ${bind(filter.vacancyId)}`);
    if (filter.caseId) where.push(`r.case_id = ${bind(filter.caseId)}`);
    const rows = (await this.dataSource.query(
      `${this.select(', count(*) OVER () AS total')} WHERE ${where.join(' AND ')}
        ORDER BY r.created_at DESC, r.id LIMIT ${bind(filter.limit)} OFFSET ${bind(filter.offset)}`,
      params,
    )) as Array<ReferralRow & { total: string }>;
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  /**
   * The person's referral to this vacancy that is still under way, if any (one per person and vacancy). Inside a
   * transaction pass its manager: a second connection taken from the pool there deadlocks a busy service.
   */
  async findLive(
    vacancyId: string,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; case_id: string } | undefined> {
    const [row] = (await manager.query(
      `SELECT id, case_id FROM "${this.schema}".referrals WHERE vacancy_id = $1 AND person_id = $2
          AND status IN ('proposed', 'employer_accepted', 'person_accepted', 'started')`,
      [vacancyId, personId],
    )) as Array<{ id: string; case_id: string }>;
    return row;
  }

  /** The vacancy's employer and whether it takes referrals today (open, a place left, within its valid days). */
  async vacancyForProposal(
    manager: EntityManager,
    vacancyId: string,
  ): Promise<{ employer_id: string; open: boolean } | undefined> {
    const [vacancy] = await manager.query(
      `SELECT employer_id, status = 'open' AND taken < headcount
              AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN valid_from AND valid_to AS open
         FROM "${this.schema}".vacancies WHERE id = $1`,
      [vacancyId],
    );
    return vacancy;
  }

  async insert(manager: EntityManager, referral: NewReferral): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO "${this.schema}".referrals (vacancy_id, employer_id, case_id, person_id, org_path, candidate,
         respond_within_hours, respond_by, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $7), $8) RETURNING id`,
      [
        referral.vacancyId,
        referral.employerId,
        referral.caseId,
        referral.personId,
        referral.orgPath,
        JSON.stringify(referral.candidate),
        referral.respondWithinHours,
        referral.proposedBy,
      ],
    );
    return id;
  }

  /** Applies the change if the referral is in scope and in one of `from`; undefined otherwise. Locks the row. */
  async changeStatus(
    manager: EntityManager,
    scope: ReferralScope,
    id: string,
    change: StatusChange,
  ): Promise<ChangedReferral | undefined> {
    const { params, bind } = binder([id, change.from]);
    const set = [`status = ${bind(change.to)}`, 'updated_at = now()'];
    if (change.respondBy === 'restart')
      set.push('respond_by = now() + make_interval(hours => r.respond_within_hours)');
    if (change.respondBy === 'clear') set.push('respond_by = NULL');
    if (change.employerDecline)
      set.push(
        `employer_reason_code = ${bind(change.employerDecline.reasonCode)}`,
        `employer_reason = ${bind(change.employerDecline.reason)}`,
        'employer_declined_at = now()',
      );
    if (change.personReason !== undefined) set.push(`person_reason = ${bind(change.personReason)}`);
    if (change.startedOn !== undefined) set.push(`started_on = ${bind(change.startedOn)}`);
    if (change.ended)
      set.push(`ended_on = ${bind(change.ended.on)}`, `end_reason = ${bind(change.ended.reason)}`);
    const [updated] = (await manager.query(
      `UPDATE "${this.schema}".referrals r SET ${set.join(', ')}
         FROM (SELECT id, status, holds_headcount FROM "${this.schema}".referrals WHERE id = $1 FOR UPDATE) old
        WHERE r.id = old.id AND old.status = ANY($2) AND ${scopeCondition(scope, bind)}
        RETURNING r.vacancy_id, old.status AS previous, old.holds_headcount AS held`,
      params,
    )) as [ChangedReferral[], number];
    return updated[0];
  }

  /**
   * Takes one place of the vacancy for this referral: the one statement that keeps a vacancy from being
   * over-filled, re-checked on the vacancy row under its lock. False when no place is left.
   */
  async reservePlace(manager: EntityManager, referralId: string, vacancyId: string): Promise<boolean> {
    const [reserved] = await manager.query(
      `UPDATE "${this.schema}".vacancies SET taken = taken + 1, updated_at = now()
        WHERE id = $1 AND status = 'open' AND taken < headcount RETURNING taken`,
      [vacancyId],
    );
    if (!reserved.length) return false;
    await manager.query(`UPDATE "${this.schema}".referrals SET holds_headcount = true WHERE id = $1`, [
      referralId,
    ]);
    return true;
  }

  async releasePlace(manager: EntityManager, referralId: string, vacancyId: string): Promise<void> {
    await manager.query(
      `UPDATE "${this.schema}".vacancies SET taken = taken - 1, updated_at = now() WHERE id = $1`,
      [vacancyId],
    );
    await manager.query(`UPDATE "${this.schema}".referrals SET holds_headcount = false WHERE id = $1`, [
      referralId,
    ]);
  }

  /** Referrals whose answer is overdue at `now`, locked for this transaction (others skip them). */
  async lockOverdue(manager: EntityManager, now: Date, limit = 500): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM "${this.schema}".referrals WHERE status IN ('proposed', 'employer_accepted') AND respond_by <= $1
        ORDER BY respond_by LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  private select(extra = ''): string {
    return `SELECT r.*, to_char(r.started_on, 'YYYY-MM-DD') AS started_on, to_char(r.ended_on, 'YYYY-MM-DD') AS ended_on,
              v.title AS vacancy_title, n.name AS employer_name${extra}
              FROM "${this.schema}".referrals r JOIN "${this.schema}".vacancies v ON v.id = r.vacancy_id
              LEFT JOIN "${this.schema}".employer_names n ON n.employer_id = r.employer_id`;
  }
}
