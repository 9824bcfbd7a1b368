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
