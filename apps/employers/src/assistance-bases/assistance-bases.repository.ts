import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AssistanceBaseView, BaseCapacity } from '@platform/contracts';
import { AreaScope, inScope, scopeParams } from '../shared/area-scope';
import { CreateAssistanceBaseBody } from './assistance-base.dto';

/** What a hold at a base needs to know before it takes a unit. */
export interface BaseForHold {
  acceptedCategories: string[];
  /** The period lies in the designation. */
  designated: boolean;
  /** The base employer's district (a hold made straight at the base belongs to it). */
  districtCode: string;
}

/**
 * The SQL of assistance bases and their capacity per period. A base belongs to its employer's area: staff reads
 * and writes join the employer and filter on its `org_path` (the caller sees the bases of the employers they
 * see). Counters are changed only by guarded single-row UPDATEs, so concurrent holds never overbook.
 */
@Injectable()
export class AssistanceBasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  /** The employer, if the caller sees it. */
  async employerInScope(manager: EntityManager, employerId: string, scope: AreaScope): Promise<boolean> {
    const rows = await manager.query(
      `SELECT 1 FROM "${this.s}".employers WHERE id = $3 AND ${inScope('org_path', 1)}`,
      [...scopeParams(scope), employerId],
    );
    return rows.length > 0;
  }

  async insert(manager: EntityManager, body: CreateAssistanceBaseBody, actor: string): Promise<string> {
    const [base] = await manager.query(
      `INSERT INTO "${this.s}".assistance_bases (employer_id, designated_from, designated_to, accepted_categories, designated_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [body.employerId, body.designatedFrom, body.designatedTo, body.acceptedCategories, actor],
    );
    for (const { period, capacity } of body.capacities)
      await manager.query(
        `INSERT INTO "${this.s}".assistance_base_capacity (base_id, period, capacity) VALUES ($1, $2, $3)
         ON CONFLICT (base_id, period) DO UPDATE SET capacity = EXCLUDED.capacity`,
        [base.id, period, capacity],
      );
    return base.id as string;
  }

  async findById(
    id: string,
    scope: AreaScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AssistanceBaseView | undefined> {
    const [base] = await manager.query(
      `${this.selectViews()} WHERE b.id = $3 AND ${inScope('e.org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return base;
  }

  async list(
    scope: AreaScope,
    limit: number,
    offset: number,
  ): Promise<{ items: AssistanceBaseView[]; total: number }> {
    const rows = (await this.dataSource.query(
      `${this.selectViews(', count(*) OVER () AS total')} WHERE ${inScope('e.org_path', 1)}
        ORDER BY b.created_at DESC, b.id LIMIT $3 OFFSET $4`,
      [...scopeParams(scope), limit, offset],
    )) as Array<AssistanceBaseView & { total: string }>;
    return {
      items: rows.map(({ total: _total, ...base }) => base),
      total: rows.length ? Number(rows[0].total) : 0,
    };
  }

  /**
   * Declares (or corrects) a period's capacity of a base in the caller's scope; never below what is already held
   * or used. Undefined when nothing was written (no such base in scope, or the capacity is too low).
   */
  async putCapacity(
    baseId: string,
    period: string,
    capacity: number,
    scope: AreaScope,
  ): Promise<BaseCapacity | undefined> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "${this.s}".assistance_base_capacity AS c (base_id, period, capacity)
       SELECT b.id, $4, $5 FROM "${this.s}".assistance_bases b JOIN "${this.s}".employers e ON e.id = b.employer_id
        WHERE b.id = $3 AND ${inScope('e.org_path', 1)}
       ON CONFLICT (base_id, period) DO UPDATE SET capacity = EXCLUDED.capacity WHERE c.taken <= EXCLUDED.capacity
       RETURNING period, capacity, taken`,
      [...scopeParams(scope), baseId, period, capacity],
    );
    return row;
  }

  async forHold(manager: EntityManager, baseId: string, period: string): Promise<BaseForHold | undefined> {
    const [base] = await manager.query(
      `SELECT b.accepted_categories AS "acceptedCategories", e.district_code AS "districtCode",
              to_date($2, 'YYYY-MM') BETWEEN date_trunc('month', b.designated_from)::date AND b.designated_to AS designated
         FROM "${this.s}".assistance_bases b JOIN "${this.s}".employers e ON e.id = b.employer_id WHERE b.id = $1`,
      [baseId, period],
    );
    return base;
  }

  /** One unit of the period's capacity, if one is free. */
  async takeUnit(manager: EntityManager, baseId: string, period: string): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".assistance_base_capacity SET taken = taken + 1
        WHERE base_id = $1 AND period = $2 AND taken < capacity RETURNING taken`,
      [baseId, period],
    );
    return rows.length > 0;
  }

  async giveBackUnit(manager: EntityManager, baseId: string, period: string): Promise<void> {
    await manager.query(
      `UPDATE "${this.s}".assistance_base_capacity SET taken = taken - 1 WHERE base_id = $1 AND period = $2`,
      [baseId, period],
    );
  }

  /**
   * Bases with free capacity in the period that are designated for it and must accept one of the categories
   * (any base when there are none: the 2-working-day promise covers everyone), the district's first.
   */
  async escalationCandidates(
    manager: EntityManager,
    period: string,
    districtCode: string,
    categories: string[],
  ): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT b.id FROM "${this.s}".assistance_bases b
         JOIN "${this.s}".employers e ON e.id = b.employer_id
         JOIN "${this.s}".assistance_base_capacity c ON c.base_id = b.id AND c.period = $1
        WHERE c.taken < c.capacity AND (cardinality($3::text[]) = 0 OR b.accepted_categories && $3::text[])
          AND to_date($1, 'YYYY-MM') BETWEEN date_trunc('month', b.designated_from)::date AND b.designated_to
        ORDER BY e.district_code = $2 DESC, b.created_at, b.id`,
      [period, districtCode, categories],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  /** Views of bases (`b`) with their employer (`e`); the caller adds WHERE and ORDER. */
  private selectViews(extra = ''): string {
    return `SELECT b.id, b.employer_id AS "employerId", to_char(b.designated_from, 'YYYY-MM-DD') AS "designatedFrom",
              to_char(b.designated_to, 'YYYY-MM-DD') AS "designatedTo", b.accepted_categories AS "acceptedCategories",
              coalesce((SELECT json_agg(json_build_object('period', c.period, 'capacity', c.capacity, 'taken', c.taken)
                                 ORDER BY c.period)
                          FROM "${this.s}".assistance_base_capacity c WHERE c.base_id = b.id), '[]') AS capacities
              ${extra}
         FROM "${this.s}".assistance_bases b JOIN "${this.s}".employers e ON e.id = b.employer_id`;
  }
}
