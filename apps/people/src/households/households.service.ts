import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { PiiCipher, shanghaiToday } from '@platform/pii';
import { enqueueEvent } from '@platform/outbox';
import { isWorkingAge, retirementGroupOf } from '../categories/person-facts';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { Actor, orgPathOfCommunity, Scope, scopeOf, WHOLE_CITY } from '../people-actor';
import { householdLowIncome } from '../pii/encrypted-columns';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { fieldError, invalid, notFound } from '../problems';
import { AddMemberDto, CreateHouseholdDto, UpdateHouseholdDto } from './household.dto';
import { HouseholdRow, HouseholdsRepository } from './households.repository';

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
 * Zero-employment household (零就业家庭, docs/domain.md): urban, at least 2 working-age members, every one of them
 * registered unemployed, no business or investment income. Re-evaluated on every change to the household or
 * one of its members; entering and leaving the status are events.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly households: HouseholdsRepository,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
  ) {}

  async create(dto: CreateHouseholdDto, actor: Actor, correlationId: string): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const inserted = await this.households.insert(
        manager,
        {
          id,
          orgPath: orgPathOfCommunity(dto.communityCode),
          hukouType: dto.hukouType,
          hasBusinessIncome: dto.hasBusinessIncome ?? false,
          lowIncomeEnc: this.lowIncomeEnc(id, dto.lowIncome ?? false),
          createdBy: actor.userId,
        },
        scope,
      );
      if (!inserted) throw outOfScope();
      await this.reevaluateInTx(manager, id, correlationId);
    });
    return this.get(id, actor);
  }

  async update(
    id: string,
    dto: UpdateHouseholdDto,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      const changes = {
        hasBusinessIncome: dto.hasBusinessIncome ?? null,
        lowIncomeEnc: dto.lowIncome === undefined ? null : this.lowIncomeEnc(id, dto.lowIncome),
      };
      if (!(await this.households.update(manager, id, changes, scope))) throw notFound('household', id);
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
    const scope = scopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.households.lockInScope(manager, id, scope))) throw notFound('household', id);
      const person = await this.households.lockPersonInScope(manager, dto.personId, scope);
      if (!person) {
        throw invalid([fieldError('personId', 'personExists', '人员不存在', 'no such person')]);
      }
      if (person.household_id && person.household_id !== id) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'The person already belongs to another household; remove them there first / 该人员已属于其他家庭，请先移出',
        );
      }
      await this.households.join(manager, id, dto.personId, dto.relation, scope);
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
    const scope = scopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.households.lockInScope(manager, id, scope))) throw notFound('household', id);
      if (!(await this.households.leave(manager, id, personId, scope))) {
        throw notFound('household member', personId);
      }
      await this.reevaluateInTx(manager, id, correlationId, [personId]);
    });
    return this.get(id, actor);
  }

  async get(id: string, actor: Actor): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    const row = await this.households.findInScope(id, scope);
    if (!row) throw notFound('household', id);
    const members = await this.households.members(this.dataSource.manager, id, scope);
    return {
      id: row.id,
      orgPath: row.org_path,
      hukouType: row.hukou_type,
      hasBusinessIncome: row.has_business_income,
      lowIncome: this.lowIncomeOf(row),
      zeroEmployment: row.zero_employment,
      zeroEmploymentSince: row.zero_employment_since?.toISOString() ?? null,
      members: members.map((m) => ({
        personId: m.id,
        name: m.name,
        relation: m.household_relation,
        unemploymentStatus: m.unemployment_status,
      })),
    };
  }

  /**
   * Recomputes the household's status (locking it), emits started/ended on a change, then re-evaluates the
   * categories of its members and of `alsoPersons` (e.g. someone who just left it). It follows a change the
   * caller was allowed to make, so it covers the whole household whoever may see its members.
   */
  async reevaluateInTx(
    manager: EntityManager,
    householdId: string,
    correlationId: string,
    alsoPersons: string[] = [],
  ): Promise<void> {
    const scope: Scope = WHOLE_CITY;
    const household = await this.households.lockInScope(manager, householdId, scope);
    if (!household) return;
    const members = await this.households.members(manager, householdId, scope);
    const today = shanghaiToday();
    // Members' circumstances are not read here: women on the 55 schedule (the wider working age).
    const workingAge = members.filter((m) =>
      isWorkingAge(retirementGroupOf(m.gender, {}), m.birth_date, today),
    );
    const zeroEmployment =
      household.hukou_type === 'urban' &&
      !household.has_business_income &&
      workingAge.length >= 2 &&
      workingAge.every((m) => m.unemployment_status === 'registered');
    if (zeroEmployment !== household.zero_employment) {
      const at = new Date();
      await this.households.setZeroEmployment(
        manager,
        householdId,
        zeroEmployment,
        zeroEmployment ? at : null,
        scope,
      );
      await enqueueEvent(manager, this.config.DB_SCHEMA, Topics.peopleHousehold, {
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
    await this.categories.evaluateInTx(manager, personIds, correlationId, scope);
  }

  private lowIncomeEnc(householdId: string, lowIncome: boolean): string {
    return this.cipher.encrypt(JSON.stringify(lowIncome), householdLowIncome(householdId));
  }

  private lowIncomeOf(row: HouseholdRow): boolean {
    return JSON.parse(this.cipher.decrypt(row.low_income_enc, householdLowIncome(row.id))) === true;
  }
}

function outOfScope() {
  return invalid([
    fieldError('communityCode', 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree'),
  ]);
}
