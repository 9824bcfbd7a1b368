import { DataSource, EntityManager } from 'typeorm';
import { assertSchemaName } from '@platform/database';

/**
 * Applies an event's effect exactly once per consumer: the inbox row and the effect commit in one
 * transaction, so a redelivered event finds its row and is skipped. Returns false for a duplicate.
 */
export async function handleOnce(
  dataSource: DataSource,
  schema: string,
  consumer: string,
  event: { id: string; topic: string },
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  return dataSource.transaction((manager) => handleOnceIn(manager, schema, consumer, event, effect));
}

/** `handleOnce` inside the caller's transaction (a batch of events applied in one). */
export async function handleOnceIn(
  manager: EntityManager,
  schema: string,
  consumer: string,
  event: { id: string; topic: string },
  effect: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  assertSchemaName(schema);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO "${schema}".inbox (consumer, event_id, topic) VALUES ($1, $2, $3)
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
    [consumer, event.id, event.topic],
  );
  if (!inserted.length) return false;
  await effect(manager);
  return true;
}
