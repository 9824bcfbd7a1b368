import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReservationKind, ReservationStatus } from '@platform/contracts';
import { AreaScope, inScope, scopeParams } from '../shared/area-scope';

export interface ReservationRow {
  id: string;
  kind: ReservationKind;
  base_id: string | null;
  period: string | null;
  pool_id: string | null;
  case_id: string;
  person_id: string;
  /** The case's area: staff see and release the hold only within it. */
  org_path: string;
  status: ReservationStatus;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface ReservationFilter {
  caseId?: string;
  poolId?: string;
  baseId?: string;
  status?: ReservationStatus;
}

export type NewReservation = Pick<
  ReservationRow,
  'kind' | 'base_id' | 'period' | 'pool_id' | 'case_id' | 'person_id' | 'org_path'
> & { holdMinutes: number; actor: string };

/** The SQL of reservations (holds). Staff reads and writes take the caller's scope and filter on `org_path`. */
@Injectable()
export class ReservationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  /** Serializes escalation attempts for one case until the transaction ends. */
  async lockCase(manager: EntityManager, caseId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `${this.s}.escalation:${caseId}`,
    ]);
  }

  async liveForCase(manager: EntityManager, caseId: string): Promise<ReservationRow | undefined> {
    const [row] = await manager.query(
      `SELECT * FROM "${this.s}".reservations WHERE case_id = $1 AND status IN ('held', 'confirmed')
        ORDER BY created_at, id LIMIT 1`,
      [caseId],
    );
    return row;
  }

  async liveForTarget(
    manager: EntityManager,
    caseId: string,
    kind: ReservationKind,
    targetId: string,
  ): Promise<ReservationRow | undefined> {
    const [row] = await manager.query(
      `SELECT * FROM "${this.s}".reservations WHERE case_id = $1 AND kind = $2 AND coalesce(base_id, pool_id) = $3
          AND status IN ('held', 'confirmed')`,
      [caseId, kind, targetId],
    );
    return row;
  }

  async insert(manager: EntityManager, hold: NewReservation): Promise<ReservationRow> {
    const [row] = await manager.query(
      `INSERT INTO "${this.s}".reservations
         (kind, base_id, period, pool_id, case_id, person_id, org_path, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(mins => $8), $9) RETURNING *`,
      [
        hold.kind,
        hold.base_id,
        hold.period,
        hold.pool_id,
        hold.case_id,
        hold.person_id,
        hold.org_path,
        hold.holdMinutes,
        hold.actor,
      ],
    );
    return row;
  }

  async list(
    scope: AreaScope,
    filter: ReservationFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: ReservationRow[]; total: number }> {
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "${this.s}".reservations
        WHERE ${inScope('org_path', 1)} AND ($3::text IS NULL OR case_id = $3) AND ($4::uuid IS NULL OR pool_id = $4)
          AND ($5::uuid IS NULL OR base_id = $5) AND ($6::text IS NULL OR status = $6)
        ORDER BY created_at DESC, id LIMIT $7 OFFSET $8`,
      [
        ...scopeParams(scope),
        filter.caseId ?? null,
        filter.poolId ?? null,
        filter.baseId ?? null,
        filter.status ?? null,
        limit,
        offset,
      ],
    )) as Array<ReservationRow & { total: string }>;
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async findById(
    id: string,
    scope: AreaScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReservationRow | undefined> {
    const [row] = await manager.query(
      `SELECT * FROM "${this.s}".reservations WHERE id = $3 AND ${inScope('org_path', 1)}`,
      [...scopeParams(scope), id],
    );
    return row;
  }

  /**
   * What the hold is at, by name: a welfare pool's post type, or the name of the assistance base's employer.
   * Undefined when the reservation is not in the scope.
   */
  async targetName(id: string, scope: AreaScope): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(p.post_type, e.name) AS name
         FROM "${this.s}".reservations r
         LEFT JOIN "${this.s}".welfare_pools p ON p.id = r.pool_id
         LEFT JOIN "${this.s}".assistance_bases b ON b.id = r.base_id
         LEFT JOIN "${this.s}".employers e ON e.id = b.employer_id
        WHERE r.id = $3 AND ${inScope('r.org_path', 1)}`,
      [...scopeParams(scope), id],
    )) as Array<{ name: string | null }>;
    return row?.name ?? undefined;
  }

  /** Confirms a live (unexpired) hold in the scope; a confirmed one stays as it is. */
  async confirm(manager: EntityManager, id: string, scope: AreaScope): Promise<ReservationRow | undefined> {
    const [[row]] = (await manager.query(
      `UPDATE "${this.s}".reservations SET status = 'confirmed', updated_at = now()
        WHERE id = $3 AND ${inScope('org_path', 1)}
          AND (status = 'confirmed' OR (status = 'held' AND expires_at > now())) RETURNING *`,
      [...scopeParams(scope), id],
    )) as [ReservationRow[], number];
    return row;
  }

  /** Ends a held or confirmed hold in the scope. */
  async release(manager: EntityManager, id: string, scope: AreaScope): Promise<ReservationRow | undefined> {
    const [[row]] = (await manager.query(
      `UPDATE "${this.s}".reservations SET status = 'released', updated_at = now()
        WHERE id = $3 AND ${inScope('org_path', 1)} AND status IN ('held', 'confirmed') RETURNING *`,
      [...scopeParams(scope), id],
    )) as [ReservationRow[], number];
    return row;
  }

  /** Ends up to 500 holds not confirmed by `now` (any replica may sweep: SKIP LOCKED). */
  async expireDue(manager: EntityManager, now: Date): Promise<ReservationRow[]> {
    const [rows] = (await manager.query(
      `UPDATE "${this.s}".reservations SET status = 'expired', updated_at = now()
        WHERE id IN (SELECT id FROM "${this.s}".reservations WHERE status = 'held' AND expires_at <= $1
                      ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now],
    )) as [ReservationRow[], number];
    return rows;
  }
}
