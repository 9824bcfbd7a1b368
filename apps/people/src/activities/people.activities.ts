import { ApplicationFailure } from '@temporalio/common';
import type { ContactForCallback, EvaluateCategoriesResult, PeopleActivities } from '@platform/contracts';
import { asActivity, validated } from '@platform/temporal-kit';
import { DataSource } from 'typeorm';
import { CategoriesService } from '../categories/categories.service';
import { WHOLE_CITY } from '../people-actor';
import { registerPersonForCase, registrationOf, summaryOf } from '../persons/case-registration';
import { PersonsService } from '../persons/persons.service';
import { mayUnmask, UnmaskService } from '../persons/unmask.service';
import { ServiceRecordsService } from '../service-records/service-records.service';
import {
  ContactForCallbackInput,
  EvaluateCategoriesInput,
  RecordServiceInput,
  RegisterForCaseInput,
  RegisterOrFindInput,
} from './activity-inputs';

/**
 * The people activities for the case workflow, built on the same services (and rules, scope and audit) as
 * the HTTP API. Inputs are validated like HTTP bodies; bad input and other client errors (4xx) become
 * non-retryable `Problem<status>` failures whose details name field and rule in both languages, never values.
 */
export function createPeopleActivities(deps: {
  persons: PersonsService;
  categories: CategoriesService;
  records: ServiceRecordsService;
  unmasking: UnmaskService;
  dataSource: DataSource;
}): PeopleActivities {
  const activities: PeopleActivities = {
    async registerForCase(raw) {
      const input = await validated(RegisterForCaseInput, raw);
      return asActivity(() => registerPersonForCase(deps, input));
    },

    async registerOrFindPerson(raw) {
      const input = await validated(RegisterOrFindInput, raw);
      return asActivity(async () => {
        const result = await deps.persons.register(
          registrationOf(input.person),
          input.actor,
          input.correlationId,
          { keepUnsent: true },
        );
        return { outcome: result.outcome, person: summaryOf(result.person) };
      });
    },

    async evaluatePersonCategories(raw) {
      const input = await validated(EvaluateCategoriesInput, raw);
      return asActivity(async (): Promise<EvaluateCategoriesResult> => {
        // No caller here: the hotline started the case in its area, and the person was registered through it.
        const results = await deps.dataSource.transaction((manager) =>
          deps.categories.evaluateInTx(manager, [input.personId], input.correlationId, WHOLE_CITY),
        );
        const categories = results.get(input.personId);
        if (!categories) throw ApplicationFailure.nonRetryable('no such person', 'PersonNotFound');
        return {
          personId: input.personId,
          evaluatedAt: categories[0]?.evaluatedAt ?? new Date().toISOString(),
          categories: categories.map((c) => ({ code: c.code, reasons: c.reasons })),
        };
      });
    },

    async recordService(raw) {
      const { actor, personId, ...record } = await validated(RecordServiceInput, raw);
      return asActivity(async () => {
        const written = await deps.records.record(personId, record, actor, `activity:${personId}`);
        return { serviceRecordId: written.id, confirmed: written.confirmedByBoth };
      });
    },

    async getContactForCallback(raw) {
      const input = await validated(ContactForCallbackInput, raw);
      return asActivity(async (): Promise<ContactForCallback> => {
        const actor = input.actor;
        const person = await deps.persons.get(input.personId, actor);
        if (!mayUnmask(actor, 'phone')) {
          return { personId: person.id, name: person.name, phone: person.phoneMasked, masked: true };
        }
        const unmasked = await deps.unmasking.unmask(
          input.personId,
          ['phone'],
          input.reason,
          actor,
          'activity',
        );
        return { personId: person.id, name: person.name, phone: unmasked.phone!, masked: false };
      });
    },
  };
  return activities;
}
