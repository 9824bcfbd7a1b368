import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { Clock } from '@platform/nest-kit';
import { PiiCipher, shanghaiToday } from '@platform/pii';
import { PeopleConfig } from '../config';
import { Scope } from '../people-actor';
import { categoryReasons, householdLowIncome, personField } from '../pii/encrypted-columns';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { CategoriesRepository, CategoryRow, FactsRow } from './categories.repository';
import { evaluateRule, Reason, Rule } from './category-rule';
import { FactsSource, personFacts } from './person-facts';

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
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly repository: CategoriesRepository,
    private readonly cipher: PiiCipher,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CategoryDefinition[]> {
    return (await this.repository.definitions()).map(toDefinition);
  }

  async upsert(definition: CategoryDefinition): Promise<CategoryDefinition> {
    return toDefinition(
      await this.repository.upsertDefinition({
        code: definition.code,
        name_zh: definition.nameZh,
        name_en: definition.nameEn,
        rule: definition.rule,
        active: definition.active,
        sort_order: definition.sortOrder,
        note: definition.note,
      }),
    );
  }

  /** A person's stored categories with their (decrypted) reasons; none when the person is not in scope. */
  async ofPerson(manager: EntityManager, personId: string, scope: Scope): Promise<PersonCategory[]> {
    const rows = await this.repository.ofPerson(manager, personId, scope);
    return rows.map((row) => ({
      code: row.code,
      reasons: JSON.parse(this.cipher.decrypt(row.reasons_enc, categoryReasons(personId, row.code))),
      evaluatedAt: row.evaluated_at.toISOString(),
    }));
  }

  /**
   * Re-evaluates the active categories of each person in scope inside the caller's transaction, stores the
   * result with the evaluation time, and emits categories-changed when the set of codes changed. The result
   * has an entry for each person evaluated (none for one out of scope).
   */
  async evaluateInTx(
    manager: EntityManager,
    personIds: string[],
    correlationId: string,
    scope: Scope,
  ): Promise<Map<string, PersonCategory[]>> {
    const results = new Map<string, PersonCategory[]>();
    if (!personIds.length) return results;
    const definitions = (await this.repository.definitions(manager, true)).map(toDefinition);
    const rows = await this.repository.facts(manager, personIds, scope);
    // Ages, working age and months unemployed are facts of the clock's day (tests choose it).
    const evaluatedAt = this.clock.now();
    const today = shanghaiToday(evaluatedAt);
    for (const row of rows) {
      const facts = personFacts(this.factsSource(row), today);
      const matched = definitions.flatMap((definition) => {
        const result = evaluateRule(definition.rule, facts);
        return result.matched
          ? [{ code: definition.code, reasons: result.reasons, evaluatedAt: evaluatedAt.toISOString() }]
          : [];
      });
      await this.repository.replaceOfPerson(
        manager,
        row.id,
        matched.map((category) => ({
          code: category.code,
          reasonsEnc: this.cipher.encrypt(
            JSON.stringify(category.reasons),
            categoryReasons(row.id, category.code),
          ),
        })),
        evaluatedAt,
        scope,
      );
      const current = matched.map((category) => category.code).sort();
      if (row.previous.join(',') !== current.join(',')) {
        await enqueueEvent(manager, this.config.DB_SCHEMA, Topics.peoplePerson, {
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

  /** The facts' source, welfare status decrypted here (never read in SQL). */
  private factsSource(row: FactsRow): FactsSource {
    return {
      gender: row.gender,
      birthDate: row.birth_date,
      hukouType: row.hukou_type,
      unemploymentStatus: row.unemployment_status,
      unemploymentRegisteredOn: row.registered_on,
      hasDisabilityCertificate: row.disabled,
      circumstances: JSON.parse(
        this.cipher.decrypt(row.circumstances_enc, personField('circumstances_enc', row.id)),
      ),
      servicesPast12Months: row.services,
      householdZeroEmployment: row.zero_employment,
      householdLowIncome:
        row.household_id !== null &&
        row.low_income_enc !== null &&
        JSON.parse(this.cipher.decrypt(row.low_income_enc, householdLowIncome(row.household_id))) === true,
    };
  }
}

function toDefinition(row: CategoryRow): CategoryDefinition {
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
