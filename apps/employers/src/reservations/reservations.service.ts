import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { reservationEventDataSchema, ReservationKind, ReservationView, Topics } from '@platform/contracts';
import { CITY_CODE, orgPathOfCode } from '@platform/auth';
import { Page, ProblemException } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';
import { AssistanceBasesRepository } from '../assistance-bases/assistance-bases.repository';
import { noSuchBase } from '../assistance-bases/assistance-bases.service';
import { AreaScope, notFound, WHOLE_CITY } from '../shared/area-scope';
import { noSuchPool } from '../welfare-pools/welfare-pools.service';
import { WelfarePoolsRepository } from '../welfare-pools/welfare-pools.repository';
import { ReservationFilter, ReservationRow, ReservationsRepository } from './reservations.repository';

/** A hold for a case, as the case workflow asks for it (the categories are the people service's). */
export interface HoldInput {
  caseId: string;
  personId: string;
  categories: string[];
  holdMinutes: number;
  /** The case's area (org path), recorded on the hold; else the area of what it holds. */
  caseAreaPath?: string;
  actor: string;
  correlationId: string;
}

/** What a hold takes: the unit, and the area of what it holds. */
type Target = Pick<ReservationRow, 'base_id' | 'period' | 'pool_id'> & { areaPath: string };

function toView(row: ReservationRow): ReservationView {
  return {
    id: row.id,
    kind: row.kind,
    baseId: row.base_id,
    period: row.period,
    poolId: row.pool_id,
    caseId: row.case_id,
    status: row.status,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const problem = (status: number, detail: string) => new ProblemException(status, detail);
const noSuchReservation = () => notFound({ en: 'reservation', zh: '预留' });

/**
 * Holds on assistance-base capacity and public-welfare slots. A unit is held by one guarded UPDATE of the
 * counter (`taken < capacity`), so concurrent reservations can never overbook: Postgres re-checks the condition on
 * the row after the competing transaction commits. Release and expiry give the unit back in the same transaction
 * that ends the reservation. Holds are made, confirmed and released for a case only by the case workflow's
 * activities (scope: the whole city, the hotline checked the case); staff read them, and supervisors release them,
 * in their own area.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reservations: ReservationsRepository,
    private readonly bases: AssistanceBasesRepository,
    private readonly pools: WelfarePoolsRepository,
  ) {}

  private get s(): string {
    return (this.dataSource.options as { schema: string }).schema;
  }

  async reserveBaseCapacity(baseId: string, period: string, input: HoldInput): Promise<ReservationView> {
    return this.hold('assistance_base', baseId, input, (manager) =>
      this.takeBaseCapacity(manager, baseId, period, input),
    );
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
      await this.reservations.lockCase(manager, input.caseId);
      const live = await this.reservations.liveForCase(manager, input.caseId);
      if (live) return toView(live);
      const pools = input.categories.length
        ? await this.pools.escalationCandidates(manager, period, districtCode, CITY_CODE)
        : [];
      const bases = await this.bases.escalationCandidates(manager, period, districtCode, input.categories);
      const candidates = [
        ...pools.map(
          (id) => () =>
            this.insertHold(manager, 'welfare_slot', input, (m) => this.takeWelfareSlot(m, id, input)),
        ),
        ...bases.map(
          (id) => () =>
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

  async list(
    scope: AreaScope,
    filter: ReservationFilter,
    limit: number,
    offset: number,
  ): Promise<Page<ReservationView>> {
    const { rows, total } = await this.reservations.list(scope, filter, limit, offset);
    return { items: rows.map(toView), total, limit, offset };
  }

  /** The reserved pool's or base's name (for the case's timeline); 404 outside the scope. */
  async targetName(id: string, scope: AreaScope): Promise<string> {
    const name = await this.reservations.targetName(id, scope);
    if (name === undefined) throw noSuchReservation();
    return name;
  }

  async get(id: string, scope: AreaScope): Promise<ReservationView> {
    const row = await this.reservations.findById(id, scope);
    if (!row) throw noSuchReservation();
    return toView(row);
  }

  /** The person took the post (the case workflow confirms): the unit stays used. Only a live hold can be. */
  async confirm(id: string, actor: string, correlationId: string): Promise<ReservationView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.reservations.confirm(manager, id, WHOLE_CITY);
      if (!row) {
        if (!(await this.reservations.findById(id, WHOLE_CITY, manager))) throw noSuchReservation();
        throw problem(HttpStatus.CONFLICT, 'The reservation is no longer held / 该预留已失效');
      }
      await this.event(manager, row, 'confirmed', actor, correlationId);
      return toView(row);
    });
  }

  /** Gives the unit back (a held or a confirmed reservation that fell through), within the caller's scope. */
  async release(
    id: string,
    scope: AreaScope,
    actor: string,
    correlationId: string,
  ): Promise<ReservationView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.reservations.release(manager, id, scope);
      if (!row) {
        const current = await this.reservations.findById(id, scope, manager);
        if (!current) throw noSuchReservation();
        if (current.status === 'released') return toView(current);
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
      const rows = await this.reservations.expireDue(manager, now);
      await this.giveBack(manager, rows);
      for (const row of rows) await this.event(manager, row, 'expired', 'system', `expiry:${row.id}`);
      return rows.length;
    });
  }

  private async takeBaseCapacity(
    manager: EntityManager,
    baseId: string,
    period: string,
    input: HoldInput,
    options: { escalation?: boolean } = {},
  ): Promise<Target> {
    const base = await this.bases.forHold(manager, baseId, period);
    if (!base) throw noSuchBase();
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
      !input.categories.some((category) => base.acceptedCategories.includes(category))
    )
      throw problem(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'The person has no category this base must accept / 该人员不属于本基地须接收的援助类别',
      );
    if (!(await this.bases.takeUnit(manager, baseId, period)))
      throw problem(HttpStatus.CONFLICT, 'The base has no capacity left in this period / 该基地本期容量已满');
    return { base_id: baseId, period, pool_id: null, areaPath: orgPathOfCode(base.districtCode) };
  }

  private async takeWelfareSlot(manager: EntityManager, poolId: string, input: HoldInput): Promise<Target> {
    // On the transaction's own connection: a second one per hold runs the pool dry under concurrent calls.
    const areaPath = await this.pools.areaOf(manager, poolId);
    if (!areaPath) throw noSuchPool();
    const priority = input.categories.length > 0;
    if (!(await this.pools.takeSlot(manager, poolId, priority)))
      throw problem(
        HttpStatus.CONFLICT,
        priority
          ? 'No public-welfare slot is left in this pool / 该岗位池已无剩余岗位'
          : 'The remaining slots are reserved for assistance categories / 剩余岗位优先保留给就业援助对象',
      );
    return { base_id: null, period: null, pool_id: poolId, areaPath };
  }

  private async hold(
    kind: ReservationKind,
    targetId: string,
    input: HoldInput,
    take: (manager: EntityManager) => Promise<Target>,
  ): Promise<ReservationView> {
    const existing = (manager: EntityManager) =>
      this.reservations.liveForTarget(manager, input.caseId, kind, targetId);
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
    take: (manager: EntityManager) => Promise<Target>,
  ): Promise<ReservationView> {
    const { areaPath, ...target } = await take(manager);
    const row = await this.reservations.insert(manager, {
      kind,
      ...target,
      case_id: input.caseId,
      person_id: input.personId,
      org_path: input.caseAreaPath ?? areaPath,
      holdMinutes: input.holdMinutes,
      actor: input.actor,
    });
    await this.event(manager, row, 'held', input.actor, input.correlationId);
    return toView(row);
  }

  private async giveBack(manager: EntityManager, rows: ReservationRow[]): Promise<void> {
    for (const row of rows) {
      if (row.kind === 'assistance_base') await this.bases.giveBackUnit(manager, row.base_id!, row.period!);
      else await this.pools.giveBackSlot(manager, row.pool_id!);
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
