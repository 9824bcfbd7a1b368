import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HotlineConfig } from '../config';
import { CASES_CONFIG } from '../cases/case-workflows';
import { AreaScope, inArea } from '../org-tree/area-scope';

export const FAIR_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];

export const APPLICATION_STATUSES = ['opening-case', 'awaiting-registration', 'proposed', 'refused'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * What a fair's results count (the same figures for one fair and for a month's total): applications taken;
 * hardship applicants as persons (their cases); referrals as distinct referrals (two applications of one person
 * for the same vacancy are one referral); placements as those referrals the case's placed event started.
 */
export interface FairResults {
  visitors: number;
  applications: number;
  hardshipApplicants: number;
  referrals: number;
  placements: number;
}

export interface FairRow extends FairResults {
  id: string;
  title: string;
  heldOn: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  orgPath: string;
  venue: string;
  assistanceMonth: boolean;
  status: FairStatus;
  /** Null until staff recorded a count. */
  visitorsRecorded: number | null;
  createdBy: string;
}

export interface FairVacancyRow {
  fairId: string;
  vacancyId: string;
  vacancyTitle: string;
  employerId: string;
  employerName: string;
}

export interface ApplicationRow {
  id: string;
  fairId: string;
  requestId: string;
  vacancyId: string;
  caseId: string | null;
  openedCase: boolean;
  intakeEncrypted: string | null;
  applicantEncrypted: string;
  hardship: boolean | null;
  status: ApplicationStatus;
  refusal: string | null;
  referralId: string | null;
  referralStatus: string | null;
  placedAt: Date | null;
  takenBy: string;
  takenByUserId: string;
  takenByRoles: string[];
  takenByOrgPath: string;
  takenAt: Date;
  proposedAt: Date | null;
  attempts: number;
}

export interface NewFair {
  id: string;
  title: string;
  heldOn: string;
  unitCode: string;
  orgPath: string;
  venue: string;
  assistanceMonth: boolean;
  createdBy: string;
}

export interface FairChanges {
  title?: string;
  heldOn?: string;
  unitCode?: string;
  orgPath?: string;
  venue?: string;
  assistanceMonth?: boolean;
  status?: FairStatus;
}

export interface NewApplication {
  id: string;
  fairId: string;
  requestId: string;
  vacancyId: string;
  caseId: string | null;
  openedCase: boolean;
  intakeEncrypted: string | null;
  applicantEncrypted: string;
  status: ApplicationStatus;
  takenBy: string;
  takenByUserId: string;
  takenByRoles: string[];
  takenByOrgPath: string;
}

const RESULTS = `coalesce(f.visitors, 0)::int AS visitors,
  (SELECT count(*) FROM $S.job_fair_applications a WHERE a.fair_id = f.id)::int AS applications,
  (SELECT count(DISTINCT a.case_id) FROM $S.job_fair_applications a WHERE a.fair_id = f.id AND a.hardship)::int
    AS "hardshipApplicants",
  (SELECT count(DISTINCT a.referral_id) FROM $S.job_fair_applications a WHERE a.fair_id = f.id)::int
    AS referrals,
  (SELECT count(DISTINCT a.referral_id) FROM $S.job_fair_applications a
    WHERE a.fair_id = f.id AND a.placed_at IS NOT NULL)::int AS placements`;

const FAIR_COLUMNS = `f.id, f.title, to_char(f.held_on, 'YYYY-MM-DD') AS "heldOn", f.unit_code AS "unitCode",
  u.name_zh AS "unitName", u.name_en AS "unitNameEn", f.org_path AS "orgPath", f.venue,
  f.assistance_month AS "assistanceMonth", f.status, f.visitors AS "visitorsRecorded",
  f.created_by AS "createdBy", ${RESULTS}`;

const APPLICATION_COLUMNS = `a.id, a.fair_id AS "fairId", a.request_id AS "requestId", a.vacancy_id AS "vacancyId",
  a.case_id AS "caseId", a.opened_case AS "openedCase", a.intake_encrypted AS "intakeEncrypted",
  a.applicant_encrypted AS "applicantEncrypted", a.hardship, a.status, a.refusal, a.referral_id AS "referralId",
  a.referral_status AS "referralStatus", a.placed_at AS "placedAt", a.taken_by AS "takenBy",
  a.taken_by_user_id AS "takenByUserId", a.taken_by_roles AS "takenByRoles",
  a.taken_by_org_path AS "takenByOrgPath", a.taken_at AS "takenAt", a.proposed_at AS "proposedAt", a.attempts`;

/** The request that stores an application works it first; the sweeper leaves it alone this long. */
const REQUEST_FIRST_SECONDS = 10;
/** A pending application waits at most this long between two tries (a case that is slow to register). */
const MAX_RETRY_SECONDS = 600;

/**
 * SQL of roving job fairs. Every read and change for a caller takes the caller's area and has it in the
 * WHERE (a fair outside it is not found); the application steps run by the platform itself (the sweeper, the
 * case-event consumer) work on rows an allowed request already wrote, by their id.
 */
@Injectable()
export class JobFairsRepository {
  private readonly s: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) config: HotlineConfig,
  ) {
    this.s = `"${config.DB_SCHEMA}"`;
  }

  private sql(text: string): string {
    return text.replaceAll('$S', this.s);
  }

  async insertFair(manager: EntityManager, fair: NewFair): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.s}.job_fairs
         (id, title, held_on, unit_code, org_path, venue, assistance_month, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        fair.id,
        fair.title,
        fair.heldOn,
        fair.unitCode,
        fair.orgPath,
        fair.venue,
        fair.assistanceMonth,
        fair.createdBy,
      ],
    );
  }

  /** The fair's vacancies replaced by these (names as staff picked them). */
  async replaceVacancies(
    manager: EntityManager,
    fairId: string,
    vacancies: Array<Omit<FairVacancyRow, 'fairId'>>,
  ): Promise<void> {
    await manager.query(`DELETE FROM ${this.s}.job_fair_vacancies WHERE fair_id = $1`, [fairId]);
    if (!vacancies.length) return;
    await manager.query(
      `INSERT INTO ${this.s}.job_fair_vacancies (fair_id, vacancy_id, vacancy_title, employer_id, employer_name)
       SELECT $1, v.vacancy_id, v.vacancy_title, v.employer_id, v.employer_name
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[])
           AS v (vacancy_id, vacancy_title, employer_id, employer_name)`,
      [
        fairId,
        vacancies.map((v) => v.vacancyId),
        vacancies.map((v) => v.vacancyTitle),
        vacancies.map((v) => v.employerId),
        vacancies.map((v) => v.employerName),
      ],
    );
  }

  /** The fair if the caller's area holds it. `lock`: for a change in `manager`'s transaction. */
  async findFair(
    id: string,
    scope: AreaScope,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<FairRow | null> {
    const params: unknown[] = [id];
    const rows: FairRow[] = await manager.query(
      this.sql(
        `SELECT ${FAIR_COLUMNS} FROM $S.job_fairs f JOIN $S.org_units u ON u.code = f.unit_code
          WHERE f.id = $1 AND ${inArea('f.org_path', scope, params)}${lock ? ' FOR UPDATE OF f' : ''}`,
      ),
      params,
    );
    return rows[0] ?? null;
  }

  /** Fairs of the caller's area, optionally of one unit's subtree, a year and the Assistance Month; newest first. */
  async listFairs(
    scope: AreaScope,
    filter: {
      unitPath?: string;
      year?: number;
      assistanceMonth?: boolean;
      status?: FairStatus;
      limit: number;
      offset: number;
    },
  ): Promise<{ items: FairRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [inArea('f.org_path', scope, params)];
    if (filter.unitPath) {
      where.push(
        inArea('f.org_path', { path: filter.unitPath, descendants: `${filter.unitPath}/%` }, params),
      );
    }
    if (filter.year !== undefined) where.push(`extract(year FROM f.held_on) = $${params.push(filter.year)}`);
    if (filter.assistanceMonth !== undefined)
      where.push(`f.assistance_month = $${params.push(filter.assistanceMonth)}`);
    if (filter.status) where.push(`f.status = $${params.push(filter.status)}`);
    const whereSql = where.join(' AND ');
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      this.sql(`SELECT count(*)::int AS total FROM $S.job_fairs f WHERE ${whereSql}`),
      params,
    );
    const items: FairRow[] = await this.dataSource.query(
      this.sql(
        `SELECT ${FAIR_COLUMNS} FROM $S.job_fairs f JOIN $S.org_units u ON u.code = f.unit_code
          WHERE ${whereSql}
          ORDER BY f.held_on DESC, f.created_at DESC
          LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      ),
      params,
    );
    return { items, total };
  }

  /** The vacancies of fairs the caller's area holds. */
  vacanciesOf(fairIds: string[], scope: AreaScope): Promise<FairVacancyRow[]> {
    const params: unknown[] = [fairIds];
    return this.dataSource.query(
      this.sql(
        `SELECT v.fair_id AS "fairId", v.vacancy_id AS "vacancyId", v.vacancy_title AS "vacancyTitle",
                v.employer_id AS "employerId", v.employer_name AS "employerName"
           FROM $S.job_fair_vacancies v JOIN $S.job_fairs f ON f.id = v.fair_id
          WHERE v.fair_id = ANY($1::uuid[]) AND ${inArea('f.org_path', scope, params)}
          ORDER BY v.employer_name, v.vacancy_title`,
      ),
      params,
    );
  }

  async updateFair(
    manager: EntityManager,
    id: string,
    scope: AreaScope,
    changes: FairChanges,
    by: string,
  ): Promise<void> {
    const params: unknown[] = [id, by];
    const sets = ['updated_by = $2', 'updated_at = now()'];
    const columns: Record<keyof FairChanges, string> = {
      title: 'title',
      heldOn: 'held_on',
      unitCode: 'unit_code',
      orgPath: 'org_path',
      venue: 'venue',
      assistanceMonth: 'assistance_month',
      status: 'status',
    };
    for (const [key, column] of Object.entries(columns) as Array<[keyof FairChanges, string]>) {
      if (changes[key] !== undefined) sets.push(`${column} = $${params.push(changes[key])}`);
    }
    await manager.query(
      `UPDATE ${this.s}.job_fairs SET ${sets.join(', ')}
        WHERE id = $1 AND ${inArea('org_path', scope, params)}`,
      params,
    );
  }

  async setVisitors(id: string, scope: AreaScope, count: number, by: string): Promise<void> {
    const params: unknown[] = [id, count, by];
    await this.dataSource.query(
      `UPDATE ${this.s}.job_fairs SET visitors = $2, updated_by = $3, updated_at = now()
        WHERE id = $1 AND ${inArea('org_path', scope, params)}`,
      params,
    );
  }

  /** The row for this request (a retried request finds the row of its first try). */
  async insertApplication(application: NewApplication): Promise<{ id: string; created: boolean }> {
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO ${this.s}.job_fair_applications
         (id, fair_id, request_id, vacancy_id, case_id, opened_case, intake_encrypted, applicant_encrypted,
          status, taken_by, taken_by_user_id, taken_by_roles, taken_by_org_path, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
               now() + make_interval(secs => ${REQUEST_FIRST_SECONDS}))
       ON CONFLICT (fair_id, request_id) DO NOTHING
       RETURNING id`,
      [
        application.id,
        application.fairId,
        application.requestId,
        application.vacancyId,
        application.caseId,
        application.openedCase,
        application.intakeEncrypted,
        application.applicantEncrypted,
        application.status,
        application.takenBy,
        application.takenByUserId,
        application.takenByRoles,
        application.takenByOrgPath,
      ],
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [existing]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${this.s}.job_fair_applications WHERE fair_id = $1 AND request_id = $2`,
      [application.fairId, application.requestId],
    );
    return { id: existing.id, created: false };
  }

  /** The applications of a fair the caller's area holds, oldest first (inside a transaction, pass its manager). */
  applicationsOf(
    fairId: string,
    scope: AreaScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApplicationRow[]> {
    const params: unknown[] = [fairId];
    return manager.query(
      this.sql(
        `SELECT ${APPLICATION_COLUMNS} FROM $S.job_fair_applications a JOIN $S.job_fairs f ON f.id = a.fair_id
          WHERE a.fair_id = $1 AND ${inArea('f.org_path', scope, params)}
          ORDER BY a.taken_at, a.id`,
      ),
      params,
    );
  }

  async applicationInArea(id: string, scope: AreaScope): Promise<ApplicationRow | null> {
    const params: unknown[] = [id];
    const rows: ApplicationRow[] = await this.dataSource.query(
      this.sql(
        `SELECT ${APPLICATION_COLUMNS} FROM $S.job_fair_applications a JOIN $S.job_fairs f ON f.id = a.fair_id
          WHERE a.id = $1 AND ${inArea('f.org_path', scope, params)}`,
      ),
      params,
    );
    return rows[0] ?? null;
  }

  /** A request refused before it was acknowledged (bad intake): its row goes, nothing was promised. */
  async deleteUnacknowledged(id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM ${this.s}.job_fair_applications WHERE id = $1 AND status = 'opening-case' AND case_id IS NULL`,
      [id],
    );
  }

  /** The pending application, locked for this transaction; null when done or another process holds it. */
  async lockPending(manager: EntityManager, id: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await manager.query(
      this.sql(
        `SELECT ${APPLICATION_COLUMNS} FROM $S.job_fair_applications a
          WHERE a.id = $1 AND a.status IN ('opening-case', 'awaiting-registration')
          FOR UPDATE SKIP LOCKED`,
      ),
      [id],
    );
    return rows[0] ?? null;
  }

  /** The application if it is still pending, read without a lock (its case is opened before the lock is taken). */
  async pending(id: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await this.dataSource.query(
      this.sql(
        `SELECT ${APPLICATION_COLUMNS} FROM $S.job_fair_applications a
          WHERE a.id = $1 AND a.status IN ('opening-case', 'awaiting-registration')`,
      ),
      [id],
    );
    return rows[0] ?? null;
  }

  async caseOpened(manager: EntityManager, id: string, caseId: string): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.job_fair_applications
          SET case_id = $2, intake_encrypted = NULL, status = 'awaiting-registration', next_attempt_at = now()
        WHERE id = $1`,
      [id, caseId],
    );
  }

  async proposed(
    manager: EntityManager,
    id: string,
    referral: { referralId: string; status: string; hardship: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.job_fair_applications
          SET status = 'proposed', referral_id = $2, referral_status = $3, hardship = $4, proposed_at = now()
        WHERE id = $1`,
      [id, referral.referralId, referral.status, referral.hardship],
    );
  }

  async refused(
    manager: EntityManager,
    id: string,
    refusal: string,
    hardship: boolean | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.job_fair_applications
          SET status = 'refused', refusal = $2, hardship = coalesce($3, hardship), intake_encrypted = NULL
        WHERE id = $1`,
      [id, refusal, hardship],
    );
  }

  /** Not yet: tried again later, each time a little later (5 s, 10 s, 20 s … at most 10 minutes). */
  async later(manager: EntityManager, id: string, hardship: boolean | null = null): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.job_fair_applications
          SET attempts = attempts + 1, hardship = coalesce($2, hardship),
              next_attempt_at = now() + make_interval(secs => least(5 * power(2, least(attempts, 10)), $3))
        WHERE id = $1`,
      [id, hardship, MAX_RETRY_SECONDS],
    );
  }

  /** Pending applications whose next try is due, oldest first. */
  async due(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${this.s}.job_fair_applications
        WHERE status IN ('opening-case', 'awaiting-registration') AND next_attempt_at <= now()
        ORDER BY next_attempt_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /** The applications made on a case (the case-event consumer's lookup). */
  /** Whether a fair opened this case (on the pool: asked before a consumer's transaction). */
  async caseHasApplications(caseId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(
      this.sql(`SELECT EXISTS (SELECT 1 FROM $S.job_fair_applications WHERE case_id = $1) AS found`),
      [caseId],
    );
    return row.found === true;
  }

  applicationsOfCase(manager: EntityManager, caseId: string): Promise<ApplicationRow[]> {
    return manager.query(
      this.sql(`SELECT ${APPLICATION_COLUMNS} FROM $S.job_fair_applications a WHERE a.case_id = $1`),
      [caseId],
    );
  }

  async referralChanged(
    manager: EntityManager,
    id: string,
    status: string,
    placedAt: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.job_fair_applications
          SET referral_status = $2, placed_at = coalesce(placed_at, $3::timestamptz)
        WHERE id = $1`,
      [id, status, placedAt],
    );
  }

  /** The Assistance Month of a unit's subtree and year, inside the caller's area: the fairs in it. */
  async assistanceMonthFairs(scope: AreaScope, unitPath: string, year: number): Promise<FairRow[]> {
    const { items } = await this.listFairs(scope, {
      unitPath,
      year,
      assistanceMonth: true,
      limit: 1000,
      offset: 0,
    });
    return items;
  }
}
