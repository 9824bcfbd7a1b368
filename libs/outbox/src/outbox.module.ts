import { setTimeout as sleep } from 'node:timers/promises';
import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { KafkaTopicSettings } from '@platform/config';
import { createKafka, createReliableProducer, ensureKafkaTopics } from './kafka-client';
import { createProbeKafka, KAFKA_PROBE, probeKafka } from './kafka-probe';
import { OutboxRelay } from './outbox-relay';

export const KAFKA = Symbol('KAFKA');
const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface OutboxModuleOptions {
  clientId: string;
  brokers: string;
  schema: string;
  /** Topics this service writes to; created at start when missing. */
  topics: string[];
  /** Replication of the topics this service creates (default: one replica). */
  topicSettings?: KafkaTopicSettings;
  /** How long published outbox rows are kept (default 7 days; see OutboxRelayOptions). */
  retainPublishedMs?: number;
}

/** How often a relay that could not reach Kafka at start asks again. */
const KAFKA_RETRY_MS = 5_000;

/**
 * Runs the service's outbox relay for the life of the process. Requests do not wait for Kafka (their events wait
 * in the outbox): when Kafka does not answer at start, the service starts without it and the relay starts once
 * Kafka answers.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private producer: Producer | undefined;
  private relay: OutboxRelay | undefined;
  private waitingForKafka: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_PROBE) private readonly probe: Kafka,
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxModuleOptions,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await probeKafka(this.probe);
    } catch (error) {
      this.logger.warn({ err: error }, 'Kafka cannot be reached; the outbox keeps events until it can');
      this.waitingForKafka = this.startWhenKafkaAnswers();
      return;
    }
    await this.startRelay();
  }

  private async startWhenKafkaAnswers(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await sleep(KAFKA_RETRY_MS, undefined, { signal: this.stopping.signal });
        await probeKafka(this.probe);
        await this.startRelay();
        this.logger.log('Kafka answers; the outbox relay started');
        return;
      } catch (error) {
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = undefined;
        if (this.stopping.signal.aborted) return;
        this.logger.debug({ err: error }, 'Kafka still cannot be reached');
      }
    }
  }

  private async startRelay(): Promise<void> {
    await ensureKafkaTopics(this.kafka, this.options.topics);
    this.producer = createReliableProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      schema: this.options.schema,
      producer: this.producer,
      retainPublishedMs: this.options.retainPublishedMs,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.waitingForKafka;
    await this.relay?.stop();
    await this.producer?.disconnect();
  }
}

@Module({})
export class OutboxModule {
  static register(options: OutboxModuleOptions): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        { provide: OUTBOX_OPTIONS, useValue: options },
        {
          provide: KAFKA,
          useFactory: () => createKafka(options.clientId, options.brokers, options.topicSettings),
        },
        { provide: KAFKA_PROBE, useFactory: () => createProbeKafka(options.clientId, options.brokers) },
        OutboxRelayRunner,
      ],
      exports: [KAFKA, KAFKA_PROBE],
    };
  }
}
