import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';

export interface HouseholdRow {
  id: string;
  org_path: string;
  hukou_type: 'urban' | 'rural';
  has_business_income: boolean;
  /** `true` / `false` as JSON, encrypted and bound to the row. */
  low_income_enc: string;
  zero_employment: boolean;
  zero_employment_since: Date | null;
  zero_employment_basis: 'detected' | 'certified' | null;
  certified_at: Date | null;
  /** Username of who certified it. */
  certified_by: string | null;
  certification_note: string | null;
  created_at: Date;
}

/** A household in a list: no member, no personal detail. */
export interface HouseholdListRow {
  id: string;
  org_path: string;
  hukou_type: 'urban' | 'rural';
  zero_employment: boolean;
  zero_employment_since: Date | null;
  zero_employment_basis: 'detected' | 'certified' | null;
  certified_at: Date | null;
  member_count: number;
}

export interface MemberRow {
  id: string;
  name: string;
  household_relation: string;
  unemployment_status: string;
  gender: 'male' | 'female';
  birth_date: string;
}

/**
 * Households and their members. Every statement on an existing household puts the caller's scope in its WHERE
 * (the household's area; a person joining it must also be in the caller's); outside it, nothing is found.
 */
@Injectable()
export class HouseholdsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /** Inserts a household whose own area lies in the scope; false when it does not (nothing written). */
  async insert(
    manager: EntityManager,
    household: {
      id: string;
      orgPath: string;
      hukouType: string;
      hasBusinessIncome: boolean;
      lowIncomeEnc: string;
      createdBy: string;
    },
    scope: Scope,
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO "${this.s}".households (id, org_path, hukou_type, has_business_income, low_income_enc, created_by)
       SELECT $1, $2::text, $3, $4, $5, $6 WHERE ${inScope('$2::text', 7)} RETURNING id`,
      [
        household.id,
        household.orgPath,
        household.hukouType,
        household.hasBusinessIncome,
        household.lowIncomeEnc,
        household.createdBy,
        ...scopeParams(scope),
      ],
    );
    return rows.length === 1;
  }

  /** The household in scope, locked for a change; undefined when there is none. */
  async lockInScope(manager: EntityManager, id: string, scope: Scope): Promise<HouseholdRow | undefined> {
    const [row] = await manager.query(
      `SELECT * FROM "${this.s}".households WHERE id = $1 AND ${inScope('org_path', 2)} FOR UPDATE`,
      [id, ...scopeParams(scope)],
    );
    return row;
  }

  async findInScope(id: string, scope: Scope): Promise<HouseholdRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM "${this.s}".households WHERE id = $1 AND ${inScope('org_path', 2)}`,
      [id, ...scopeParams(scope)],
    );
    return row;
  }

  /** Sets what was given (null: unchanged) on a household in scope. */
  async update(
    manager: EntityManager,
    id: string,
    changes: { hasBusinessIncome: boolean | null; lowIncomeEnc: string | null },
    scope: Scope,
  ): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".households SET has_business_income = coalesce($4, has_business_income),
         low_income_enc = coalesce($5, low_income_enc), updated_at = now()
       WHERE id = $1 AND ${inScope('org_path', 2)} RETURNING id`,
      [id, ...scopeParams(scope), changes.hasBusinessIncome, changes.lowIncomeEnc],
    );
    return rows.length === 1;
  }

  /** Enters the status (`since`, `basis`) or leaves it (both null). */
  async setZeroEmployment(
    manager: EntityManager,
    id: string,
    status: { since: Date; basis: 'detected' | 'certified' } | null,
    scope: Scope,
  ): Promise<void> {
    await manager.query(
      `UPDATE "${this.s}".households SET zero_employment = $4, zero_employment_since = $5,
         zero_employment_basis = $6, updated_at = now()
       WHERE id = $1 AND ${inScope('org_path', 2)}`,
      [id, ...scopeParams(scope), status !== null, status?.since ?? null, status?.basis ?? null],
    );
  }

  /** Records a station's certification (认定) of a household in scope, or withdraws it (null). */
  async setCertification(
    manager: EntityManager,
    id: string,
    certification: { at: Date; by: string; note: string | null } | null,
    scope: Scope,
  ): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".households SET certified_at = $4, certified_by = $5, certification_note = $6,
         updated_at = now()
       WHERE id = $1 AND ${inScope('org_path', 2)} RETURNING id`,
      [
        id,
        ...scopeParams(scope),
        certification?.at ?? null,
        certification?.by ?? null,
        certification?.note ?? null,
      ],
    );
    return rows.length === 1;
  }

  /**
   * The households in scope, optionally only those in (or out of) the zero-employment status: the most recently
   * found first, then the newest. `total` counts every match.
   */
  async list(
    scope: Scope,
    filter: { zeroEmployment: boolean | null },
    limit: number,
    offset: number,
  ): Promise<{ rows: HouseholdListRow[]; total: number }> {
    const where = `${inScope('h.org_path', 1)} AND ($3::boolean IS NULL OR h.zero_employment = $3::boolean)`;
    const params = [...scopeParams(scope), filter.zeroEmployment];
    const rows: HouseholdListRow[] = await this.dataSource.query(
      `SELECT h.id, h.org_path, h.hukou_type, h.zero_employment, h.zero_employment_since,
              h.zero_employment_basis, h.certified_at,
              (SELECT count(*)::int FROM "${this.s}".persons p WHERE p.household_id = h.id) AS member_count
       FROM "${this.s}".households h WHERE ${where}
       ORDER BY h.zero_employment_since DESC NULLS LAST, h.created_at DESC, h.id
       LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM "${this.s}".households h WHERE ${where}`,
      params,
    );
    return { rows, total };
  }

  /** A person in scope, locked, with the household they belong to. */
  async lockPersonInScope(
    manager: EntityManager,
    personId: string,
    scope: Scope,
  ): Promise<{ id: string; household_id: string | null } | undefined> {
    const [row] = await manager.query(
      `SELECT id, household_id FROM "${this.s}".persons
       WHERE id = $1 AND ${inScope('org_path', 2)} FOR UPDATE`,
      [personId, ...scopeParams(scope)],
    );
    return row;
  }

  /** Makes a person in scope a member of the household, in scope too. */
  async join(
    manager: EntityManager,
    householdId: string,
    personId: string,
    relation: string,
    scope: Scope,
  ): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".persons p SET household_id = h.id, household_relation = $5, updated_at = now()
       FROM "${this.s}".households h
       WHERE p.id = $1 AND ${inScope('p.org_path', 2)} AND h.id = $4 AND ${inScope('h.org_path', 2)}
       RETURNING p.id`,
      [personId, ...scopeParams(scope), householdId, relation],
    );
    return rows.length === 1;
  }

  /** Takes a member out of a household in scope; false when they are not its member. */
  async leave(manager: EntityManager, householdId: string, personId: string, scope: Scope): Promise<boolean> {
    const [rows] = await manager.query(
      `UPDATE "${this.s}".persons p SET household_id = NULL, household_relation = NULL, updated_at = now()
       FROM "${this.s}".households h
       WHERE p.id = $1 AND p.household_id = h.id AND h.id = $4 AND ${inScope('h.org_path', 2)}
       RETURNING p.id`,
      [personId, ...scopeParams(scope), householdId],
    );
    return rows.length === 1;
  }

  /** The members of a household in scope, oldest membership first. */
  async members(manager: EntityManager, householdId: string, scope: Scope): Promise<MemberRow[]> {
    return manager.query(
      `SELECT p.id, p.name, p.household_relation, p.unemployment_status, p.gender,
              to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date
       FROM "${this.s}".persons p JOIN "${this.s}".households h ON h.id = p.household_id
       WHERE h.id = $1 AND ${inScope('h.org_path', 2)} ORDER BY p.created_at, p.id`,
      [householdId, ...scopeParams(scope)],
    );
  }
}
