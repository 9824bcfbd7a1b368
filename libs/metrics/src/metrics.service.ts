import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ConsumerLagReader } from './consumer-lag';
import { createHttpDurationHistogram, httpMetricsMiddleware } from './http-metrics';
import { OutboxBacklogRepository } from './outbox-backlog.repository';
import { processRegistry, trackedConsumerGroups } from './process-metrics';

export interface MetricsOptions {
  service: string;
  /** The service's schema: its outbox backlog and its consumer groups' lag are reported. */
  schema?: string;
  /** Kafka, for the lag of the service's consumer groups. */
  kafkaBrokers?: string;
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
/** A collector that reads its figures at scrape time (the database, Kafka) must answer within this. */
const COLLECT_TIMEOUT_MS = 2_000;

/**
 * One service's metrics: its own registry (HTTP durations, outbox backlog, consumer lag, what the service adds
 * with `addCollector`), shown on `/metrics` together with the process's (Node, inbox duplicates).
 */
@Injectable()
export class MetricsService implements OnApplicationShutdown {
  readonly registry = new Registry();
  readonly httpDuration = createHttpDurationHistogram(this.registry);
  private readonly logger = new Logger('Metrics');
  private readonly collectors: Array<{ name: string; collect: () => Promise<void> }> = [];
  private kafka: Kafka | undefined;
  private admin: Promise<Admin> | undefined;

  constructor(
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
    private readonly moduleRef: ModuleRef,
  ) {
    if (options.schema) this.addOutboxBacklog(options.schema);
    if (options.schema && options.kafkaBrokers) this.addConsumerLag(options.schema, options.kafkaBrokers);
  }

  /** Express middleware timing every request of the app (configureHttpApp installs it). */
  middleware() {
    return httpMetricsMiddleware(this.httpDuration);
  }

  /**
   * Runs `collect` before each scrape, bounded by a timeout; a collector that fails or is late leaves its
   * gauges as it left them and is logged, the other metrics are still answered.
   */
  addCollector(name: string, collect: () => Promise<void>): void {
    this.collectors.push({ name, collect });
  }

  async scrape(): Promise<string> {
    await Promise.all(
      this.collectors.map(({ name, collect }) =>
        withTimeout(collect(), COLLECT_TIMEOUT_MS).catch((error) =>
          this.logger.warn({ err: error, collector: name }, 'a metrics collector failed'),
        ),
      ),
    );
    return `${await processRegistry.metrics()}\n${await this.registry.metrics()}`;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  private addOutboxBacklog(schema: string): void {
    const unpublished = new Gauge({
      name: 'outbox_unpublished_events',
      help: 'Outbox rows not yet published to Kafka.',
      labelNames: ['schema'] as const,
      registers: [this.registry],
    });
    const oldestAge = new Gauge({
      name: 'outbox_oldest_unpublished_age_seconds',
      help: 'Seconds since the oldest unpublished outbox row was written (0 when none waits).',
      labelNames: ['schema'] as const,
      registers: [this.registry],
    });
    const parked = new Gauge({
      name: 'outbox_parked_events',
      help: 'Unpublished outbox rows the relay parked after Kafka refused them repeatedly (an operator decides).',
      labelNames: ['schema'] as const,
      registers: [this.registry],
    });
    let repository: OutboxBacklogRepository | undefined;
    this.addCollector('outbox-backlog', async () => {
      repository ??= new OutboxBacklogRepository(this.moduleRef.get(DataSource, { strict: false }), schema);
      const backlog = await repository.backlog();
      unpublished.set({ schema }, backlog.unpublished);
      oldestAge.set({ schema }, backlog.oldestAgeSeconds);
      parked.set({ schema }, backlog.parked);
    });
  }

  private addConsumerLag(schema: string, brokers: string): void {
    const lag = new Gauge({
      name: 'kafka_consumer_group_lag',
      help: "Messages on a topic after a consumer group's committed offsets (summed over partitions).",
      labelNames: ['group', 'topic'] as const,
      registers: [this.registry],
    });
    const fetchOk = new Gauge({
      name: 'kafka_consumer_lag_fetch_ok',
      help: '1 when the last lag fetch from Kafka answered in time; 0: the lag shown is the last known.',
      registers: [this.registry],
    });
    const reader = new ConsumerLagReader({
      admin: () => this.connectAdmin(brokers),
      dropAdmin: () => this.dropAdmin(),
      groups: () => trackedConsumerGroups(schema),
    });
    this.addCollector('kafka-consumer-lag', async () => {
      const reading = await reader.read();
      lag.reset();
      for (const { groupId, topic, lag: value } of reading.lags) lag.set({ group: groupId, topic }, value);
      fetchOk.set(reading.ok ? 1 : 0);
    });
  }

  /** A client of its own: no retries and short timeouts, so a scrape during a Kafka outage answers quickly. */
  private connectAdmin(brokers: string): Promise<Admin> {
    this.kafka ??= new Kafka({
      clientId: `${this.options.service}-metrics`,
      brokers: brokers.split(',').map((broker) => broker.trim()),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
    });
    const kafka = this.kafka;
    this.admin ??= (async () => {
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await (await admin?.catch(() => undefined))?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
