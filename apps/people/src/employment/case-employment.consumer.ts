import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { caseEventDataSchema, CaseEventTypes, EventEnvelope, Topics } from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { PeopleConfig } from '../config';
import { WHOLE_CITY } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { EmploymentChanges } from './employment-changes';
import { EmploymentRepository } from './employment.repository';

/**
 * A placement marks the person employed: reads `hotline.case.v1` through the inbox (each event applied once,
 * by its id). `placed` → employed (from registered unemployed only); `reopened` (a callback or follow-up found
 * them out of work) → registered unemployed again, if that case's placement had set them employed. A change is
 * published like any other person update, and the household's status and categories are re-evaluated.
 * The case's area was checked by the hotline when staff acted; here the whole city is the scope.
 */
@Injectable()
export class CaseEmploymentConsumer extends ProjectionConsumer {
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
      projection: 'case-employment',
      topic: Topics.hotlineCase,
      // Only a placement or a reopen changes a person's employment: the other case events cost nothing here.
      types: [CaseEventTypes.placed, CaseEventTypes.reopened],
      nodeEnv: config.NODE_ENV,
    });
  }

  /** Applies one case event inside the inbox transaction. */
  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const parsed = caseEventDataSchema.safeParse(event.data);
    if (!parsed.success) {
      // Retrying cannot fix it, and blocking the partition would stop every later placement: skip, loudly.
      this.logger.error(
        { eventId: event.id, type: event.type },
        'case event without a valid snapshot skipped',
      );
      return;
    }
    const { caseId, personId } = parsed.data.snapshot;
    // A case whose person is not registered here (another deployment, or registration failed) changes nothing.
    if (!personId) return;
    const changed =
      event.type === CaseEventTypes.placed
        ? await this.employment.markEmployedByCase(manager, personId, caseId, WHOLE_CITY)
        : await this.employment.markUnemployedAgain(manager, personId, caseId, WHOLE_CITY);
    if (changed) await this.changes.applied(manager, changed, event);
  }
}
