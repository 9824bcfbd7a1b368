import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  reservationEventDataSchema,
  ReservationKind,
  ReservationStatus,
  ReservationView,
  Topics,
  WelfarePoolView,
} from '@platform/contracts';
import { CITY_CODE } from '@platform/auth';
import { Page, ProblemException } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import { CreateAssistanceBaseBody, CreateWelfarePoolBody } from './reservation.dto';

export interface HoldInput {
  caseId: string;
  personId: string;
  categories: string[];
  holdMinutes: number;
  actor: string;
  correlationId: string;
}

export interface ReservationFilter {
  caseId?: string;
  poolId?: string;
  baseId?: string;
  status?: ReservationStatus;
}

interface ReservationRow {
  id: string;
  kind: ReservationKind;
  base_id: string | null;
  period: string | null;
  pool_id: string | null;
  case_id: string;
  person_id: string;
  categories: string[];
  status: ReservationStatus;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
}

function toView(row: ReservationRow): ReservationView {
  return {
    id: row.id,
    kind: row.kind,
    baseId: row.base_id,
    period: row.period,
    poolId: row.pool_id,
    caseId: row.case_id,
    personId: row.person_id,
    categories: row.categories,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const problem = (status: number, detail: string) => new ProblemException(status, detail);
/** Pools with this district code serve the whole city. */

/**
 * Assistance-base capacity and public-welfare slots. A unit is held by one guarded UPDATE of the counter
 * (`taken < capacity`), so concurrent reservations can never overbook: Postgres re-checks the condition on the
 * row after the competing transaction commits. Release and expiry give the unit back in the same transaction
 * that ends the reservation.
 */
@Injectable()
export class ReservationsService {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async createBase(body: CreateAssistanceBaseBody, actor: string) {
    if (body.designatedTo < body.designatedFrom)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The designation period is invalid / 认定期限有误', [
        {
          field: 'designatedTo',
          rule: 'notBeforeFrom',
          message: { zh: '截止日期不能早于起始日期', en: 'designatedTo must not be before designatedFrom' },
        },
      ]);
    return this.dataSource.transaction(async (manager) => {
      const [employer] = await manager.query(`SELECT id FROM "${this.s}".employers WHERE id = $1`, [
        body.employerId,
      ]);
      if (!employer)
        throw new ProblemException(HttpStatus.BAD_REQUEST, 'No such employer / 未找到该用人单位', [
          { field: 'employerId', rule: 'exists', message: { zh: '用人单位不存在', en: 'no such employer' } },
        ]);
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
      return this.getBase(base.id, manager);
    });
  }

  async getBase(id: string, manager: EntityManager = this.dataSource.manager) {
    const [base] = await manager.query(
      `SELECT b.id, b.employer_id AS "employerId", to_char(b.designated_from, 'YYYY-MM-DD') AS "designatedFrom",
              to_char(b.designated_to, 'YYYY-MM-DD') AS "designatedTo", b.accepted_categories AS "acceptedCategories",
              coalesce((SELECT json_agg(json_build_object('period', c.period, 'capacity', c.capacity, 'taken', c.taken)
                                 ORDER BY c.period)
                          FROM "${this.s}".assistance_base_capacity c WHERE c.base_id = b.id), '[]') AS capacities
         FROM "${this.s}".assistance_bases b WHERE b.id = $1`,
      [id],
    );
    if (!base) throw problem(HttpStatus.NOT_FOUND, 'No such assistance base / 未找到该援助基地');
    return base;
  }

  async listBases(limit: number, offset: number) {
    const ids = (await this.dataSource.query(
      `SELECT id, count(*) OVER () AS total FROM "${this.s}".assistance_bases ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [limit, offset],
    )) as Array<{ id: string; total: string }>;
    const items = [];
    for (const { id } of ids) items.push(await this.getBase(id));
    return { items, total: ids.length ? Number(ids[0].total) : 0, limit, offset };
  }

  /** Declares (or corrects) a period's capacity; it can never drop below what is already held or used. */
  async putCapacity(baseId: string, period: string, capacity: number) {
    await this.getBase(baseId);
    const rows = await this.dataSource.query(
      `INSERT INTO "${this.s}".assistance_base_capacity AS c (base_id, period, capacity) VALUES ($1, $2, $3)
       ON CONFLICT (base_id, period) DO UPDATE SET capacity = EXCLUDED.capacity WHERE c.taken <= EXCLUDED.capacity
       RETURNING period, capacity, taken`,
      [baseId, period, capacity],
    );
    if (!rows.length)
      throw problem(
        HttpStatus.CONFLICT,
        'Capacity is below what is already reserved / 容量不能低于已预留数量',
      );
    return rows[0];
  }

  async reserveBaseCapacity(baseId: string, period: string, input: HoldInput): Promise<ReservationView> {
    return this.hold('assistance_base', baseId, input, (manager) =>
      this.takeBaseCapacity(manager, baseId, period, input),
    );
  }

  private async takeBaseCapacity(
    manager: EntityManager,
    baseId: string,
    period: string,
    input: HoldInput,
    options: { escalation?: boolean } = {},
  ): Promise<Pick<ReservationRow, 'base_id' | 'period' | 'pool_id'>> {
    const [base] = await manager.query(
      `SELECT accepted_categories AS categories,
              to_date($2, 'YYYY-MM') BETWEEN date_trunc('month', designated_from)::date AND designated_to AS designated
         FROM "${this.s}".assistance_bases WHERE id = $1`,
      [baseId, period],
    );
    if (!base) throw problem(HttpStatus.NOT_FOUND, 'No such assistance base / 未找到该援助基地');
    if (!base.designated)
      throw problem(
        HttpStatus.CONFLICT,
        'The base is not designated for this period / 该基地在此期间未被认定',
      );
    // A base must take the categories it was designated for; the automatic escalation of the 2-working-day
    // promise also places people without a category there (the promise covers everyone who does not pick).
    const escalatingWithoutCategory = options.escalation === true && input.categories.length === 0;
    if (
      !escalatingWithoutCategory &&
      !input.categories.some((category) => (base.categories as string[]).includes(category))
    )
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'The person has no category this base must accept / 该人员不属于本基地须接收的援助类别',
      );
    const taken = await manager.query(
      `UPDATE "${this.s}".assistance_base_capacity SET taken = taken + 1
        WHERE base_id = $1 AND period = $2 AND taken < capacity RETURNING taken`,
      [baseId, period],
    );
    if (!taken[0][0])
      throw problem(HttpStatus.CONFLICT, 'The base has no capacity left in this period / 该基地本期容量已满');
    return { base_id: baseId, period, pool_id: null };
  }

  async createPool(body: CreateWelfarePoolBody, actor: string) {
    if (body.priorityReserve > body.fundedSlots)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'The pool is invalid / 岗位池信息有误', [
        {
          field: 'priorityReserve',
          rule: 'notAboveFundedSlots',
          message: { zh: '优先保留数不能超过资助岗位数', en: 'priorityReserve must not exceed fundedSlots' },
        },
      ]);
    const rows = await this.dataSource.query(
      `INSERT INTO "${this.s}".welfare_pools (district_code, post_type, period, funded_slots, priority_reserve, employer_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (district_code, post_type, period) DO NOTHING RETURNING id`,
      [
        body.districtCode,
        body.postType,
        body.period,
        body.fundedSlots,
        body.priorityReserve,
        body.employerId ?? null,
        actor,
      ],
    );
    if (!rows.length) throw problem(HttpStatus.CONFLICT, 'This pool exists / 该区县本期此类岗位池已存在');
    return this.getPool(rows[0].id);
  }

  async getPool(id: string, manager: EntityManager = this.dataSource.manager): Promise<WelfarePoolView> {
    const [pool]: WelfarePoolView[] = await manager.query(
      `SELECT id, district_code AS "districtCode", post_type AS "postType", period, funded_slots AS "fundedSlots",
              priority_reserve AS "priorityReserve", taken, employer_id AS "employerId"
         FROM "${this.s}".welfare_pools WHERE id = $1`,
      [id],
    );
    if (!pool) throw problem(HttpStatus.NOT_FOUND, 'No such public-welfare post pool / 未找到该公益性岗位池');
    return pool;
  }

  async listPools(
    districtCode: string | undefined,
    limit: number,
    offset: number,
  ): Promise<Page<WelfarePoolView>> {
    const rows = (await this.dataSource.query(
      `SELECT id, count(*) OVER () AS total FROM "${this.s}".welfare_pools
        WHERE ($1::text IS NULL OR district_code = $1) ORDER BY period DESC, district_code, post_type LIMIT $2 OFFSET $3`,
      [districtCode ?? null, limit, offset],
    )) as Array<{ id: string; total: string }>;
    const items = [];
    for (const { id } of rows) items.push(await this.getPool(id));
    return { items, total: rows.length ? Number(rows[0].total) : 0, limit, offset };
  }

  /**
   * Allocates one funded slot. The last `priorityReserve` slots go only to persons with an assistance category,
   * so ordinary applicants can never use up the posts meant for hardship persons.
   */
  async reserveWelfareSlot(poolId: string, input: HoldInput): Promise<ReservationView> {
    return this.hold('welfare_slot', poolId, input, (manager) =>
      this.takeWelfareSlot(manager, poolId, input),
    );
  }

  private async takeWelfareSlot(
    manager: EntityManager,
    poolId: string,
    input: HoldInput,
  ): Promise<Pick<ReservationRow, 'base_id' | 'period' | 'pool_id'>> {
    // On the transaction's own connection: a second one per hold runs the pool dry under concurrent calls.
    await this.getPool(poolId, manager);
    const priority = input.categories.length > 0;
    const taken = await manager.query(
      `UPDATE "${this.s}".welfare_pools SET taken = taken + 1
        WHERE id = $1 AND taken < funded_slots - CASE WHEN $2 THEN 0 ELSE priority_reserve END RETURNING taken`,
      [poolId, priority],
    );
    if (!taken[0][0])
      throw problem(
        HttpStatus.CONFLICT,
        priority
          ? 'No public-welfare slot is left in this pool / 该岗位池已无剩余岗位'
          : 'The remaining slots are reserved for assistance categories / 剩余岗位优先保留给就业援助对象',
      );
    return { base_id: null, period: null, pool_id: poolId };
  }

  /**
   * Automatic escalation: a welfare slot for a person with an assistance category (pools have no category list,
   * so any category qualifies), in a pool of the district first, then a city-wide pool (district code 510100);
   * otherwise capacity at a base that must accept one of the person's categories, the district's bases (by the
   * employer's district) first. Each unit is taken by the same guarded UPDATE as a direct reservation; one that
   * filled up since the candidates were read is skipped. Returns null when nothing is free.
   */
  async reserveForEscalation(
    districtCode: string,
    period: string,
    input: HoldInput,
  ): Promise<ReservationView | null> {
    return this.dataSource.transaction(async (manager) => {
      // Two overlapping attempts for one case (a retry racing the first) would otherwise pick two targets.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `${this.s}.escalation:${input.caseId}`,
      ]);
      const [live] = (await manager.query(
        `SELECT * FROM "${this.s}".reservations WHERE case_id = $1 AND status IN ('held', 'confirmed')
          ORDER BY created_at, id LIMIT 1`,
        [input.caseId],
      )) as ReservationRow[];
      if (live) return toView(live);
      const pools = input.categories.length
        ? ((await manager.query(
            `SELECT id FROM "${this.s}".welfare_pools
              WHERE period = $1 AND district_code IN ($2, $3) AND taken < funded_slots
              ORDER BY district_code = $2 DESC, created_at, id`,
            [period, districtCode, CITY_CODE],
          )) as Array<{ id: string }>)
        : [];
      const bases = (await manager.query(
        `SELECT b.id FROM "${this.s}".assistance_bases b
           JOIN "${this.s}".employers e ON e.id = b.employer_id
           JOIN "${this.s}".assistance_base_capacity c ON c.base_id = b.id AND c.period = $1
          WHERE c.taken < c.capacity AND (cardinality($3::text[]) = 0 OR b.accepted_categories && $3::text[])
            AND to_date($1, 'YYYY-MM') BETWEEN date_trunc('month', b.designated_from)::date AND b.designated_to
          ORDER BY e.district_code = $2 DESC, b.created_at, b.id`,
        [period, districtCode, input.categories],
      )) as Array<{ id: string }>;
      const candidates = [
        ...pools.map(
          ({ id }) =>
            () =>
              this.insertHold(manager, 'welfare_slot', input, (m) => this.takeWelfareSlot(m, id, input)),
        ),
        ...bases.map(
          ({ id }) =>
            () =>
              this.insertHold(manager, 'assistance_base', input, (m) =>
                this.takeBaseCapacity(m, id, period, input, { escalation: true }),
              ),
        ),
      ];
      for (const reserve of candidates) {
        try {
          return await reserve();
        } catch (error) {
          // Filled by another case since it was listed (nothing was written): try the next one.
          if (error instanceof ProblemException && error.getStatus() === HttpStatus.CONFLICT) continue;
          throw error;
        }
      }
      return null;
    });
  }

  async list(filter: ReservationFilter, limit: number, offset: number): Promise<Page<ReservationView>> {
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "${this.s}".reservations
        WHERE ($1::text IS NULL OR case_id = $1) AND ($2::uuid IS NULL OR pool_id = $2)
          AND ($3::uuid IS NULL OR base_id = $3) AND ($4::text IS NULL OR status = $4)
        ORDER BY created_at DESC, id LIMIT $5 OFFSET $6`,
      [
        filter.caseId ?? null,
        filter.poolId ?? null,
        filter.baseId ?? null,
        filter.status ?? null,
        limit,
        offset,
      ],
    )) as Array<ReservationRow & { total: string }>;
    return { items: rows.map(toView), total: rows.length ? Number(rows[0].total) : 0, limit, offset };
  }

  async get(id: string): Promise<ReservationView> {
    const [row] = await this.dataSource.query(`SELECT * FROM "${this.s}".reservations WHERE id = $1`, [id]);
    if (!row) throw problem(HttpStatus.NOT_FOUND, 'No such reservation / 未找到该预留');
    return toView(row);
  }

  /** The person took the post: the unit stays used. Only a live (unexpired) hold can be confirmed. */
  async confirm(id: string, actor: string, correlationId: string): Promise<ReservationView> {
    return this.dataSource.transaction(async (manager) => {
      const [[row]] = (await manager.query(
        `UPDATE "${this.s}".reservations SET status = 'confirmed', updated_at = now()
          WHERE id = $1 AND (status = 'confirmed' OR (status = 'held' AND expires_at > now())) RETURNING *`,
        [id],
      )) as [ReservationRow[], number];
      if (!row) {
        await this.get(id);
        throw problem(HttpStatus.CONFLICT, 'The reservation is no longer held / 该预留已失效');
      }
      await this.event(manager, row, 'confirmed', actor, correlationId);
      return toView(row);
    });
  }

  /** Gives the unit back (a held or a confirmed reservation that fell through). */
  async release(id: string, actor: string, correlationId: string): Promise<ReservationView> {
    return this.dataSource.transaction(async (manager) => {
      const [[row]] = (await manager.query(
        `UPDATE "${this.s}".reservations SET status = 'released', updated_at = now()
          WHERE id = $1 AND status IN ('held', 'confirmed') RETURNING *`,
        [id],
      )) as [ReservationRow[], number];
      if (!row) {
        const current = await this.get(id);
        if (current.status === 'released') return current;
        throw problem(HttpStatus.CONFLICT, 'The reservation has already ended / 该预留已结束');
      }
      await this.giveBack(manager, [row]);
      await this.event(manager, row, 'released', actor, correlationId);
      return toView(row);
    });
  }

  /** Ends holds that were not confirmed in time and gives their units back; returns how many expired. */
  async expireDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE "${this.s}".reservations SET status = 'expired', updated_at = now()
          WHERE id IN (SELECT id FROM "${this.s}".reservations WHERE status = 'held' AND expires_at <= $1
                        ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        [now],
      )) as [ReservationRow[], number];
      await this.giveBack(manager, rows);
      for (const row of rows) await this.event(manager, row, 'expired', 'system', `expiry:${row.id}`);
      return rows.length;
    });
  }

  private async hold(
    kind: ReservationKind,
    targetId: string,
    input: HoldInput,
    take: (manager: EntityManager) => Promise<Pick<ReservationRow, 'base_id' | 'period' | 'pool_id'>>,
  ): Promise<ReservationView> {
    const existing = async (manager: EntityManager) => {
      const [row] = await manager.query(
        `SELECT * FROM "${this.s}".reservations WHERE case_id = $1 AND kind = $2 AND coalesce(base_id, pool_id) = $3
            AND status IN ('held', 'confirmed')`,
        [input.caseId, kind, targetId],
      );
      return row as ReservationRow | undefined;
    };
    try {
      return await this.dataSource.transaction(async (manager) => {
        // A retried call (same case, same target) gets its reservation back instead of a second unit.
        const found = await existing(manager);
        if (found) return toView(found);
        return this.insertHold(manager, kind, input, take);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        const found = await existing(this.dataSource.manager);
        if (found) return toView(found);
      }
      throw error;
    }
  }

  /** Takes the unit and writes the held reservation with its event, inside the caller's transaction. */
  private async insertHold(
    manager: EntityManager,
    kind: ReservationKind,
    input: HoldInput,
    take: (manager: EntityManager) => Promise<Pick<ReservationRow, 'base_id' | 'period' | 'pool_id'>>,
  ): Promise<ReservationView> {
    const target = await take(manager);
    const [row] = (await manager.query(
      `INSERT INTO "${this.s}".reservations
         (kind, base_id, period, pool_id, case_id, person_id, categories, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(mins => $8), $9) RETURNING *`,
      [
        kind,
        target.base_id,
        target.period,
        target.pool_id,
        input.caseId,
        input.personId,
        input.categories,
        input.holdMinutes,
        input.actor,
      ],
    )) as ReservationRow[];
    await this.event(manager, row, 'held', input.actor, input.correlationId);
    return toView(row);
  }

  private async giveBack(manager: EntityManager, rows: ReservationRow[]): Promise<void> {
    for (const row of rows) {
      if (row.kind === 'assistance_base')
        await manager.query(
          `UPDATE "${this.s}".assistance_base_capacity SET taken = taken - 1 WHERE base_id = $1 AND period = $2`,
          [row.base_id, row.period],
        );
      else
        await manager.query(`UPDATE "${this.s}".welfare_pools SET taken = taken - 1 WHERE id = $1`, [
          row.pool_id,
        ]);
    }
  }

  private event(
    manager: EntityManager,
    row: ReservationRow,
    what: string,
    actor: string,
    correlationId: string,
  ) {
    return enqueueEvent(manager, this.s, Topics.employersReservation, {
      type: `employers.reservation.${what}`,
      source: 'employers',
      subject: row.id,
      correlationId,
      // Validated against the published schema on produce, as consumers validate it on consume.
      data: reservationEventDataSchema.parse({
        reservationId: row.id,
        kind: row.kind,
        baseId: row.base_id,
        period: row.period,
        poolId: row.pool_id,
        caseId: row.case_id,
        status: row.status,
        expiresAt: row.expires_at.toISOString(),
        actor,
      }),
    });
  }
}
