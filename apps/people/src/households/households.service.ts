import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { shanghaiToday } from '@platform/pii';
import { enqueueEvent } from '@platform/outbox';
import { isWorkingAge, yearsBetween } from '../categories/person-facts';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { Actor, actorCovers, orgPathOfCommunity } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { fieldError, invalid, notFound } from '../problems';
import { AddMemberDto, CreateHouseholdDto, UpdateHouseholdDto } from './household.dto';

export interface HouseholdView {
  id: string;
  orgPath: string;
  hukouType: 'urban' | 'rural';
  hasBusinessIncome: boolean;
  lowIncome: boolean;
  zeroEmployment: boolean;
  zeroEmploymentSince: string | null;
  members: Array<{ personId: string; name: string; relation: string; unemploymentStatus: string }>;
}

/**
 * Zero-employment household (零就业家庭, DOMAIN.md): urban, at least 2 working-age members, every one of them
 * registered unemployed, no business or investment income. Re-evaluated on every change to the household or
 * one of its members; entering and leaving the status are events.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly categories: CategoriesService,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  async create(dto: CreateHouseholdDto, actor: Actor, correlationId: string): Promise<HouseholdView> {
    const orgPath = orgPathOfCommunity(dto.communityCode);
    if (!actorCovers(actor, orgPath)) throw outOfScope();
    const id = await this.dataSource.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO "${this.s}".households (org_path, hukou_type, has_business_income, low_income, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [orgPath, dto.hukouType, dto.hasBusinessIncome ?? false, dto.lowIncome ?? false, actor.userId],
      );
      await this.reevaluateInTx(manager, id, correlationId);
      return id as string;
    });
    return this.get(id, actor);
  }

  async update(
    id: string,
    dto: UpdateHouseholdDto,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockInScope(manager, id, actor);
      await manager.query(
        `UPDATE "${this.s}".households SET
           has_business_income = coalesce($2, has_business_income), low_income = coalesce($3, low_income),
           updated_at = now() WHERE id = $1`,
        [id, dto.hasBusinessIncome ?? null, dto.lowIncome ?? null],
      );
      await this.reevaluateInTx(manager, id, correlationId);
    });
    return this.get(id, actor);
  }

  async addMember(
    id: string,
    dto: AddMemberDto,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockInScope(manager, id, actor);
      const [person] = await manager.query(
        `SELECT id, org_path, household_id FROM "${this.s}".persons WHERE id = $1 FOR UPDATE`,
        [dto.personId],
      );
      if (!person || !actorCovers(actor, person.org_path)) {
        throw invalid([fieldError('personId', 'personExists', '人员不存在', 'no such person')]);
      }
      if (person.household_id && person.household_id !== id) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'The person already belongs to another household; remove them there first / 该人员已属于其他家庭，请先移出',
        );
      }
      await manager.query(
        `UPDATE "${this.s}".persons SET household_id = $2, household_relation = $3, updated_at = now() WHERE id = $1`,
        [dto.personId, id, dto.relation],
      );
      await this.reevaluateInTx(manager, id, correlationId, [dto.personId]);
    });
    return this.get(id, actor);
  }

  async removeMember(
    id: string,
    personId: string,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockInScope(manager, id, actor);
      const result = await manager.query(
        `UPDATE "${this.s}".persons SET household_id = NULL, household_relation = NULL, updated_at = now()
         WHERE id = $1 AND household_id = $2 RETURNING id`,
        [personId, id],
      );
      if (!result[0].length) throw notFound('household member', personId);
      await this.reevaluateInTx(manager, id, correlationId, [personId]);
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<HouseholdView> {
    const [row] = await this.dataSource.query(`SELECT * FROM "${this.s}".households WHERE id = $1`, [id]);
    if (!row || !actorCovers(actor, row.org_path)) throw notFound('household', id);
    const members = await this.dataSource.query(
      `SELECT id, name, household_relation, unemployment_status FROM "${this.s}".persons
       WHERE household_id = $1 ORDER BY created_at, id`,
      [id],
    );
    return {
      id: row.id,
      orgPath: row.org_path,
      hukouType: row.hukou_type,
      hasBusinessIncome: row.has_business_income,
      lowIncome: row.low_income,
      zeroEmployment: row.zero_employment,
      zeroEmploymentSince: row.zero_employment_since?.toISOString() ?? null,
      members: members.map((m: Record<string, string>) => ({
        personId: m.id,
        name: m.name,
        relation: m.household_relation,
        unemploymentStatus: m.unemployment_status,
      })),
    };
  }

  /**
   * Recomputes the household's status (locking it), emits started/ended on a change, then re-evaluates the
   * categories of its members and of `alsoPersons` (e.g. someone who just left it).
   */
  async reevaluateInTx(
    manager: EntityManager,
    householdId: string,
    correlationId: string,
    alsoPersons: string[] = [],
  ): Promise<void> {
    const s = this.s;
    const [household] = await manager.query(`SELECT * FROM "${s}".households WHERE id = $1 FOR UPDATE`, [
      householdId,
    ]);
    const members: Array<{
      id: string;
      gender: 'male' | 'female';
      birth_date: string;
      unemployment_status: string;
    }> = await manager.query(
      `SELECT id, gender, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, unemployment_status
         FROM "${s}".persons WHERE household_id = $1`,
      [householdId],
    );
    const today = shanghaiToday();
    const workingAge = members.filter((m) => isWorkingAge(m.gender, yearsBetween(m.birth_date, today)));
    const zeroEmployment =
      household.hukou_type === 'urban' &&
      !household.has_business_income &&
      workingAge.length >= 2 &&
      workingAge.every((m) => m.unemployment_status === 'registered');
    if (zeroEmployment !== household.zero_employment) {
      const at = new Date();
      await manager.query(
        `UPDATE "${s}".households SET zero_employment = $2, zero_employment_since = $3, updated_at = now()
         WHERE id = $1`,
        [householdId, zeroEmployment, zeroEmployment ? at : null],
      );
      await enqueueEvent(manager, s, Topics.peopleHousehold, {
        type: zeroEmployment
          ? PeopleEventTypes.householdZeroEmploymentStarted
          : PeopleEventTypes.householdZeroEmploymentEnded,
        source: 'people',
        subject: householdId,
        correlationId,
        data: { householdId, orgPath: household.org_path, memberCount: members.length, at: at.toISOString() },
      });
    }
    const personIds = [...new Set([...members.map((m) => m.id), ...alsoPersons])];
    await this.categories.evaluateInTx(manager, personIds, correlationId);
  }

  private async lockInScope(manager: EntityManager, id: string, actor: Actor): Promise<void> {
    const [row] = await manager.query(
      `SELECT org_path FROM "${this.s}".households WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row || !actorCovers(actor, row.org_path)) throw notFound('household', id);
  }
}

function outOfScope() {
  return invalid([
    fieldError('communityCode', 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree'),
  ]);
}
