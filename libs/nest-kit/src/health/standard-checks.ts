import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { KAFKA_PROBE, probeKafka } from '@platform/outbox';
import { DataSource } from 'typeorm';
import { ReadinessCheck } from './readiness';

@Injectable()
export class PostgresReadiness implements ReadinessCheck {
  readonly name = 'postgres';
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

/**
 * Reported, not required: requests write their events to the outbox in Postgres, and the relay publishes them
 * once Kafka is back, so an unreachable broker shows as `degraded` and the service stays ready.
 */
@Injectable()
export class KafkaReadiness implements ReadinessCheck {
  readonly name = 'kafka';
  readonly critical = false;
  /** A client that does not retry: a probe while Kafka is down answers at once and leaves nothing retrying. */
  constructor(@Inject(KAFKA_PROBE) private readonly probe: Kafka) {}

  async check(): Promise<void> {
    await probeKafka(this.probe);
  }
}
