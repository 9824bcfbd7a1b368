import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventEnvelope, parseEvent, Topic } from '@platform/contracts';
import { assertSchemaName } from '@platform/database';
import { currentTraceCarrier } from '@platform/tracing';

/** The Postgres notification channel on which a committed outbox row wakes its relay; the payload is the schema. */
export const OUTBOX_CHANNEL = 'outbox_committed';

export interface NewEvent<TData extends Record<string, unknown>> {
  /**
   * A caller-derived id (e.g. from an aggregate id and sequence) makes the enqueue idempotent: a second
   * enqueue with the same id adds nothing. Omitted: a random id.
   */
  id?: string;
  type: string;
  version?: number;
  source: string;
  /** The aggregate id: it is the Kafka key, so one aggregate's events stay in order. */
  subject: string;
  correlationId: string;
  causationId?: string | null;
  data: TData;
}

/**
 * The row's event keeps the caller's trace context (W3C `traceparent`) beside the envelope, so the relay can
 * continue the trace in the Kafka headers; consumers' envelope parsing leaves the extra field out. Nothing is
 * added outside a trace or with tracing off.
 */
function withTraceContext<T extends object>(envelope: T): T & { traceContext?: Record<string, string> } {
  const traceContext = currentTraceCarrier();
  return Object.keys(traceContext).length ? { ...envelope, traceContext } : envelope;
}

/**
 * Writes an event to the service's outbox with the caller's transaction (`manager`), so the event exists
 * if and only if the change that caused it was committed.
 */
export async function enqueueEvent<TData extends Record<string, unknown>>(
  manager: EntityManager,
  schema: string,
  topic: Topic,
  event: NewEvent<TData>,
): Promise<EventEnvelope<TData>> {
  assertSchemaName(schema);
  const envelope = parseEvent<TData>({
    id: event.id ?? randomUUID(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt: new Date().toISOString(),
    source: event.source,
    subject: event.subject,
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    data: event.data,
  });
  // One round trip: the row, and the notification that wakes the schema's relay when the transaction commits
  // (Postgres holds notifications until then, and drops them on rollback; the relay's polling stays as the
  // fallback for a missed one). A data-modifying WITH runs whether or not the SELECT reads it.
  await manager.query(
    `WITH written AS (
       INSERT INTO "${schema}".outbox (id, topic, message_key, event) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING
     )
     SELECT pg_notify($5, $6)`,
    [
      envelope.id,
      topic,
      envelope.subject,
      JSON.stringify(withTraceContext(envelope)),
      OUTBOX_CHANNEL,
      schema,
    ],
  );
  return envelope;
}
