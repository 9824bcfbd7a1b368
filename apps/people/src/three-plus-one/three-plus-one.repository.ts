import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { THREE_PLUS_ONE } from './three-plus-one-year';

export interface WorklistFilter {
  /** Org path prefix of a street or community (already checked to lie in the caller's scope). */
  unitPath?: string;
  missing?: 'jobs' | 'training' | 'both';
  includeEnded: boolean;
}

export interface WorklistRow {
  id: string;
  name: string;
  phone_masked: string;
  community_code: string;
  starts_on: string;
  ends_on: string;
  jobs_confirmed: number;
  jobs_pending: number;
  trainings_confirmed: number;
  trainings_pending: number;
  categories: Array<{ code: string; zh: string; en: string }>;
}

export interface KpiCounts {
  year_ended: number;
  served_in_year: number;
  running: number;
  running_served: number;
  at_risk: number;
}

/**
 * The 3+1 year of each person in SQL, as `three-plus-one-year.ts` defines it: from `unemployment_registered_on`
 * (else the Shanghai date of `created_at`) for 365 days; job and training recommendations counted by when they
 * happened inside the year, confirmed and pending apart. Every statement puts the caller's scope on the person.
 */
@Injectable()
export class ThreePlusOneRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /** `y`: persons of `where` with their year's first and last day; `c`: their counts inside the year. */
  private years(where: string): string {
    const yearDays = THREE_PLUS_ONE.yearDays;
    return `
      WITH y AS (
        SELECT p.id, p.name, p.phone_masked, p.community_code, p.unemployment_status,
               p.unemployment_registered_on,
               COALESCE(p.unemployment_registered_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS starts_on
        FROM "${this.s}".persons p
        WHERE ${where}
      ),
      yc AS (
        SELECT y.*, y.starts_on + ${yearDays - 1} AS ends_on, c.*
        FROM y
        LEFT JOIN LATERAL (
          SELECT
            count(*) FILTER (WHERE r.kind = 'job-referral' AND r.confirmed_at IS NOT NULL)::int AS jobs_confirmed,
            count(*) FILTER (WHERE r.kind = 'job-referral' AND r.confirmed_at IS NULL)::int AS jobs_pending,
            count(*) FILTER (WHERE r.kind = 'training-referral' AND r.confirmed_at IS NOT NULL)::int
              AS trainings_confirmed,
            count(*) FILTER (WHERE r.kind = 'training-referral' AND r.confirmed_at IS NULL)::int
              AS trainings_pending
          FROM "${this.s}".service_records r
          WHERE r.person_id = y.id AND r.kind IN ('job-referral', 'training-referral')
            AND r.occurred_at >= (y.starts_on::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND r.occurred_at < ((y.starts_on + ${yearDays})::timestamp AT TIME ZONE 'Asia/Shanghai')
        ) c ON true
      )`;
  }

  private served(alias = 'yc'): string {
    return `(${alias}.jobs_confirmed >= ${THREE_PLUS_ONE.jobs} AND ${alias}.trainings_confirmed >= ${THREE_PLUS_ONE.trainings})`;
  }

  /**
   * Registered unemployed persons in scope whose year is running (or, with `includeEnded`, also ended) without
   * 3+1, fewest days left first. `today` is the Shanghai date (YYYY-MM-DD) the days are counted from.
   */
  async worklist(
    scope: Scope,
    today: string,
    filter: WorklistFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: WorklistRow[]; total: number }> {
    const params: unknown[] = [...scopeParams(scope), today, filter.includeEnded];
    const personWhere = [`${inScope('p.org_path', 1)}`, `p.unemployment_status = 'registered'`];
    if (filter.unitPath) {
      params.push(filter.unitPath, `${filter.unitPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`);
      personWhere.push(`(p.org_path = $${params.length - 1} OR p.org_path LIKE $${params.length})`);
    }
    const rowWhere = [`NOT ${this.served()}`, `($4::boolean OR yc.ends_on >= $3::date)`];
    if (filter.missing === 'jobs') rowWhere.push(`yc.jobs_confirmed < ${THREE_PLUS_ONE.jobs}`);
    if (filter.missing === 'training') rowWhere.push(`yc.trainings_confirmed < ${THREE_PLUS_ONE.trainings}`);
    if (filter.missing === 'both') {
      rowWhere.push(
        `yc.jobs_confirmed < ${THREE_PLUS_ONE.jobs} AND yc.trainings_confirmed < ${THREE_PLUS_ONE.trainings}`,
      );
    }
    const base = `${this.years(personWhere.join(' AND '))}`;
    const where = rowWhere.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `${base} SELECT count(*)::int AS total FROM yc WHERE ${where}`,
      params,
    );
    const rows: WorklistRow[] = await this.dataSource.query(
      `${base}
       SELECT yc.id, yc.name, yc.phone_masked, yc.community_code,
              to_char(yc.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(yc.ends_on, 'YYYY-MM-DD') AS ends_on,
              yc.jobs_confirmed, yc.jobs_pending, yc.trainings_confirmed, yc.trainings_pending,
              (SELECT coalesce(json_agg(json_build_object('code', ac.code, 'zh', ac.name_zh, 'en', ac.name_en)
                                        ORDER BY ac.sort_order, ac.code), '[]'::json)
               FROM "${this.s}".person_categories pc
               JOIN "${this.s}".assistance_categories ac ON ac.code = pc.category_code
               WHERE pc.person_id = yc.id) AS categories
       FROM yc WHERE ${where}
       ORDER BY yc.ends_on, yc.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { rows, total };
  }

  /** One person's year and counts (any unemployment status); undefined when the person is not in scope. */
  async ofPerson(personId: string, scope: Scope) {
    const [row] = await this.dataSource.query(
      `${this.years(`p.id = $3 AND ${inScope('p.org_path', 1)}`)}
       SELECT to_char(yc.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(yc.ends_on, 'YYYY-MM-DD') AS ends_on,
              yc.jobs_confirmed, yc.jobs_pending, yc.trainings_confirmed, yc.trainings_pending
       FROM yc`,
      [...scopeParams(scope), personId],
    );
    return row as
      | Pick<
          WorklistRow,
          | 'starts_on'
          | 'ends_on'
          | 'jobs_confirmed'
          | 'jobs_pending'
          | 'trainings_confirmed'
          | 'trainings_pending'
        >
      | undefined;
  }

  /**
   * The 3+1 figures of the scope (narrowed to `unitPath`): persons whose year ended between `from` and `to`
   * (and before `today`) and how many of them were served within it; registered unemployed persons whose year is
   * running today, how many are already served and how many are at risk.
   */
  async kpis(scope: Scope, unitPath: string | null, from: string, to: string, today: string) {
    const params: unknown[] = [...scopeParams(scope), from, to, today];
    const personWhere = [inScope('p.org_path', 1)];
    if (unitPath) {
      params.push(unitPath, `${unitPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`);
      personWhere.push(`(p.org_path = $${params.length - 1} OR p.org_path LIKE $${params.length})`);
    }
    // Only the persons that can count: a year that ends in the period, or one running today.
    const last = `(COALESCE(p.unemployment_registered_on, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) + ${
      THREE_PLUS_ONE.yearDays - 1
    })`;
    personWhere.push(`(${last} BETWEEN $3::date AND $4::date OR ${last} >= $5::date)`);
    const ended = `(yc.ends_on BETWEEN $3::date AND $4::date AND yc.ends_on < $5::date
      AND (yc.unemployment_status = 'registered' OR yc.unemployment_registered_on IS NOT NULL))`;
    const running = `(yc.unemployment_status = 'registered' AND yc.starts_on <= $5::date AND yc.ends_on >= $5::date)`;
    const [row] = await this.dataSource.query(
      `${this.years(personWhere.join(' AND '))}
       SELECT count(*) FILTER (WHERE ${ended})::int AS year_ended,
              count(*) FILTER (WHERE ${ended} AND ${this.served()})::int AS served_in_year,
              count(*) FILTER (WHERE ${running})::int AS running,
              count(*) FILTER (WHERE ${running} AND ${this.served()})::int AS running_served,
              count(*) FILTER (WHERE ${running} AND NOT ${this.served()}
                               AND yc.ends_on - $5::date <= ${THREE_PLUS_ONE.atRiskDays})::int AS at_risk
       FROM yc`,
      params,
    );
    return row as KpiCounts;
  }
}
