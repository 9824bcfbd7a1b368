import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, referralEventDataSchema, ReferralEventTypes, Topics } from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { PeopleConfig } from '../config';
import { WHOLE_CITY } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { EmploymentChanges } from './employment-changes';
import { EmploymentRepository } from './employment.repository';

/**
 * A job that ends makes the person unemployed again: `jobs.referral.ended` (recorded by staff or the employer in
 * the jobs service) undoes what the placement through that referral's case set, like a reopened case does. The
 * household is re-evaluated, so a household whose only employed member lost the job is at zero employment again
 * (and the hotline reopens its episode). Each event applied once (inbox); the whole city is the scope.
 */
@Injectable()
export class JobEndConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @InjectDataSource() dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) config: PeopleConfig,
    private readonly employment: EmploymentRepository,
    private readonly changes: EmploymentChanges,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'job-ends',
      topic: Topics.jobsReferral,
      types: [ReferralEventTypes.ended],
      nodeEnv: config.NODE_ENV,
    });
  }

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = referralEventDataSchema.safeParse(event.data);
    if (!parsed.success) {
      this.logger.error(
        { eventId: event.id, type: event.type },
        'referral event with an invalid payload skipped',
      );
      return;
    }
    const { personId, caseId } = parsed.data;
    // Ids that are not UUIDs were never ours (a referral proposed outside a case of this platform): nobody here
    // to change, and the query would fail on them and hold up every event behind this one.
    if (!isUUID(personId) || !isUUID(caseId)) return;
    const changed = await this.employment.markUnemployedAgain(manager, personId, caseId, WHOLE_CITY);
    if (changed) await this.changes.applied(manager, changed, event);
  }
}
