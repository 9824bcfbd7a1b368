import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { AuthModule, RevokedSessions } from '@platform/auth';
import { kafkaTopicSettings } from '@platform/config';
import { createServiceDataSource } from '@platform/database';
import { OutboxModule } from '@platform/outbox';
import { HealthModule, ReadinessCheck } from '../health/readiness';
import { KafkaReadiness, PostgresReadiness } from '../health/standard-checks';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { Clock, SystemClock } from '../clock/clock';

export interface ServiceCoreOptions {
  service: string;
  schema: string;
  config: {
    LOG_LEVEL: string;
    DATABASE_URL: string;
    KAFKA_BROKERS: string;
    /** Replication of the topics the service creates (libs/config kafkaTopicFields; default 1/1). */
    KAFKA_TOPIC_REPLICATION_FACTOR?: number;
    KAFKA_TOPIC_MIN_INSYNC_REPLICAS?: number;
    JWT_PUBLIC_KEY: string;
    /** The hotline's only: it alone issues tokens. */
    JWT_PRIVATE_KEY?: string;
  };
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Topics the service publishes through its outbox. */
  topics: string[];
  /** Readiness checks beyond Postgres and Kafka, provided by the service. */
  extraReadiness?: Type<ReadinessCheck>[];
  /** The service's clock; tests pass a fixed one. */
  clock?: Clock;
}

/**
 * What every service process has: JSON logs, the auth guard on every route, its own schema's DataSource,
 * its outbox relay and health endpoints.
 */
@Module({})
export class ServiceCoreModule {
  static forService(options: ServiceCoreOptions): DynamicModule {
    const { config } = options;
    const topicSettings = kafkaTopicSettings(config);
    return {
      module: ServiceCoreModule,
      global: true,
      imports: [
        LoggingModule.forService(options.service, config.LOG_LEVEL),
        AuthModule.forRoot({
          service: options.service,
          publicKey: config.JWT_PUBLIC_KEY,
          privateKey: config.JWT_PRIVATE_KEY,
          kafkaBrokers: config.KAFKA_BROKERS,
          topicSettings,
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' }),
          dataSourceFactory: async () =>
            createServiceDataSource({
              url: config.DATABASE_URL,
              schema: options.schema,
              entities: options.entities,
              migrations: options.migrations,
              applicationName: options.service,
            }).initialize(),
        }),
        OutboxModule.register({
          clientId: options.service,
          brokers: config.KAFKA_BROKERS,
          schema: options.schema,
          topics: options.topics,
          topicSettings,
        }),
        // GET /metrics: the outbox backlog of the service's schema and its consumer groups' lag, among others.
        MetricsModule.register({
          service: options.service,
          schema: options.schema,
          kafkaBrokers: config.KAFKA_BROKERS,
        }),
        HealthModule.register([
          PostgresReadiness,
          KafkaReadiness,
          RevokedSessions,
          ...(options.extraReadiness ?? []),
        ]),
      ],
      providers: [
        PostgresReadiness,
        KafkaReadiness,
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [OutboxModule, TypeOrmModule, Clock],
    };
  }
}
