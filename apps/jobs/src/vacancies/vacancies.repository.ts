import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { VacancyView } from '@platform/contracts';
import { gramQuery } from '../matching/cjk-grams';
import { GramStats, PLAN_SETTINGS, readGramStats, searchPlan } from './search-plan';
import { ListVacanciesQuery, VacancyBody } from './vacancy.dto';

/** The columns every vacancy read returns, already in API shape. */
export const VACANCY_COLUMNS = `v.id, v.employer_id AS "employerId", v.kind, v.occupation_code AS "occupationCode", v.title,
  v.description, v.skills, v.district_code AS "districtCode", v.street_code AS "streetCode",
  v.community_code AS "communityCode", v.lat, v.lng, v.hours, v.shift_note AS "shiftNote",
  v.physical_demand AS "physicalDemand", v.disabled_suitable AS "disabledSuitable", v.wage_min_fen AS "wageMinFen",
  v.wage_max_fen AS "wageMaxFen", v.headcount, v.taken, v.no_experience AS "noExperience",
  to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo", v.status,
  v.created_at AS "createdAt", v.updated_at AS "updatedAt"`;

/**
 * Who is asking: an employer sees only its own vacancies (in the WHERE clause); staff see all (the city-wide ledger
 * of employer vacancies, which matching offers to any caller's case).
 */
export type VacancyScope = { employerId: string } | { staff: true };

/** The vacancies' SQL; reads take the caller's scope, writes the employer's id. */
@Injectable()
export class VacanciesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async insert(employerId: string, body: VacancyBody): Promise<string> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO "${this.s}".vacancies (employer_id, kind, occupation_code, title, description, skills, district_code,
         street_code, community_code, lat, lng, hours, shift_note, physical_demand, disabled_suitable, wage_min_fen,
         wage_max_fen, headcount, no_experience, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
       RETURNING id`,
      [employerId, ...values(body)],
    );
    return id;
  }

  async find(scope: VacancyScope, id: string): Promise<VacancyView | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${VACANCY_COLUMNS} FROM "${this.s}".vacancies v WHERE v.id = $1 AND ($2::uuid IS NULL OR v.employer_id = $2)`,
      [id, 'employerId' in scope ? scope.employerId : null],
    );
    return row;
  }

  /** False when the employer has no such vacancy. */
  async update(employerId: string, id: string, body: VacancyBody): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE "${this.s}".vacancies SET kind = $3, occupation_code = $4, title = $5, description = $6, skills = $7,
         district_code = $8, street_code = $9, community_code = $10, lat = $11, lng = $12, hours = $13,
         shift_note = $14, physical_demand = $15, disabled_suitable = $16, wage_min_fen = $17, wage_max_fen = $18,
         headcount = $19, no_experience = $20, valid_from = $21, valid_to = $22, updated_at = now()
       WHERE id = $1 AND employer_id = $2 RETURNING id`,
      [id, employerId, ...values(body)],
    );
    return rows.length > 0;
  }

  /** False when the employer has no such vacancy. */
  async close(employerId: string, id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE "${this.s}".vacancies SET status = 'closed', updated_at = now() WHERE id = $1 AND employer_id = $2 RETURNING id`,
      [id, employerId],
    );
    return rows.length > 0;
  }

  /** One page, or null when the keyword has nothing to search. */
  list(
    scope: VacancyScope,
    query: ListVacanciesQuery,
    stats: GramStats | undefined,
  ): Promise<VacancyView[] | null> {
    return runVacancyList(this.dataSource.manager, this.s, scope, query, stats);
  }

  async count(scope: VacancyScope, query: ListVacanciesQuery): Promise<number> {
    const built = vacancyListSql(this.s, scope, query)!;
    const [{ count }] = await this.dataSource.query(built.countSql, built.countParams);
    return count;
  }

  gramStats(): Promise<GramStats> {
    return readGramStats(this.dataSource.manager, this.s);
  }
}

function values(body: VacancyBody): unknown[] {
  return [
    body.kind,
    body.occupationCode,
    body.title,
    body.description,
    body.skills ?? [],
    body.districtCode,
    body.streetCode,
    body.communityCode ?? null,
    body.lat,
    body.lng,
    body.hours,
    body.shiftNote ?? null,
    body.physicalDemand,
    body.disabledSuitable,
    body.wageMinFen,
    body.wageMaxFen,
    body.headcount,
    body.noExperience,
    body.validFrom,
    body.validTo,
  ];
}

/** Runs a list or search as the API does (shared with the benchmark); null when the keyword has nothing to search. */
export async function runVacancyList(
  manager: EntityManager,
  schema: string,
  scope: VacancyScope,
  query: Pick<ListVacanciesQuery, 'q' | 'status' | 'kind' | 'districtCode' | 'limit' | 'offset'>,
  stats: GramStats | undefined,
): Promise<VacancyView[] | null> {
  const built = vacancyListSql(schema, scope, query);
  if (!built) return null;
  if (!built.grams || !stats) return manager.query(built.sql, built.params);
  const plan = searchPlan(built.grams, stats);
  return manager.transaction(async (tx) => {
    for (const setting of PLAN_SETTINGS[plan]) await tx.query(setting);
    return tx.query(built.sql, built.params);
  });
}

/** The list/search statement. */
export function vacancyListSql(
  schema: string,
  scope: VacancyScope,
  query: Pick<ListVacanciesQuery, 'q' | 'status' | 'kind' | 'districtCode' | 'limit' | 'offset'>,
): { sql: string; params: unknown[]; countSql: string; countParams: unknown[]; grams?: string[] } | null {
  const params: unknown[] = [];
  const where: string[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if ('employerId' in scope) where.push(`v.employer_id = ${bind(scope.employerId)}`);
  if (query.status) where.push(`v.status = ${bind(query.status)}`);
  if (query.kind) where.push(`v.kind = ${bind(query.kind)}`);
  if (query.districtCode) where.push(`v.district_code = ${bind(query.districtCode)}`);
  let grams: string[] | undefined;
  if (query.q !== undefined) {
    const keyword = gramQuery(query.q);
    if (!keyword) return null;
    grams = keyword.grams;
    where.push(`v.search_grams @@ ${bind(keyword.tsquery)}::tsquery`);
    for (const pattern of keyword.recheck)
      where.push(`(v.title || ' ' || v.description) ILIKE ${bind(pattern)}`);
  }
  const from = `FROM "${schema}".vacancies v ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const countParams = [...params];
  const sql = `SELECT ${VACANCY_COLUMNS} ${from} ORDER BY v.created_at DESC, v.id LIMIT ${bind(query.limit)} OFFSET ${bind(query.offset)}`;
  return { sql, params, countSql: `SELECT count(*)::int AS count ${from}`, countParams, grams };
}
