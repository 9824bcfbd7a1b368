import { ApplicationFailure } from '@temporalio/common';
import { HttpException } from '@nestjs/common';
import type {
  ContactForCallback,
  EvaluateCategoriesResult,
  PeopleActivities,
  PersonSummary,
} from '@platform/contracts';
import { CategoriesService } from '../categories/categories.service';
import { PersonsService, PersonView } from '../persons/persons.service';
import { RegisterPersonDto } from '../persons/register-person.dto';
import { mayUnmask, UnmaskService } from '../persons/unmask.service';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { DataSource } from 'typeorm';
import { Actor } from '../people-actor';

/**
 * The people activities for the case workflow, built on the same services (and rules, scope and audit) as
 * the HTTP API. Client errors (4xx) become non-retryable failures; their messages never carry values.
 */
export function createPeopleActivities(deps: {
  persons: PersonsService;
  categories: CategoriesService;
  records: ServiceRecordsService;
  unmasking: UnmaskService;
  dataSource: DataSource;
}): PeopleActivities {
  const activities: PeopleActivities = {
    async registerForCase(input) {
      const { caseId, occurredAt, ...registration } = input;
      const { person } = await activities.registerOrFindPerson(registration);
      const evaluation = await activities.evaluatePersonCategories({
        personId: person.personId,
        correlationId: input.correlationId,
      });
      const record = await activities.recordService({
        actor: input.actor,
        personId: person.personId,
        kind: 'registration',
        channel: 'phone',
        occurredAt,
        outcome: `962110 case ${caseId}`,
        requestId: `${caseId}:registration`,
      });
      return {
        person,
        categories: evaluation.categories.map((c) => c.code),
        serviceRecordId: record.serviceRecordId,
      };
    },

    registerOrFindPerson: (input) =>
      asActivity(async () => {
        const dto = Object.assign(new RegisterPersonDto(), input.person);
        const result = await deps.persons.register(dto, input.actor as Actor, input.correlationId, {
          keepUnsent: true,
        });
        return { outcome: result.outcome, person: summary(result.person) };
      }),

    evaluatePersonCategories: (input) =>
      asActivity(async (): Promise<EvaluateCategoriesResult> => {
        const results = await deps.dataSource.transaction((manager) =>
          deps.categories.evaluateInTx(manager, [input.personId], input.correlationId),
        );
        const categories = results.get(input.personId);
        if (!categories) throw ApplicationFailure.nonRetryable('no such person', 'PersonNotFound');
        return {
          personId: input.personId,
          evaluatedAt: categories[0]?.evaluatedAt ?? new Date().toISOString(),
          categories: categories.map((c) => ({ code: c.code, reasons: c.reasons })),
        };
      }),

    recordService: (input) =>
      asActivity(async () => {
        const record = await deps.records.record(
          input.personId,
          {
            kind: input.kind,
            channel: input.channel,
            occurredAt: input.occurredAt,
            outcome: input.outcome,
            requestId: input.requestId,
          },
          input.actor as Actor,
          `activity:${input.personId}`,
        );
        return { serviceRecordId: record.id, confirmed: record.confirmedByBoth };
      }),

    getContactForCallback: (input) =>
      asActivity(async (): Promise<ContactForCallback> => {
        const actor = input.actor as Actor;
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
      }),
  };
  return activities;
}

function summary(person: PersonView): PersonSummary {
  return {
    personId: person.id,
    name: person.name,
    idNumberMasked: person.idNumberMasked,
    phoneMasked: person.phoneMasked,
    orgPath: person.orgPath,
    communityCode: person.communityCode,
    categories: person.categories.map((c) => c.code),
  };
}

async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() < 500) {
      const body = error.getResponse();
      const errors = (error as { fieldErrors?: unknown[] }).fieldErrors ?? [];
      throw ApplicationFailure.nonRetryable(error.message, `Http${error.getStatus()}`, {
        status: error.getStatus(),
        errors,
        body: typeof body === 'string' ? body : undefined,
      });
    }
    throw error;
  }
}
