import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope } from '@platform/contracts';
import { EventConsumer } from './event-consumer';
import { prepareConsumerGroup } from './kafka-client';

export interface ProjectionConsumerSettings {
  kafka: Kafka;
  dataSource: DataSource;
  /** The service's schema: where its inbox is, and the prefix of its group. */
  schema: string;
  /**
   * The projection's name in kebab case, e.g. 'case-board': the group (and inbox consumer) is
   * `<schema>.case-board`, the readiness check `case-board-consumer`, logs say 'the case board consumer'.
   */
  projection: string;
  topic: string;
  /** The event types the projection applies (default: all); see EventConsumerOptions.types. */
  types?: readonly string[];
  /** Applies each fetched batch in one transaction; see EventConsumerOptions.batched. */
  batched?: boolean;
  /** 'test' (a throwaway schema) reads only what is published after it started; see prepareConsumerGroup. */
  nodeEnv: string;
}

/**
 * The life of a service's projection from one topic, for a Nest provider: creates the topic and places the
 * group at start, joins the group in the background (readiness says when it has), applies each event once
 * through the inbox, and stops before the DataSource closes. A subclass says only how one event is applied.
 * It has `name` and `check()`, so it serves as a readiness check (nest-kit imports this lib, not the reverse).
 */
export abstract class ProjectionConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly name: string;
  protected readonly logger = new Logger(this.constructor.name);
  private readonly groupId: string;
  private readonly label: string;
  private consumer: EventConsumer | undefined;
  private starting: Promise<void> | undefined;
  private started = false;

  constructor(private readonly settings: ProjectionConsumerSettings) {
    this.name = `${settings.projection}-consumer`;
    this.groupId = `${settings.schema}.${settings.projection}`;
    this.label = `${settings.projection.replaceAll('-', ' ')} consumer`;
  }

  /** Applies one event inside the inbox transaction; an event it cannot use is skipped, not thrown. */
  abstract apply(event: EventEnvelope, manager: EntityManager): Promise<unknown>;

  /**
   * Whether `apply` would change anything for this event (EventConsumerOptions.concerns): a projection that
   * most events leave alone says so here, and those events cost no transaction. Default: every event.
   */
  protected concerns?(event: EventEnvelope): Promise<boolean>;

  async onApplicationBootstrap(): Promise<void> {
    // A new projection is built from the whole topic; a test schema's group starts at the topic's end.
    await prepareConsumerGroup(this.settings.kafka, {
      groupId: this.groupId,
      topic: this.settings.topic,
      startAtEnd: this.settings.nodeEnv === 'test',
    });
    // Joining the group takes seconds: the API does not wait (readiness says when it has).
    this.starting = this.start().catch((error) =>
      this.logger.error({ err: error }, `the ${this.label} did not start`),
    );
  }

  /** Resolves once the consumer has joined its group. */
  async whenStarted(): Promise<void> {
    await this.starting;
  }

  /** Readiness: the projection is being kept current. */
  async check(): Promise<void> {
    if (!this.started) throw new Error(`the ${this.label} has not joined its group yet`);
  }

  /** Before the DataSource closes (that happens in onApplicationShutdown), so no event is cut off midway. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starting;
    await this.consumer?.stop();
  }

  private async start(): Promise<void> {
    const { kafka, dataSource, schema, topic } = this.settings;
    this.consumer = new EventConsumer({
      kafka,
      dataSource,
      schema,
      name: this.groupId,
      topics: [topic],
      fromBeginning: true,
      types: this.settings.types,
      batched: this.settings.batched,
      concerns: this.concerns && ((event) => this.concerns!(event)),
      handle: async (event, manager) => {
        await this.apply(event, manager);
      },
    });
    await this.consumer.start();
    this.started = true;
  }
}
