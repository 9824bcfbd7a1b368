import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { assertSchemaName } from '@platform/database';
import { CORRELATION_ID_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER } from './kafka-client';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  producer: Producer;
  batchSize?: number;
  pollIntervalMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event: { type: string; correlationId: string };
}

/**
 * Publishes committed outbox rows to Kafka in `seq` order. Rows are claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction and marked published only after Kafka acknowledged them (acks=all), so a crash
 * between the two re-sends (at least once); consumers dedupe through their inbox.
 * One relay per schema publishes at a time (transaction-scoped advisory lock) so that per-key order holds
 * when several replicas run.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: OutboxRelayOptions) {
    assertSchemaName(options.schema);
    this.logger = new Logger(`OutboxRelay(${options.schema})`);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes one batch; returns how many events went out. */
  async publishBatch(): Promise<number> {
    const { dataSource, schema, producer } = this.options;
    return dataSource.transaction(async (manager) => {
      const [{ leader }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS leader', [
        `outbox-relay:${schema}`,
      ]);
      if (!leader) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, event FROM "${schema}".outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize ?? 200],
      );
      if (!rows.length) return 0;
      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      try {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, topicRows]) => ({
            topic,
            messages: topicRows.map((row) => ({
              key: row.message_key,
              value: JSON.stringify(row.event),
              headers: {
                [EVENT_ID_HEADER]: row.id,
                [EVENT_TYPE_HEADER]: row.event.type,
                [CORRELATION_ID_HEADER]: row.event.correlationId,
              },
            })),
          })),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await manager.query(
          `UPDATE "${schema}".outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
          [rows.map((row) => row.id), message.slice(0, 500)],
        );
        throw error;
      }
      await manager.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let published = 0;
    let failed = false;
    try {
      published = await this.publishBatch();
    } catch (error) {
      failed = true;
      this.logger.warn({ err: error }, 'publishing outbox batch failed; will retry');
    }
    // A full batch means more may be waiting: go again at once. Back off after a failure.
    const pollMs = this.options.pollIntervalMs ?? 500;
    this.schedule(failed ? pollMs * 4 : published > 0 ? 0 : pollMs);
  }
}
