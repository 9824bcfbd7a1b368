import { assertSchemaName } from '@platform/database';

/**
 * The outbox and inbox tables each service keeps in its own schema. Services call these from their
 * first migration so the tables are created, reviewed and versioned like any other.
 */
export function outboxTablesUp(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `CREATE TABLE "${schema}".outbox (
       seq bigserial PRIMARY KEY,
       id uuid NOT NULL UNIQUE,
       topic text NOT NULL,
       message_key text NOT NULL,
       event jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       published_at timestamptz,
       attempts integer NOT NULL DEFAULT 0,
       last_error text
     )`,
    `CREATE INDEX outbox_pending_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL`,
    `CREATE TABLE "${schema}".inbox (
       consumer text NOT NULL,
       event_id uuid NOT NULL,
       topic text NOT NULL,
       received_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, event_id)
     )`,
  ];
}

export function outboxTablesDown(schema: string): string[] {
  assertSchemaName(schema);
  return [`DROP TABLE "${schema}".inbox`, `DROP TABLE "${schema}".outbox`];
}

/**
 * Parking and pruning (a later migration of every service, `OutboxParking1766000000000`): a row Kafka refuses
 * for good is parked after a few attempts instead of blocking the rows behind it; published rows are pruned.
 */
export function outboxParkingUp(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `ALTER TABLE "${schema}".outbox ADD COLUMN parked_at timestamptz`,
    // The relay reads only rows it may send: parked ones are left to an operator.
    `DROP INDEX "${schema}".outbox_pending_idx`,
    `CREATE INDEX outbox_pending_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL AND parked_at IS NULL`,
    // Normally empty: the parked rows, which hold back later rows of their topic and key.
    `CREATE INDEX outbox_parked_idx ON "${schema}".outbox (topic, message_key, seq)
       WHERE parked_at IS NOT NULL AND published_at IS NULL`,
    // The pruner deletes the oldest published rows in bounded batches.
    `CREATE INDEX outbox_published_idx ON "${schema}".outbox (published_at) WHERE published_at IS NOT NULL`,
  ];
}

export function outboxParkingDown(schema: string): string[] {
  assertSchemaName(schema);
  return [
    `DROP INDEX "${schema}".outbox_published_idx`,
    `DROP INDEX "${schema}".outbox_parked_idx`,
    `DROP INDEX "${schema}".outbox_pending_idx`,
    `ALTER TABLE "${schema}".outbox DROP COLUMN parked_at`,
    `CREATE INDEX outbox_pending_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL`,
  ];
}
