import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { Rule } from './category-rule';

export interface CategoryRow {
  code: string;
  name_zh: string;
  name_en: string;
  rule: Rule;
  active: boolean;
  sort_order: number;
  note: string | null;
}

/** What a person's categories are computed from; welfare status still encrypted (the service decrypts). */
export interface FactsRow {
  id: string;
  gender: 'male' | 'female';
  birth_date: string;
  hukou_type: 'urban' | 'rural';
  unemployment_status: string;
  registered_on: string | null;
  disabled: boolean;
  circumstances_enc: string;
  household_id: string | null;
  zero_employment: boolean;
  low_income_enc: string | null;
  services: number;
  /** The category codes stored before this evaluation, sorted. */
  previous: string[];
}

/** Assistance categories (data, no person in them) and each person's evaluated categories. */
@Injectable()
export class CategoriesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  async definitions(
    manager: EntityManager = this.dataSource.manager,
    activeOnly = false,
  ): Promise<CategoryRow[]> {
    return manager.query(
      `SELECT code, name_zh, name_en, rule, active, sort_order, note FROM "${this.s}".assistance_categories
       ${activeOnly ? 'WHERE active' : ''} ORDER BY sort_order, code`,
    );
  }

  async upsertDefinition(definition: CategoryRow): Promise<CategoryRow> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "${this.s}".assistance_categories (code, name_zh, name_en, rule, active, sort_order, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name_zh = $2, name_en = $3, rule = $4, active = $5, sort_order = $6,
         note = $7, updated_at = now()
       RETURNING code, name_zh, name_en, rule, active, sort_order, note`,
      [
        definition.code,
        definition.name_zh,
        definition.name_en,
        JSON.stringify(definition.rule),
        definition.active,
        definition.sort_order,
        definition.note,
      ],
    );
    return row;
  }

  /** The stored categories of a person in scope (none when the person is not in scope). */
  async ofPerson(
    manager: EntityManager,
    personId: string,
    scope: Scope,
  ): Promise<Array<{ code: string; reasons_enc: string; evaluated_at: Date }>> {
    return manager.query(
      `SELECT pc.category_code AS code, pc.reasons_enc, pc.evaluated_at
       FROM "${this.s}".person_categories pc
       JOIN "${this.s}".persons p ON p.id = pc.person_id
       JOIN "${this.s}".assistance_categories c ON c.code = pc.category_code
       WHERE pc.person_id = $1 AND ${inScope('p.org_path', 2)} ORDER BY c.sort_order, c.code`,
      [personId, ...scopeParams(scope)],
    );
  }

  /** The facts of these persons, those in scope only. */
  async facts(manager: EntityManager, personIds: string[], scope: Scope): Promise<FactsRow[]> {
    const s = this.s;
    return manager.query(
      `SELECT p.id, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.hukou_type,
              p.unemployment_status, to_char(p.unemployment_registered_on, 'YYYY-MM-DD') AS registered_on,
              p.disability_certificate_enc IS NOT NULL AS disabled, p.circumstances_enc,
              p.household_id, coalesce(h.zero_employment, false) AS zero_employment, h.low_income_enc,
              (SELECT count(*)::int FROM "${s}".service_records r
                WHERE r.person_id = p.id AND r.kind IN ('job-referral', 'training-referral')
                  AND r.occurred_at > now() - interval '12 months') AS services,
              coalesce((SELECT array_agg(category_code ORDER BY category_code) FROM "${s}".person_categories
                WHERE person_id = p.id), '{}') AS previous
       FROM "${s}".persons p LEFT JOIN "${s}".households h ON h.id = p.household_id
       WHERE p.id = ANY($1) AND ${inScope('p.org_path', 2)} ORDER BY p.id`,
      [personIds, ...scopeParams(scope)],
    );
  }

  /** Replaces the categories of a person in scope. */
  async replaceOfPerson(
    manager: EntityManager,
    personId: string,
    categories: Array<{ code: string; reasonsEnc: string }>,
    evaluatedAt: Date,
    scope: Scope,
  ): Promise<void> {
    const s = this.s;
    const person = `"${s}".persons p WHERE p.id = $1 AND ${inScope('p.org_path', 2)}`;
    await manager.query(`DELETE FROM "${s}".person_categories pc USING ${person} AND pc.person_id = p.id`, [
      personId,
      ...scopeParams(scope),
    ]);
    for (const category of categories) {
      await manager.query(
        `INSERT INTO "${s}".person_categories (person_id, category_code, reasons_enc, evaluated_at)
         SELECT p.id, $4, $5, $6 FROM ${person}`,
        [personId, ...scopeParams(scope), category.code, category.reasonsEnc, evaluatedAt],
      );
    }
    await manager.query(
      `UPDATE "${s}".persons p SET categories_evaluated_at = $4 WHERE p.id = $1 AND ${inScope('p.org_path', 2)}`,
      [personId, ...scopeParams(scope), evaluatedAt],
    );
  }
}
