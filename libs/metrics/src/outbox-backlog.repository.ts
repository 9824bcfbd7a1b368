import { DataSource } from 'typeorm';
import { assertSchemaName } from '@platform/database';

export interface OutboxBacklog {
  /** Rows not yet published to Kafka. */
  unpublished: number;
  /** Seconds since the oldest of them was written; 0 when there is none. */
  oldestAgeSeconds: number;
  /** Of the unpublished, those the relay parked after Kafka refused them (they wait for an operator). */
  parked: number;
}

/** The outbox's backlog, read at scrape time (the partial indexes on unpublished rows keep it cheap). */
export class OutboxBacklogRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {
    assertSchemaName(schema);
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row]: Array<{ unpublished: number; oldest_age_seconds: number | string; parked: number }> =
      await this.dataSource.query(
        `SELECT count(*)::int AS unpublished,
                coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)::float8 AS oldest_age_seconds,
                (count(*) FILTER (WHERE parked_at IS NOT NULL))::int AS parked
           FROM "${this.schema}".outbox WHERE published_at IS NULL`,
      );
    return {
      unpublished: row.unpublished,
      oldestAgeSeconds: Number(row.oldest_age_seconds),
      parked: row.parked,
    };
  }
}
