import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { employerNameDataSchema, EventEnvelope, Topics } from '@platform/contracts';
import { ReadinessCheck } from '@platform/nest-kit';
import { EventConsumer, KAFKA, prepareConsumerGroup } from '@platform/outbox';
import { JobsConfig } from '../config';
import { JOBS_CONFIG } from '../activities/jobs-activity-worker';
import { EmployerNamesRepository } from './employer-names.repository';

/**
 * Keeps `employer_names` from `employers.employer.v1` through the inbox (each event applied once, by its id).
 * Every employer event carries the name; the employer record's version guards the row, so a late older event
 * never brings back an old name.
 */
@Injectable()
export class EmployerNamesConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, ReadinessCheck
{
  readonly name = 'employer-names-consumer';
  private readonly logger = new Logger(EmployerNamesConsumer.name);
  private consumer: EventConsumer | undefined;
  private starting: Promise<void> | undefined;
  private started = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    @Inject(JOBS_CONFIG) private readonly config: JobsConfig,
    private readonly names: EmployerNamesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prepare();
    // Joining the group takes seconds: the API does not wait (readiness says when it has).
    this.starting = this.start().catch((error) =>
      this.logger.error({ err: error }, 'the employer names consumer did not start'),
    );
  }

  async whenStarted(): Promise<void> {
    await this.starting;
  }

  async check(): Promise<void> {
    if (!this.started) throw new Error('the employer names consumer has not joined its group yet');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.consumer?.stop();
  }

  /** The Kafka group and the inbox's consumer name. */
  groupId(): string {
    return `${this.config.DB_SCHEMA}.employer-names`;
  }

  /**
   * A new projection is built from the whole topic. A throwaway test schema reads only what is published after
   * it started (its group starts at the topic's end), as the hotline's board does.
   */
  private async prepare(): Promise<void> {
    await prepareConsumerGroup(this.kafka, {
      groupId: this.groupId(),
      topic: Topics.employersEmployer,
      startAtEnd: this.config.NODE_ENV === 'test',
    });
  }

  private async start(): Promise<void> {
    this.consumer = new EventConsumer({
      kafka: this.kafka,
      dataSource: this.dataSource,
      schema: this.config.DB_SCHEMA,
      name: this.groupId(),
      topics: [Topics.employersEmployer],
      fromBeginning: true,
      handle: async (event, manager) => {
        await this.apply(event, manager);
      },
    });
    await this.consumer.start();
    this.started = true;
  }

  /** Applies one employer event inside the inbox transaction; true when the name changed. */
  async apply(event: EventEnvelope, manager: EntityManager): Promise<boolean> {
    const parsed = employerNameDataSchema.safeParse(event.data);
    if (!parsed.success) {
      // Retrying cannot fix it, and blocking the partition would stop every later name: skip, loudly.
      this.logger.error(
        { eventId: event.id, type: event.type, problems: parsed.error.issues.map((i) => i.path.join('.')) },
        'employer event without an id and name skipped',
      );
      return false;
    }
    const { employerId, name, version } = parsed.data;
    // Registrations published before events carried a version are the record's first version.
    return this.names.upsert(manager, { employerId, name, version: version ?? 1 });
  }
}
