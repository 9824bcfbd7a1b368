import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { employerNameDataSchema, EventEnvelope, Topics } from '@platform/contracts';
import { KAFKA, ProjectionConsumer } from '@platform/outbox';
import { JobsConfig } from '../config';
import { JOBS_CONFIG } from '../activities/jobs-activity-worker';
import { EmployerNamesRepository } from './employer-names.repository';

/**
 * Keeps `employer_names` from `employers.employer.v1` through the inbox (each event applied once, by its id).
 * Every employer event carries the name; the employer record's version guards the row, so a late older event
 * never brings back an old name.
 */
@Injectable()
export class EmployerNamesConsumer extends ProjectionConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    dataSource: DataSource,
    @Inject(JOBS_CONFIG) config: JobsConfig,
    private readonly names: EmployerNamesRepository,
  ) {
    super({
      kafka,
      dataSource,
      schema: config.DB_SCHEMA,
      projection: 'employer-names',
      topic: Topics.employersEmployer,
      nodeEnv: config.NODE_ENV,
    });
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
