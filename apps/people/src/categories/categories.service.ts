import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { PeopleConfig } from '../config';
import { Inject } from '@nestjs/common';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { evaluateRule, Reason, Rule } from './category-rule';
import { personFacts } from './person-facts';

export interface CategoryDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  rule: Rule;
  active: boolean;
  sortOrder: number;
  note: string | null;
}

export interface PersonCategory {
  code: string;
  reasons: Reason[];
  evaluatedAt: string;
}

@Injectable()
export class CategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  async list(): Promise<CategoryDefinition[]> {
    const rows = await this.dataSource.query(
      `SELECT code, name_zh, name_en, rule, active, sort_order, note FROM "${this.s}".assistance_categories
       ORDER BY sort_order, code`,
    );
    return rows.map(toDefinition);
  }

  async upsert(definition: Omit<CategoryDefinition, 'code'> & { code: string }): Promise<CategoryDefinition> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "${this.s}".assistance_categories (code, name_zh, name_en, rule, active, sort_order, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name_zh = $2, name_en = $3, rule = $4, active = $5, sort_order = $6,
         note = $7, updated_at = now()
       RETURNING code, name_zh, name_en, rule, active, sort_order, note`,
      [
        definition.code,
        definition.nameZh,
        definition.nameEn,
        JSON.stringify(definition.rule),
        definition.active,
        definition.sortOrder,
        definition.note,
      ],
    );
    return toDefinition(row);
  }

  async ofPerson(manager: EntityManager, personId: string): Promise<PersonCategory[]> {
    const rows = await manager.query(
      `SELECT pc.category_code AS code, pc.reasons, pc.evaluated_at
       FROM "${this.s}".person_categories pc
       JOIN "${this.s}".assistance_categories c ON c.code = pc.category_code
       WHERE pc.person_id = $1 ORDER BY c.sort_order, c.code`,
      [personId],
    );
    return rows.map((row: { code: string; reasons: Reason[]; evaluated_at: Date }) => ({
      code: row.code,
      reasons: row.reasons,
      evaluatedAt: row.evaluated_at.toISOString(),
    }));
  }

  /**
   * Re-evaluates the active categories of each person inside the caller's transaction, stores the result
   * with the evaluation time, and emits categories-changed when the set of codes changed.
   */
  async evaluateInTx(
    manager: EntityManager,
    personIds: string[],
    correlationId: string,
  ): Promise<Map<string, PersonCategory[]>> {
    const s = this.s;
    const definitions: CategoryDefinition[] = (
      await manager.query(
        `SELECT code, name_zh, name_en, rule, active, sort_order, note FROM "${s}".assistance_categories
         WHERE active ORDER BY sort_order, code`,
      )
    ).map(toDefinition);
    const results = new Map<string, PersonCategory[]>();
    if (!personIds.length) return results;
    const rows = await manager.query(
      `SELECT p.id, p.gender, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, p.hukou_type,
              p.unemployment_status, to_char(p.unemployment_registered_on, 'YYYY-MM-DD') AS registered_on,
              p.disability_certificate_enc IS NOT NULL AS disabled, p.circumstances,
              coalesce(h.zero_employment, false) AS zero_employment, coalesce(h.low_income, false) AS low_income,
              (SELECT count(*)::int FROM "${s}".service_records r
                WHERE r.person_id = p.id AND r.kind IN ('job-referral', 'training-referral')
                  AND r.occurred_at > now() - interval '12 months') AS services,
              coalesce((SELECT array_agg(category_code ORDER BY category_code) FROM "${s}".person_categories
                WHERE person_id = p.id), '{}') AS previous
       FROM "${s}".persons p LEFT JOIN "${s}".households h ON h.id = p.household_id
       WHERE p.id = ANY($1) ORDER BY p.id`,
      [personIds],
    );
    const evaluatedAt = new Date();
    for (const row of rows) {
      const facts = personFacts({
        gender: row.gender,
        birthDate: row.birth_date,
        hukouType: row.hukou_type,
        unemploymentStatus: row.unemployment_status,
        unemploymentRegisteredOn: row.registered_on,
        hasDisabilityCertificate: row.disabled,
        circumstances: row.circumstances,
        servicesPast12Months: row.services,
        householdZeroEmployment: row.zero_employment,
        householdLowIncome: row.low_income,
      });
      const matched = definitions.flatMap((definition) => {
        const result = evaluateRule(definition.rule, facts);
        return result.matched
          ? [{ code: definition.code, reasons: result.reasons, evaluatedAt: evaluatedAt.toISOString() }]
          : [];
      });
      await manager.query(`DELETE FROM "${s}".person_categories WHERE person_id = $1`, [row.id]);
      for (const category of matched) {
        await manager.query(
          `INSERT INTO "${s}".person_categories (person_id, category_code, reasons, evaluated_at)
           VALUES ($1, $2, $3, $4)`,
          [row.id, category.code, JSON.stringify(category.reasons), evaluatedAt],
        );
      }
      await manager.query(`UPDATE "${s}".persons SET categories_evaluated_at = $2 WHERE id = $1`, [
        row.id,
        evaluatedAt,
      ]);
      const previous: string[] = row.previous;
      const current = matched.map((category) => category.code).sort();
      if (previous.join(',') !== current.join(',')) {
        await enqueueEvent(manager, s, Topics.peoplePerson, {
          type: PeopleEventTypes.personCategoriesChanged,
          source: 'people',
          subject: row.id,
          correlationId,
          // Which categories stays here (see personCategoriesChangedSchema).
          data: { personId: row.id, evaluatedAt: evaluatedAt.toISOString() },
        });
      }
      results.set(row.id, matched);
    }
    return results;
  }
}

function toDefinition(row: {
  code: string;
  name_zh: string;
  name_en: string;
  rule: Rule;
  active: boolean;
  sort_order: number;
  note: string | null;
}): CategoryDefinition {
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    rule: row.rule,
    active: row.active,
    sortOrder: row.sort_order,
    note: row.note,
  };
}
