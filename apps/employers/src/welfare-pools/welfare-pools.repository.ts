import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { WelfarePoolView } from '@platform/contracts';
import { AreaScope, inScope, scopeParams } from '../shared/area-scope';
import { CreateWelfarePoolBody } from './welfare-pool.dto';

const VIEW_COLUMNS = `id, district_code AS "districtCode", post_type AS "postType", period, funded_slots AS "fundedSlots",
  priority_reserve AS "priorityReserve", taken, employer_id AS "employerId"`;

/**
 * The SQL of public-welfare post pools. A pool belongs to its district (`org_path`, the city root for a city-wide
 * pool); staff reads and writes filter on it. `taken` is changed only by guarded single-row UPDATEs.
 */
@Injectable()
export class WelfarePoolsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async employerInScope(employerId: string, scope: AreaScope): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM "${this.s}".employers WHERE id = $3 AND ${inScope('org_path', 1)}`,
      [...scopeParams(scope), employerId],
    );
    return rows.length > 0;
  }

  /**
   * Inserts the pool when its area (`orgPath`) lies in the caller's scope and no pool of the same district, post
   * type and period exists; its id, else undefined.
   */
  async insert(
    body: CreateWelfarePoolBody,
    orgPath: string,
    actor: string,
    scope: AreaScope,
  ): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "${this.s}".welfare_pools
         (district_code, org_path, post_type, period, funded_slots, priority_reserve, employer_id, created_by)
       SELECT $3, $4::text, $5, $6, $7, $8, $9::uuid, $10 WHERE ${inScope('$4::text', 1)}
       ON CONFLICT (district_code, post_type, period) DO NOTHING RETURNING id`,
      [
        ...scopeParams(scope),
        body.districtCode,
        orgPath,
        body.postType,
        body.period,
        body.fundedSlots,
        body.priorityReserve,
        body.employerId ?? null,
        actor,
      ],
    );
    return row?.id;
  }

  async findById(id: string, scope: AreaScope): Promise<WelfarePoolView | undefined> {
    const [pool] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM "${this.s}".welfare_pools WHERE id = $3 AND ${inScope('org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return pool;
  }

  async list(
    scope: AreaScope,
    districtCode: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: WelfarePoolView[]; total: number }> {
    const rows = (await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS}, count(*) OVER () AS total FROM "${this.s}".welfare_pools
        WHERE ${inScope('org_path', 1)} AND ($3::text IS NULL OR district_code = $3)
        ORDER BY period DESC, district_code, post_type LIMIT $4 OFFSET $5`,
      [...scopeParams(scope), districtCode ?? null, limit, offset],
    )) as Array<WelfarePoolView & { total: string }>;
    return {
      items: rows.map(({ total: _total, ...pool }) => pool),
      total: rows.length ? Number(rows[0].total) : 0,
    };
  }

  /** The pool's area, if the pool exists (a hold made straight at the pool belongs to it). */
  async areaOf(manager: EntityManager, poolId: string): Promise<string | undefined> {
    const [pool] = await manager.query(`SELECT org_path FROM "${this.s}".welfare_pools WHERE id = $1`, [
      poolId,
    ]);
    return pool?.org_path;
  }

  /**
   * One funded slot, if one is free. The last `priority_reserve` slots go only to persons with an assistance
   * category (`priority`), so ordinary applicants can never use up the posts meant for hardship persons.
   */
  async takeSlot(manager: EntityManager, poolId: string, priority: boolean): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".welfare_pools SET taken = taken + 1
        WHERE id = $1 AND taken < funded_slots - CASE WHEN $2 THEN 0 ELSE priority_reserve END RETURNING taken`,
      [poolId, priority],
    );
    return rows.length > 0;
  }

  async giveBackSlot(manager: EntityManager, poolId: string): Promise<void> {
    await manager.query(`UPDATE "${this.s}".welfare_pools SET taken = taken - 1 WHERE id = $1`, [poolId]);
  }

  /** Pools of the period with a free slot, in the district or city-wide, the district's first. */
  async escalationCandidates(
    manager: EntityManager,
    period: string,
    districtCode: string,
    cityCode: string,
  ): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT id FROM "${this.s}".welfare_pools
        WHERE period = $1 AND district_code IN ($2, $3) AND taken < funded_slots
        ORDER BY district_code = $2 DESC, created_at, id`,
      [period, districtCode, cityCode],
    )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }
}
