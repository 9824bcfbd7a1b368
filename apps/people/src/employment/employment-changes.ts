import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, PeopleEventTypes, Topics } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { HouseholdsService } from '../households/households.service';
import { WHOLE_CITY } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { EmploymentChange, EmploymentRepository } from './employment.repository';

/**
 * What follows a change of a person's employment made from another service's event: kept as a dated
 * `employment_events` row, published like any other person update, then the household's status (which may start or end a zero-employment episode) and categories.
 */
@Injectable()
export class EmploymentChanges {
  constructor(
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly households: HouseholdsService,
    private readonly categories: CategoriesService,
    private readonly employment: EmploymentRepository,
  ) {}

  async applied(manager: EntityManager, person: EmploymentChange, cause: EventEnvelope): Promise<void> {
    // Dated by the event that caused it (when the placement or the job's end happened, not when it arrived).
    await this.employment.recordEvent(manager, person, new Date(cause.occurredAt));
    await enqueueEvent(manager, this.config.DB_SCHEMA, Topics.peoplePerson, {
      type: PeopleEventTypes.personUpdated,
      source: 'people',
      subject: person.id,
      correlationId: cause.correlationId,
      causationId: cause.id,
      data: {
        personId: person.id,
        orgPath: person.org_path,
        communityCode: person.community_code,
        unemploymentStatus: person.unemployment_status,
        changedFields: ['unemployment'],
      },
    });
    if (person.household_id) {
      await this.households.reevaluateInTx(manager, person.household_id, cause.correlationId);
    } else {
      await this.categories.evaluateInTx(manager, [person.id], cause.correlationId, WHOLE_CITY);
    }
  }
}
