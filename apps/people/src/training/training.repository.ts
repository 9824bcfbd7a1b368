import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { CourseLevel, EnrolmentStatus } from './training.dto';

export interface ProviderRow {
  id: string;
  name: string;
  org_path: string;
  created_by: string;
  created_at: Date;
  courses: number;
}

export interface CourseRow {
  id: string;
  provider_id: string;
  provider_name: string;
  title: string;
  occupation: string;
  level: CourseLevel;
  starts_on: string;
  ends_on: string;
  capacity: number;
  free_for_hardship: boolean;
  org_path: string;
  /** Places taken: enrolled or completed. */
  taken: number;
  /** Referrals not enrolled yet. */
  waiting: number;
}

export interface EnrolmentRow {
  id: string;
  course_id: string;
  person_id: string;
  person_name: string;
  phone_masked: string;
  status: EnrolmentStatus;
  free_place: boolean;
  referred_at: Date;
  referred_by: string;
  enrolled_at: Date | null;
  completed_at: Date | null;
  passed: boolean | null;
  certificate_no: string | null;
  dropped_at: Date | null;
  drop_reason: string | null;
  service_record_id: string | null;
  referral_confirmed: boolean;
  days_present: number;
  days_absent: number;
}

/** Counts of one group of enrolments (a provider, a unit, a course or all). */
export interface KpiCounts {
  referred: number;
  enrolled: number;
  completed: number;
  passed: number;
  /** Completed enrolments whose 6 months after completion are over (the employment rate's denominator). */
  window_closed: number;
  /** Of those, the persons employed within the 6 months. */
  employed_after: number;
  /** Completed, 6 months not over yet, already employed (shown, not in the rate). */
  employed_so_far_open: number;
}

export interface KpiRow extends KpiCounts {
  provider_id: string | null;
  provider_name: string | null;
  org_path: string | null;
  course_id: string | null;
  course_title: string | null;
  grouping: 'provider' | 'unit' | 'course' | 'total';
}

export interface TrainingAuditEntry {
  action: string;
  providerId?: string | null;
  courseId?: string | null;
  enrolmentId?: string | null;
  actor: { userId: string; username: string; roles: string[] };
  detail?: Record<string, unknown>;
  at: Date;
}

const COURSE_COLUMNS = `c.id, c.provider_id, pr.name AS provider_name, c.title, c.occupation, c.level,
  to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.capacity,
  c.free_for_hardship, c.org_path,
  (SELECT count(*)::int FROM __S__.training_enrolments t
     WHERE t.course_id = c.id AND t.status IN ('enrolled', 'completed')) AS taken,
  (SELECT count(*)::int FROM __S__.training_enrolments t
     WHERE t.course_id = c.id AND t.status = 'referred') AS waiting`;

/**
 * Training providers, courses, enrolments and attendance. Every read and change takes the caller's scope:
 *
 * - a provider or course is *visible* when run by a unit in the caller's scope or by an ancestor of the caller's
 *   unit (a city course is open to district stations and their communities); `visible(column, n)`;
 * - it is *editable* only inside the caller's scope (a district supervisor does not change the city's courses);
 * - an enrolment is reached through its person, who must be in the caller's scope, on a visible course.
 */
@Injectable()
export class TrainingRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return `"${this.config.DB_SCHEMA}"`;
  }

  /** `column` is run by a unit in the scope of $n/$n+1 or by an ancestor of the caller's unit ($n). */
  private visible(column: string, n: number): string {
    return `(${inScope(column, n)} OR starts_with($${n}, ${column} || '/'))`;
  }

  private courseColumns(): string {
    return COURSE_COLUMNS.replaceAll('__S__', this.s);
  }

  async audit(manager: EntityManager, entry: TrainingAuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.s}.training_audit
         (action, provider_id, course_id, enrolment_id, actor_id, actor_username, actor_roles, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.action,
        entry.providerId ?? null,
        entry.courseId ?? null,
        entry.enrolmentId ?? null,
        entry.actor.userId,
        entry.actor.username,
        entry.actor.roles,
        entry.detail ?? {},
        entry.at,
      ],
    );
  }

  // Providers

  async insertProvider(
    manager: EntityManager,
    provider: { name: string; orgPath: string; createdBy: string; at: Date },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO ${this.s}.training_providers (name, org_path, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4) RETURNING id`,
      [provider.name, provider.orgPath, provider.createdBy, provider.at],
    );
    return row.id;
  }

  async findProvider(id: string, scope: Scope, manager: EntityManager | DataSource = this.dataSource) {
    const [row] = await manager.query(
      `SELECT pr.id, pr.name, pr.org_path, pr.created_by, pr.created_at,
         (SELECT count(*)::int FROM ${this.s}.training_courses c WHERE c.provider_id = pr.id) AS courses
       FROM ${this.s}.training_providers pr WHERE pr.id = $3 AND ${this.visible('pr.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return row as ProviderRow | undefined;
  }

  async listProviders(scope: Scope, limit: number, offset: number) {
    const where = `FROM ${this.s}.training_providers pr WHERE ${this.visible('pr.org_path', 1)}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${where}`,
      scopeParams(scope),
    );
    const rows: ProviderRow[] = await this.dataSource.query(
      `SELECT pr.id, pr.name, pr.org_path, pr.created_by, pr.created_at,
         (SELECT count(*)::int FROM ${this.s}.training_courses c WHERE c.provider_id = pr.id) AS courses
       ${where} ORDER BY pr.name, pr.id LIMIT $3 OFFSET $4`,
      [...scopeParams(scope), limit, offset],
    );
    return { rows, total: total as number };
  }

  /** Renames a provider run inside the caller's scope; false when there is none. */
  async updateProvider(manager: EntityManager, id: string, name: string, scope: Scope, at: Date) {
    const [rows] = await manager.query(
      `UPDATE ${this.s}.training_providers pr SET name = $4, updated_at = $5
       WHERE pr.id = $3 AND ${inScope('pr.org_path', 1)} RETURNING pr.id`,
      [...scopeParams(scope), id, name, at],
    );
    return rows.length === 1;
  }

  /** Whether the provider is visible and where it sits (a course may only use a visible provider). */
  async providerVisible(manager: EntityManager, id: string, scope: Scope): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM ${this.s}.training_providers pr WHERE pr.id = $3 AND ${this.visible('pr.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return rows.length === 1;
  }

  // Courses

  async insertCourse(
    manager: EntityManager,
    course: {
      providerId: string;
      title: string;
      occupation: string;
      level: CourseLevel;
      startsOn: string;
      endsOn: string;
      capacity: number;
      freeForHardship: boolean;
      orgPath: string;
      createdBy: string;
      at: Date;
    },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO ${this.s}.training_courses (provider_id, title, occupation, level, starts_on, ends_on, capacity,
         free_for_hardship, org_path, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
      [
        course.providerId,
        course.title,
        course.occupation,
        course.level,
        course.startsOn,
        course.endsOn,
        course.capacity,
        course.freeForHardship,
        course.orgPath,
        course.createdBy,
        course.at,
      ],
    );
    return row.id;
  }

  async findCourse(
    id: string,
    scope: Scope,
    manager: EntityManager | DataSource = this.dataSource,
  ): Promise<CourseRow | undefined> {
    const [row] = await manager.query(
      `SELECT ${this.courseColumns()} FROM ${this.s}.training_courses c
       JOIN ${this.s}.training_providers pr ON pr.id = c.provider_id
       WHERE c.id = $3 AND ${this.visible('c.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return row;
  }

  /** Locks a visible course: referrals and enrolments of one course are decided one at a time (capacity). */
  async lockCourse(manager: EntityManager, id: string, scope: Scope): Promise<boolean> {
    const rows = await manager.query(
      `SELECT c.id FROM ${this.s}.training_courses c WHERE c.id = $3 AND ${this.visible('c.org_path', 1)}
       FOR UPDATE`,
      [...scopeParams(scope), id],
    );
    return rows.length === 1;
  }

  /** Whether a course is run inside the caller's scope (may be changed by them). */
  async courseEditable(manager: EntityManager, id: string, scope: Scope): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM ${this.s}.training_courses c WHERE c.id = $3 AND ${inScope('c.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return rows.length === 1;
  }

  async listCourses(scope: Scope, providerId: string | undefined, limit: number, offset: number) {
    const params: unknown[] = [...scopeParams(scope)];
    let provider = '';
    if (providerId) {
      params.push(providerId);
      provider = `AND c.provider_id = $${params.length}`;
    }
    const from = `FROM ${this.s}.training_courses c JOIN ${this.s}.training_providers pr ON pr.id = c.provider_id
      WHERE ${this.visible('c.org_path', 1)} ${provider}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: CourseRow[] = await this.dataSource.query(
      `SELECT ${this.courseColumns()} ${from}
       ORDER BY c.starts_on DESC, c.title, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, total: total as number };
  }

  async updateCourse(
    manager: EntityManager,
    id: string,
    course: {
      title: string;
      occupation: string;
      level: CourseLevel;
      startsOn: string;
      endsOn: string;
      capacity: number;
      freeForHardship: boolean;
    },
    scope: Scope,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${this.s}.training_courses c SET title = $4, occupation = $5, level = $6, starts_on = $7,
         ends_on = $8, capacity = $9, free_for_hardship = $10, updated_at = $11
       WHERE c.id = $3 AND ${inScope('c.org_path', 1)}`,
      [
        ...scopeParams(scope),
        id,
        course.title,
        course.occupation,
        course.level,
        course.startsOn,
        course.endsOn,
        course.capacity,
        course.freeForHardship,
        at,
      ],
    );
  }

  // Enrolments

  /** A person in scope: their name and whether they hold any hardship (assistance) category. */
  async personForReferral(
    manager: EntityManager,
    personId: string,
    scope: Scope,
  ): Promise<{ id: string; name: string; hardship: boolean } | undefined> {
    const [row] = await manager.query(
      `SELECT p.id, p.name,
         EXISTS (SELECT 1 FROM ${this.s}.person_categories pc WHERE pc.person_id = p.id) AS hardship
       FROM ${this.s}.persons p WHERE p.id = $3 AND ${inScope('p.org_path', 1)}`,
      [...scopeParams(scope), personId],
    );
    return row;
  }

  async enrolmentOf(manager: EntityManager, courseId: string, personId: string): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM ${this.s}.training_enrolments WHERE course_id = $1 AND person_id = $2`,
      [courseId, personId],
    );
    return rows.length > 0;
  }

  /** Places taken on a locked course: persons enrolled or completed. */
  async placesTaken(manager: EntityManager, courseId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS taken FROM ${this.s}.training_enrolments
       WHERE course_id = $1 AND status IN ('enrolled', 'completed')`,
      [courseId],
    );
    return row.taken;
  }

  /** Inserts the referral of a person the caller has already found in scope, on a course locked in scope. */
  async insertEnrolment(
    manager: EntityManager,
    enrolment: {
      courseId: string;
      personId: string;
      freePlace: boolean;
      referredBy: string;
      serviceRecordId: string;
      at: Date;
    },
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO ${this.s}.training_enrolments
         (course_id, person_id, status, free_place, referred_at, referred_by, service_record_id, updated_at)
       VALUES ($1, $2, 'referred', $3, $4, $5, $6, $4) RETURNING id`,
      [
        enrolment.courseId,
        enrolment.personId,
        enrolment.freePlace,
        enrolment.at,
        enrolment.referredBy,
        enrolment.serviceRecordId,
      ],
    );
    return row.id;
  }

  /** An enrolment whose person is in scope on a visible course, locked for a change. */
  async lockEnrolment(
    manager: EntityManager,
    id: string,
    scope: Scope,
  ): Promise<
    { id: string; course_id: string; status: EnrolmentStatus; starts_on: string; ends_on: string } | undefined
  > {
    const [row] = await manager.query(
      `SELECT e.id, e.course_id, e.status, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM ${this.s}.training_enrolments e
       JOIN ${this.s}.persons p ON p.id = e.person_id
       JOIN ${this.s}.training_courses c ON c.id = e.course_id
       WHERE e.id = $3 AND ${inScope('p.org_path', 1)} AND ${this.visible('c.org_path', 1)}
       FOR UPDATE OF e`,
      [...scopeParams(scope), id],
    );
    return row;
  }

  /** Changes a locked enrolment (found in scope by `lockEnrolment`) to its next status. */
  async setStatus(
    manager: EntityManager,
    id: string,
    change:
      | { status: 'enrolled'; at: Date }
      | { status: 'completed'; at: Date; passed: boolean; certificateNo: string | null }
      | { status: 'dropped'; at: Date; reason: string },
  ): Promise<void> {
    if (change.status === 'enrolled') {
      await manager.query(
        `UPDATE ${this.s}.training_enrolments SET status = 'enrolled', enrolled_at = $2, updated_at = $2
         WHERE id = $1`,
        [id, change.at],
      );
    } else if (change.status === 'completed') {
      await manager.query(
        `UPDATE ${this.s}.training_enrolments SET status = 'completed', completed_at = $2, passed = $3,
           certificate_no = $4, updated_at = $2 WHERE id = $1`,
        [id, change.at, change.passed, change.certificateNo],
      );
    } else {
      await manager.query(
        `UPDATE ${this.s}.training_enrolments SET status = 'dropped', dropped_at = $2, drop_reason = $3,
           updated_at = $2 WHERE id = $1`,
        [id, change.at, change.reason],
      );
    }
  }

  /** Marks a day of a locked enrolment; a second mark for the same day corrects the first. */
  async markAttendance(
    manager: EntityManager,
    id: string,
    mark: { on: string; present: boolean; recordedBy: string; at: Date },
  ): Promise<{ corrected: boolean }> {
    const [row] = await manager.query(
      `INSERT INTO ${this.s}.training_attendance (enrolment_id, "on", present, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (enrolment_id, "on") DO UPDATE SET present = EXCLUDED.present,
         recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
       RETURNING (xmax <> 0) AS corrected`,
      [id, mark.on, mark.present, mark.recordedBy, mark.at],
    );
    return { corrected: row.corrected };
  }

  private enrolmentSelect(): string {
    return `SELECT e.id, e.course_id, e.person_id, p.name AS person_name, p.phone_masked, e.status, e.free_place,
        e.referred_at, e.referred_by, e.enrolled_at, e.completed_at, e.passed, e.certificate_no, e.dropped_at,
        e.drop_reason, e.service_record_id, (r.confirmed_at IS NOT NULL) AS referral_confirmed,
        (SELECT count(*)::int FROM ${this.s}.training_attendance a WHERE a.enrolment_id = e.id AND a.present)
          AS days_present,
        (SELECT count(*)::int FROM ${this.s}.training_attendance a WHERE a.enrolment_id = e.id AND NOT a.present)
          AS days_absent
      FROM ${this.s}.training_enrolments e
      JOIN ${this.s}.persons p ON p.id = e.person_id
      JOIN ${this.s}.training_courses c ON c.id = e.course_id
      LEFT JOIN ${this.s}.service_records r ON r.id = e.service_record_id`;
  }

  async findEnrolment(
    id: string,
    scope: Scope,
    manager: EntityManager | DataSource = this.dataSource,
  ): Promise<EnrolmentRow | undefined> {
    const [row] = await manager.query(
      `${this.enrolmentSelect()}
       WHERE e.id = $3 AND ${inScope('p.org_path', 1)} AND ${this.visible('c.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return row;
  }

  /** The enrolments of a visible course whose persons are in the caller's scope, in the order referred. */
  async listEnrolments(courseId: string, scope: Scope, limit: number, offset: number) {
    const where = `WHERE e.course_id = $3 AND ${inScope('p.org_path', 1)} AND ${this.visible('c.org_path', 1)}`;
    const params = [...scopeParams(scope), courseId];
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${this.s}.training_enrolments e
       JOIN ${this.s}.persons p ON p.id = e.person_id JOIN ${this.s}.training_courses c ON c.id = e.course_id
       ${where}`,
      params,
    );
    const rows: EnrolmentRow[] = await this.dataSource.query(
      `${this.enrolmentSelect()} ${where} ORDER BY e.referred_at, e.id LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    return { rows, total: total as number };
  }

  /** The person's enrolments (any course visible to the caller), newest first; the person must be in scope. */
  async enrolmentsOfPerson(personId: string, scope: Scope): Promise<Array<EnrolmentRow & { title: string }>> {
    return this.dataSource.query(
      `SELECT q.*, c2.title FROM (${this.enrolmentSelect()}
         WHERE e.person_id = $3 AND ${inScope('p.org_path', 1)} AND ${this.visible('c.org_path', 1)}) q
       JOIN ${this.s}.training_courses c2 ON c2.id = q.course_id ORDER BY q.referred_at DESC LIMIT 100`,
      [...scopeParams(scope), personId],
    );
  }

  /**
   * The training KPIs of enrolments referred in [from, to) whose persons are in the caller's scope, on visible
   * courses (optionally only courses run inside `unitPath`, or one course), per provider, per running unit, per
   * course and in total. Employment after training: an `employed` event within 6 months (Shanghai calendar
   * months) after completion; the rate counts only enrolments whose 6 months are over at `now`.
   */
  async kpis(
    scope: Scope,
    filter: { from?: Date; to?: Date; unitPath?: string; courseId?: string },
    now: Date,
  ): Promise<KpiRow[]> {
    const params: unknown[] = [...scopeParams(scope), now];
    const where: string[] = [inScope('p.org_path', 1), this.visible('c.org_path', 1)];
    if (filter.from) {
      params.push(filter.from);
      where.push(`e.referred_at >= $${params.length}`);
    }
    if (filter.to) {
      params.push(filter.to);
      where.push(`e.referred_at < $${params.length}`);
    }
    if (filter.unitPath) {
      params.push(filter.unitPath, `${filter.unitPath}/%`);
      where.push(inScope('c.org_path', params.length - 1));
    }
    if (filter.courseId) {
      params.push(filter.courseId);
      where.push(`c.id = $${params.length}`);
    }
    const sixMonthsAfter = `((e.completed_at AT TIME ZONE 'Asia/Shanghai' + interval '6 months')
      AT TIME ZONE 'Asia/Shanghai')`;
    return this.dataSource.query(
      `WITH t AS (
         SELECT e.*, c.provider_id, c.org_path AS course_org_path, c.title AS course_title,
           (e.completed_at IS NOT NULL AND ${sixMonthsAfter} <= $3) AS window_closed,
           (e.completed_at IS NOT NULL AND EXISTS (
             SELECT 1 FROM ${this.s}.employment_events ev
             WHERE ev.person_id = e.person_id AND ev.kind = 'employed'
               AND ev.occurred_at > e.completed_at AND ev.occurred_at <= ${sixMonthsAfter}
               AND ev.occurred_at <= $3)) AS employed_after
         FROM ${this.s}.training_enrolments e
         JOIN ${this.s}.training_courses c ON c.id = e.course_id
         JOIN ${this.s}.persons p ON p.id = e.person_id
         WHERE ${where.join(' AND ')}
       )
       SELECT CASE WHEN GROUPING(t.provider_id) = 0 THEN 'provider'
                   WHEN GROUPING(t.course_org_path) = 0 THEN 'unit'
                   WHEN GROUPING(t.course_id) = 0 THEN 'course' ELSE 'total' END AS grouping,
         t.provider_id, max(pr.name) AS provider_name, t.course_org_path AS org_path, t.course_id,
         max(t.course_title) AS course_title,
         count(*)::int AS referred,
         count(*) FILTER (WHERE t.enrolled_at IS NOT NULL)::int AS enrolled,
         count(*) FILTER (WHERE t.status = 'completed')::int AS completed,
         count(*) FILTER (WHERE t.passed)::int AS passed,
         count(*) FILTER (WHERE t.window_closed)::int AS window_closed,
         count(*) FILTER (WHERE t.window_closed AND t.employed_after)::int AS employed_after,
         count(*) FILTER (WHERE NOT t.window_closed AND t.employed_after)::int AS employed_so_far_open
       FROM t LEFT JOIN ${this.s}.training_providers pr ON pr.id = t.provider_id
       GROUP BY GROUPING SETS ((t.provider_id), (t.course_org_path), (t.course_id), ())
       ORDER BY grouping, provider_name, org_path, course_title`,
      params,
    );
  }
}
