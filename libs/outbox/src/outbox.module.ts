import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { KafkaTopicSettings } from '@platform/config';
import { createKafka, createReliableProducer, ensureKafkaTopics } from './kafka-client';
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
}

/** Runs the service's outbox relay for the life of the process. */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private producer: Producer | undefined;
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(OUTBOX_OPTIONS) private readonly options: OutboxModuleOptions,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureKafkaTopics(this.kafka, this.options.topics);
    this.producer = createReliableProducer(this.kafka);
    await this.producer.connect();
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      schema: this.options.schema,
      producer: this.producer,
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
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
        OutboxRelayRunner,
      ],
      exports: [KAFKA],
    };
  }
}
