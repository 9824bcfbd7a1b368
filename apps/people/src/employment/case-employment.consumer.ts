import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import {
  caseEventDataSchema,
  CaseEventTypes,
  EventEnvelope,
  PeopleEventTypes,
  Topics,
} from '@platform/contracts';
import { ReadinessCheck } from '@platform/nest-kit';
import { enqueueEvent, EventConsumer, KAFKA, prepareConsumerGroup } from '@platform/outbox';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { HouseholdsService } from '../households/households.service';
import { WHOLE_CITY } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';
import { EmploymentChange, EmploymentRepository } from './employment.repository';

/**
 * A placement marks the person employed: reads `hotline.case.v1` through the inbox (each event applied once,
 * by its id). `placed` → employed (from registered unemployed only); `reopened` (a callback or follow-up found
 * them out of work) → registered unemployed again, if that case's placement had set them employed. A change is
 * published like any other person update, and the household's status and categories are re-evaluated.
 * The case's area was checked by the hotline when staff acted; here the whole city is the scope.
 */
@Injectable()
export class CaseEmploymentConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, ReadinessCheck
{
  readonly name = 'case-employment-consumer';
  private readonly logger = new Logger(CaseEmploymentConsumer.name);
  private consumer: EventConsumer | undefined;
  private starting: Promise<void> | undefined;
  private started = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
    private readonly employment: EmploymentRepository,
    private readonly households: HouseholdsService,
    private readonly categories: CategoriesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prepare();
    // Joining the group takes seconds: the API does not wait (readiness says when it has).
    this.starting = this.start().catch((error) =>
      this.logger.error({ err: error }, 'the case employment consumer did not start'),
    );
  }

  async whenStarted(): Promise<void> {
    await this.starting;
  }

  async check(): Promise<void> {
    if (!this.started) throw new Error('the case employment consumer has not joined its group yet');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.consumer?.stop();
  }

  /** The Kafka group and the inbox's consumer name. */
  groupId(): string {
    return `${this.config.DB_SCHEMA}.case-employment`;
  }

  /** A throwaway test schema reads only what is published after it started (as the hotline's board does). */
  private async prepare(): Promise<void> {
    await prepareConsumerGroup(this.kafka, {
      groupId: this.groupId(),
      topic: Topics.hotlineCase,
      startAtEnd: this.config.NODE_ENV === 'test',
    });
  }

  private async start(): Promise<void> {
    this.consumer = new EventConsumer({
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.config.DB_SCHEMA,
      name: this.groupId(),
      topics: [Topics.hotlineCase],
      fromBeginning: true,
      handle: (event, manager) => this.apply(event, manager),
    });
    await this.consumer.start();
    this.started = true;
  }

  /** Applies one case event inside the inbox transaction. */
  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (event.type !== CaseEventTypes.placed && event.type !== CaseEventTypes.reopened) return;
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
    if (changed) await this.publish(manager, changed, event);
  }

  private async publish(
    manager: EntityManager,
    person: EmploymentChange,
    cause: EventEnvelope,
  ): Promise<void> {
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
    // As for any change to a person: the household's status, then categories.
    if (person.household_id) {
      await this.households.reevaluateInTx(manager, person.household_id, cause.correlationId);
    } else {
      await this.categories.evaluateInTx(manager, [person.id], cause.correlationId, WHOLE_CITY);
    }
  }
}
