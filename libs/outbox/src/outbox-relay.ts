import { Logger } from '@nestjs/common';
import { type Message, Producer } from 'kafkajs';
import { Client, type Notification, type Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { assertSchemaName } from '@platform/database';
import { publishTraceHeaders } from '@platform/tracing';
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
  /** Attempts after which a row Kafka refuses for good (too large, bad topic) is parked; default 5. */
  maxAttempts?: number;
  /** How long published rows are kept before they are pruned; default 7 days. */
  retainPublishedMs?: number;
  /** How often the relay prunes published rows; default every 10 minutes (0: never). */
  pruneIntervalMs?: number;
  /** Rows deleted per statement when pruning; default 1000. */
  pruneBatchSize?: number;
}

/** Kafka refusals of one message: retrying the same row cannot help. */
const MESSAGE_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD']);
/** Kafka refusals of a topic (a bad name, one that does not exist, no right to write): every row of it fails. */
const TOPIC_REFUSALS = new Set([
  'INVALID_TOPIC_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

/**
 * Whether Kafka refused a message or its topic (found in the error or one it wraps), rather than failing as a
 * cluster (unreachable, no leader, timeout): undefined then.
 */
export function refusalOf(error: unknown, depth = 0): 'message' | 'topic' | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const { type, cause, originalError, errors } = error as {
    type?: string;
    cause?: unknown;
    originalError?: unknown;
    errors?: unknown[];
  };
  if (type && MESSAGE_REFUSALS.has(type)) return 'message';
  if (type && TOPIC_REFUSALS.has(type)) return 'topic';
  for (const inner of [cause, originalError, ...(Array.isArray(errors) ? errors : [])]) {
    const refusal = refusalOf(inner, depth + 1);
    if (refusal) return refusal;
  }
  return undefined;
}

export const DEFAULT_RETAIN_PUBLISHED_MS = 7 * 24 * 3600_000;

/** How long the relay waits before listening again after its listening connection failed. */
const RELISTEN_DELAY_MS = 1_000;

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  attempts: number;
  /** The envelope, with the trace context `enqueueEvent` stored beside it (it travels as a header, not in the value). */
  event: { type: string; correlationId: string; traceContext?: Record<string, string> };
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
 *
 * A batch Kafka refuses is sent again row by row: a row refused for itself (too large) records its error and
 * holds back only the later rows of its topic and key; a refused topic (bad name, missing) holds back its rows.
 * A refused row is parked after `maxAttempts`, and the rows of other keys go on. A cluster that cannot be
 * reached stops the batch; its attempts are recorded and the relay backs off.
 * Published rows older than `retainPublishedMs` are pruned in bounded batches (docs/operations.md, Resilience).
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
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruning: Promise<unknown> | undefined;
  /** Some row of the last batch was refused for itself: poll again later rather than at once. */
  private rowsRefused = false;

  constructor(private readonly options: OutboxRelayOptions) {
    assertSchemaName(options.schema);
    this.logger = new Logger(`OutboxRelay(${options.schema})`);
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
    if (this.options.listen ?? true) void this.listen();
    this.schedulePrune();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.releaseListener();
    await this.running;
    await this.pruning;
  }

  /**
   * Publishes one batch; returns how many events went out. Throws when Kafka could not be reached, after the
   * rows' attempts and error have been committed (and whatever was published marked so).
   */
  async publishBatch(): Promise<number> {
    const { dataSource, schema } = this.options;
    const outcome = await dataSource.transaction(async (manager) => {
      const [{ leader }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS leader', [
        `outbox-relay:${schema}`,
      ]);
      if (!leader) return { published: 0, rowsRefused: false };
      // Rows behind a parked row of the same topic and key wait for it, so each key stays in order.
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, message_key, attempts, event FROM "${schema}".outbox o
          WHERE published_at IS NULL AND parked_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM "${schema}".outbox p
                             WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL
                               AND p.topic = o.topic AND p.message_key = o.message_key AND p.seq < o.seq)
          ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (!rows.length) return { published: 0, rowsRefused: false };
      try {
        await this.send(rows);
      } catch (error) {
        if (!refusalOf(error)) {
          await this.recordFailure(manager, rows, error);
          return { published: 0, rowsRefused: false, error };
        }
        return this.publishOneByOne(manager, rows);
      }
      await this.markPublished(manager, rows);
      return { published: rows.length, rowsRefused: false };
    });
    this.rowsRefused = outcome.rowsRefused;
    if ('error' in outcome) throw outcome.error;
    return outcome.published;
  }

  /**
   * After Kafka refused a batch: each row on its own, in order. A refused message holds back the later rows of
   * its topic and key; a refused topic all rows of that topic (each records the attempt). A cluster error stops
   * the pass (what went out is still marked published).
   */
  private async publishOneByOne(
    manager: EntityManager,
    rows: OutboxRow[],
  ): Promise<{ published: number; rowsRefused: boolean; error?: unknown }> {
    const heldBackKeys = new Set<string>();
    const refusedTopics = new Set<string>();
    const sent: OutboxRow[] = [];
    let clusterError: unknown;
    for (const row of rows) {
      const key = `${row.topic}\u0000${row.message_key}`;
      if (heldBackKeys.has(key) || refusedTopics.has(row.topic)) continue;
      try {
        await this.send([row]);
        sent.push(row);
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) {
          await this.recordFailure(manager, [row], error);
          clusterError = error;
          break;
        }
        const refusedRows = refusal === 'topic' ? rows.filter((other) => other.topic === row.topic) : [row];
        await this.recordFailure(manager, refusedRows, error);
        for (const refused of refusedRows) await this.parkIfExhausted(manager, refused, error);
        if (refusal === 'topic') refusedTopics.add(row.topic);
        else heldBackKeys.add(key);
      }
    }
    await this.markPublished(manager, sent);
    const rowsRefused = heldBackKeys.size > 0 || refusedTopics.size > 0;
    return clusterError === undefined
      ? { published: sent.length, rowsRefused }
      : { published: sent.length, rowsRefused, error: clusterError };
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await this.options.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic,
        messages: topicRows.map((row): Message => {
          const { traceContext, ...envelope } = row.event;
          return {
            key: row.message_key,
            value: JSON.stringify(envelope),
            headers: {
              [EVENT_ID_HEADER]: row.id,
              [EVENT_TYPE_HEADER]: envelope.type,
              [CORRELATION_ID_HEADER]: envelope.correlationId,
              // W3C traceparent of a `publish` span continuing the trace stored with the row (none when off).
              ...publishTraceHeaders({
                topic,
                messageId: row.id,
                eventType: envelope.type,
                storedContext: traceContext,
              }),
            },
          };
        }),
      })),
    });
  }

  private async markPublished(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (!rows.length) return;
    await manager.query(
      `UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
  }

  /** Committed with the batch's transaction, which no longer rolls back on a failed send. */
  private async recordFailure(manager: EntityManager, rows: OutboxRow[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await manager.query(
      `UPDATE "${this.options.schema}".outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[])`,
      [rows.map((row) => row.id), message.slice(0, 500)],
    );
    for (const row of rows) row.attempts += 1;
  }

  private async parkIfExhausted(manager: EntityManager, row: OutboxRow, error: unknown): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    if (row.attempts < maxAttempts) return;
    await manager.query(`UPDATE "${this.options.schema}".outbox SET parked_at = now() WHERE id = $1`, [
      row.id,
    ]);
    // The row's id, topic and Kafka's reason only: the key and the event may name a person.
    this.logger.warn(
      {
        outboxId: row.id,
        topic: row.topic,
        attempts: row.attempts,
        reason: (error as { type?: string }).type ?? (error instanceof Error ? error.name : 'unknown'),
      },
      'outbox row parked: Kafka refused it; later rows of its key wait (docs/operations.md, Resilience)',
    );
  }

  /**
   * Deletes published rows older than the retention, in batches of `pruneBatchSize`, at most `maxBatches`
   * statements per call; one replica at a time (advisory lock). Returns how many rows went.
   */
  async prunePublished(maxBatches = 50): Promise<number> {
    const { dataSource, schema } = this.options;
    const retainMs = this.options.retainPublishedMs ?? DEFAULT_RETAIN_PUBLISHED_MS;
    const batchSize = this.options.pruneBatchSize ?? 1000;
    let deleted = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const count = await dataSource.transaction(async (manager) => {
        const [{ leader }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS leader', [
          `outbox-prune:${schema}`,
        ]);
        if (!leader) return 0;
        const [, affected] = await manager.query(
          `DELETE FROM "${schema}".outbox WHERE seq IN (
             SELECT seq FROM "${schema}".outbox
              WHERE published_at < now() - make_interval(secs => $1::double precision / 1000)
              ORDER BY published_at LIMIT $2)`,
          [retainMs, batchSize],
        );
        return Number(affected ?? 0);
      });
      deleted += count;
      if (count < batchSize) break;
    }
    return deleted;
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

  private schedulePrune(): void {
    const intervalMs = this.options.pruneIntervalMs ?? 600_000;
    if (this.stopped || intervalMs <= 0) return;
    this.pruneTimer = setTimeout(() => {
      this.pruning = this.prunePublished()
        .then((deleted) => {
          if (deleted) this.logger.log({ deleted }, 'published outbox rows pruned');
        })
        .catch((error) => this.logger.warn({ err: error }, 'pruning published outbox rows failed'))
        .finally(() => this.schedulePrune());
    }, intervalMs);
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
    // More may be waiting after a full batch, or a wake-up during it: go again at once (unless a row was
    // refused: it is tried again at the next poll). A batch that was not full took every row committed before
    // it; a row committed since then woke the relay meanwhile, so no empty poll follows each batch. Back off
    // after a failure (a notification does not cut the back-off short).
    const pollMs = this.options.pollIntervalMs ?? 500;
    const more = (published >= this.batchSize && !this.rowsRefused) || this.wokenWhileBusy;
    this.schedule(failed ? pollMs * 4 : more ? 0 : pollMs);
  }
}
