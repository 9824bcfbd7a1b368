import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { Client, type Notification, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { assertSchemaName } from '@platform/database';
import { OUTBOX_CHANNEL } from './enqueue-event';
import { CORRELATION_ID_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER } from './kafka-client';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  producer: Producer;
  batchSize?: number;
  /** The fallback when a notification is missed (listener reconnecting, a row written by other means). */
  pollIntervalMs?: number;
  /** Listen for committed rows (`pg_notify` from `enqueueEvent`) and publish at once; default true. */
  listen?: boolean;
}

/** How long the relay waits before listening again after its listening connection failed. */
const RELISTEN_DELAY_MS = 1_000;

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
 *
 * It is woken by Postgres `LISTEN/NOTIFY` when a transaction that enqueued an event commits, so an event leaves
 * within milliseconds instead of waiting for the next poll; polling stays as the fallback. Notifications that
 * arrive while a batch is being published are coalesced into one more batch.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private busy = false;
  private wokenWhileBusy = false;
  private backingOff = false;
  private listener: Client | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    assertSchemaName(options.schema);
    this.logger = new Logger(`OutboxRelay(${options.schema})`);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
    if (this.options.listen ?? true) void this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    this.releaseListener();
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

  /** Publishes now, or right after the batch in progress. */
  wake(): void {
    if (this.stopped || this.backingOff) return;
    if (this.busy) {
      this.wokenWhileBusy = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /**
   * Holds a connection of its own for LISTEN (with the pool's settings, outside the pool, so the service keeps
   * its whole pool); on its failure, polling carries on and it listens again.
   */
  private async listen(): Promise<void> {
    const pool = (this.options.dataSource.driver as unknown as { master: Pool }).master;
    const client = new Client(pool.options);
    this.listener = client;
    client.on('error', (error: Error) => {
      this.logger.warn({ err: error }, 'outbox listener connection failed; polling until it listens again');
      this.releaseListener();
      this.relisten();
    });
    try {
      await client.connect();
      if (this.stopped) {
        this.releaseListener();
        return;
      }
      client.on('notification', (message: Notification) => {
        if (message.channel === OUTBOX_CHANNEL && message.payload === this.options.schema) this.wake();
      });
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Rows committed before LISTEN took effect would otherwise wait for the next poll.
      this.wake();
    } catch (error) {
      if (this.listener !== client) return; // its error event already started over
      this.logger.warn({ err: error }, 'could not listen for outbox rows; polling until it can');
      this.releaseListener();
      this.relisten();
    }
  }

  private relisten(): void {
    if (this.stopped || this.relistenTimer) return;
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = undefined;
      void this.listen();
    }, RELISTEN_DELAY_MS);
  }

  /** Closes the listening connection (once: a failed one reports its error, then ends). */
  private releaseListener(): void {
    const client = this.listener;
    this.listener = undefined;
    if (!client) return;
    client.removeAllListeners('notification');
    client.removeAllListeners('error');
    client.on('error', () => undefined); // it is being closed; a late error changes nothing
    void client.end().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    this.busy = true;
    this.wokenWhileBusy = false;
    let published = 0;
    let failed = false;
    try {
      published = await this.publishBatch();
    } catch (error) {
      failed = true;
      this.logger.warn({ err: error }, 'publishing outbox batch failed; will retry');
    }
    this.busy = false;
    this.backingOff = failed;
    // More may be waiting after a batch that published, or a wake-up during it: go again at once.
    // Back off after a failure (a notification does not cut the back-off short).
    const pollMs = this.options.pollIntervalMs ?? 500;
    this.schedule(failed ? pollMs * 4 : published > 0 || this.wokenWhileBusy ? 0 : pollMs);
  }
}
