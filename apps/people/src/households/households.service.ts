import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdZeroEmployment, PeopleEventTypes, Topics } from '@platform/contracts';
import { Clock, Page, ProblemException } from '@platform/nest-kit';
import { PiiCipher, shanghaiToday } from '@platform/pii';
import { enqueueEvent } from '@platform/outbox';
import { isWorkingAge, retirementGroupOf } from '../categories/person-facts';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { Actor, orgPathOfCommunity, Scope, scopeOf, WHOLE_CITY } from '../people-actor';
import { householdLowIncome } from '../pii/encrypted-columns';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { fieldError, invalid, notFound } from '../problems';
import { AddMemberDto, CertifyHouseholdDto, CreateHouseholdDto, UpdateHouseholdDto } from './household.dto';
import { HouseholdEpisodeRow, HouseholdEpisodesRepository } from './household-episodes.repository';
import { HouseholdRow, HouseholdsRepository, MemberRow } from './households.repository';

export type ZeroEmploymentBasis = 'detected' | 'certified';

/** The hotline's latest assistance episode of the household, as its last summary said. */
export interface HouseholdEpisodeSummary {
  episodeId: string;
  episode: number;
  status: 'open' | 'resolved' | 'closed';
  foundAt: string;
  dueDate: string;
  dueAt: string;
  breached: boolean;
  resolution: 'member-employed' | 'no-longer-qualifies' | 'closed-by-supervisor' | null;
  resolvedAt: string | null;
}

export interface HouseholdView {
  id: string;
  orgPath: string;
  hukouType: 'urban' | 'rural';
  hasBusinessIncome: boolean;
  lowIncome: boolean;
  zeroEmployment: boolean;
  zeroEmploymentSince: string | null;
  /** What put the household in the status (null when it is not in it). */
  zeroEmploymentBasis: ZeroEmploymentBasis | null;
  /** A station's certification (认定), until withdrawn. */
  certification: { certifiedAt: string; certifiedBy: string; note: string | null } | null;
  members: Array<{ personId: string; name: string; relation: string; unemploymentStatus: string }>;
  episode: HouseholdEpisodeSummary | null;
}

/** A household in a list: its area and status, how many members, no personal detail. */
export interface HouseholdListItem {
  id: string;
  orgPath: string;
  communityCode: string;
  hukouType: 'urban' | 'rural';
  memberCount: number;
  zeroEmployment: boolean;
  zeroEmploymentSince: string | null;
  zeroEmploymentBasis: ZeroEmploymentBasis | null;
  certified: boolean;
  episode: HouseholdEpisodeSummary | null;
}

/**
 * Zero-employment household (零就业家庭, docs/domain.md). Detected: urban, at least 2 working-age members, every one
 * of them registered unemployed, no business or investment income. Certified (认定 by a station): urban, at least
 * one working-age member and none of them employed, for as long as the certification is not withdrawn. The
 * household is in the status while either holds. Re-evaluated on every change to the household or one of its
 * members (ages on the clock's day); entering (with its basis) and leaving (with its reason) are events.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly households: HouseholdsRepository,
    private readonly cipher: PiiCipher,
    private readonly categories: CategoriesService,
    private readonly episodes: HouseholdEpisodesRepository,
    private readonly clock: Clock,
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

  /**
   * A station certifies (认定) the household as a zero-employment household: refused (409) unless it is urban with
   * at least one working-age member and none employed. Certifying a certified household changes nothing.
   */
  async certify(
    id: string,
    dto: CertifyHouseholdDto,
    actor: Actor,
    correlationId: string,
  ): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      const household = await this.households.lockInScope(manager, id, scope);
      if (!household) throw notFound('household', id);
      if (household.certified_at) return;
      const members = await this.households.members(manager, id, scope);
      const refusal = certificationRefusal(household, this.workingAgeOf(members, this.clock.now()));
      if (refusal) throw new ProblemException(HttpStatus.CONFLICT, refusal);
      await this.households.setCertification(
        manager,
        id,
        { at: this.clock.now(), by: actor.username, note: dto.note ?? null },
        scope,
      );
      await this.reevaluateInTx(manager, id, correlationId);
    });
    return this.get(id, actor);
  }

  /** Withdraws the certification; the household stays in the status only if the rule holds without it. */
  async withdrawCertification(id: string, actor: Actor, correlationId: string): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      const household = await this.households.lockInScope(manager, id, scope);
      if (!household) throw notFound('household', id);
      if (!household.certified_at) return;
      await this.households.setCertification(manager, id, null, scope);
      await this.reevaluateInTx(manager, id, correlationId);
    });
    return this.get(id, actor);
  }

  async list(
    actor: Actor,
    filter: { zeroEmployment: boolean | null },
    limit: number,
    offset: number,
  ): Promise<Page<HouseholdListItem>> {
    const scope = scopeOf(actor);
    const { rows, total } = await this.households.list(scope, filter, limit, offset);
    const episodes = await this.episodes.latestOf(
      rows.map((row) => row.id),
      scope,
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        orgPath: row.org_path,
        communityCode: row.org_path.split('/').pop()!,
        hukouType: row.hukou_type,
        memberCount: row.member_count,
        zeroEmployment: row.zero_employment,
        zeroEmploymentSince: row.zero_employment_since?.toISOString() ?? null,
        zeroEmploymentBasis: row.zero_employment_basis,
        certified: row.certified_at !== null,
        episode: episodeSummary(episodes.get(row.id)),
      })),
      total,
      limit,
      offset,
    };
  }

  async get(id: string, actor: Actor): Promise<HouseholdView> {
    const scope = scopeOf(actor);
    const row = await this.households.findInScope(id, scope);
    if (!row) throw notFound('household', id);
    const members = await this.households.members(this.dataSource.manager, id, scope);
    const episodes = await this.episodes.latestOf([id], scope);
    return {
      id: row.id,
      orgPath: row.org_path,
      hukouType: row.hukou_type,
      hasBusinessIncome: row.has_business_income,
      lowIncome: this.lowIncomeOf(row),
      zeroEmployment: row.zero_employment,
      zeroEmploymentSince: row.zero_employment_since?.toISOString() ?? null,
      zeroEmploymentBasis: row.zero_employment_basis,
      certification: row.certified_at
        ? {
            certifiedAt: row.certified_at.toISOString(),
            certifiedBy: row.certified_by!,
            note: row.certification_note,
          }
        : null,
      members: members.map((m) => ({
        personId: m.id,
        name: m.name,
        relation: m.household_relation,
        unemploymentStatus: m.unemployment_status,
      })),
      episode: episodeSummary(episodes.get(id)),
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
    const at = this.clock.now();
    const workingAge = this.workingAgeOf(members, at);
    const detected =
      household.hukou_type === 'urban' &&
      !household.has_business_income &&
      workingAge.length >= 2 &&
      workingAge.every((m) => m.unemployment_status === 'registered');
    const certified = household.certified_at !== null && !certificationRefusal(household, workingAge);
    const zeroEmployment = detected || certified;
    if (zeroEmployment !== household.zero_employment) {
      const base = {
        householdId,
        orgPath: household.org_path,
        memberCount: members.length,
        at: at.toISOString(),
      };
      if (zeroEmployment) {
        // Detection comes first: the certification counts as the basis only when the rule alone does not hold.
        const basis: ZeroEmploymentBasis = detected ? 'detected' : 'certified';
        await this.households.setZeroEmployment(manager, householdId, { since: at, basis }, scope);
        await this.publish(manager, PeopleEventTypes.householdZeroEmploymentStarted, correlationId, {
          ...base,
          basis,
          // Whom the episode helps: the working-age members out of work (ids only).
          memberIds: workingAge.filter((m) => m.unemployment_status === 'registered').map((m) => m.id),
        });
      } else {
        await this.households.setZeroEmployment(manager, householdId, null, scope);
        const reason = workingAge.some((m) => m.unemployment_status === 'employed')
          ? 'member-employed'
          : 'no-longer-qualifies';
        await this.publish(manager, PeopleEventTypes.householdZeroEmploymentEnded, correlationId, {
          ...base,
          reason,
        });
      }
    }
    const personIds = [...new Set([...members.map((m) => m.id), ...alsoPersons])];
    await this.categories.evaluateInTx(manager, personIds, correlationId, scope);
  }

  private async publish(
    manager: EntityManager,
    type: string,
    correlationId: string,
    data: HouseholdZeroEmployment,
  ): Promise<void> {
    await enqueueEvent(manager, this.config.DB_SCHEMA, Topics.peopleHousehold, {
      type,
      source: 'people',
      subject: data.householdId,
      correlationId,
      data: { ...data, deployment: this.config.DB_SCHEMA },
    });
  }

  /** Members of working age on the clock's day (Shanghai). */
  private workingAgeOf(members: MemberRow[], now: Date): MemberRow[] {
    const today = shanghaiToday(now);
    // Members' circumstances are not read here: women on the 55 schedule (the wider working age).
    return members.filter((m) => isWorkingAge(retirementGroupOf(m.gender, {}), m.birth_date, today));
  }

  private lowIncomeEnc(householdId: string, lowIncome: boolean): string {
    return this.cipher.encrypt(JSON.stringify(lowIncome), householdLowIncome(householdId));
  }

  private lowIncomeOf(row: HouseholdRow): boolean {
    return JSON.parse(this.cipher.decrypt(row.low_income_enc, householdLowIncome(row.id))) === true;
  }
}

/**
 * Why a certification cannot hold (bilingual), or null when it can: urban, at least one working-age member, none
 * of them employed.
 */
function certificationRefusal(household: HouseholdRow, workingAge: MemberRow[]): string | null {
  if (household.hukou_type !== 'urban') {
    return 'Only an urban household can be certified as a zero-employment household / 仅城镇户籍家庭可认定为零就业家庭';
  }
  if (!workingAge.length) {
    return 'The household has no member of working age / 该家庭没有法定劳动年龄内的成员，不能认定为零就业家庭';
  }
  if (workingAge.some((m) => m.unemployment_status === 'employed')) {
    return 'A working-age member of the household is employed / 该家庭有法定劳动年龄内的成员已就业，不能认定为零就业家庭';
  }
  return null;
}

function episodeSummary(row: HouseholdEpisodeRow | undefined): HouseholdEpisodeSummary | null {
  if (!row) return null;
  return {
    episodeId: row.episode_id,
    episode: row.episode,
    status: row.status,
    foundAt: row.found_at.toISOString(),
    dueDate: row.due_date,
    dueAt: row.due_at.toISOString(),
    breached: row.breached,
    resolution: row.resolution,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  };
}

function outOfScope() {
  return invalid([
    fieldError('communityCode', 'withinScope', '不在您的管辖范围内', 'is outside your part of the org tree'),
  ]);
}
