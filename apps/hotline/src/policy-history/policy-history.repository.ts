import { DataSource, EntityManager } from 'typeorm';

/**
 * The change history shared by the city-wide policies held as data (case policy, household policy): each has one
 * row in force (`id = 1`) and a `<policy>_changes` table numbering every version gap-free, with the policy
 * written, the one it replaced, who changed it and why. What the policy row holds stays in each policy's own
 * repository; this file holds only what both write and read the same way.
 */

/** One line of a policy's history: the policy written, the one it replaced, and why. */
export interface PolicyChange<P> {
  version: string;
  policy: P;
  previousPolicy: P | null;
  reason: string;
  changedBy: string;
  changedAt: string;
}

/** A policy's two tables, schema-qualified (see {@link policyTables}). */
export interface PolicyTables {
  policy: string;
  changes: string;
}

/** `"schema".<name>` and `"schema".<name>_changes` in the data source's schema. */
export function policyTables(dataSource: DataSource, name: string): PolicyTables {
  const schema = String((dataSource.options as { schema?: string }).schema);
  return { policy: `"${schema}".${name}`, changes: `"${schema}".${name}_changes` };
}

/** The row in force (undefined before the migrations ran); pass the caller's transaction to read inside it. */
export async function readPolicyRow<Row>(
  manager: EntityManager,
  tables: PolicyTables,
): Promise<Row | undefined> {
  const [row]: Row[] = await manager.query(`SELECT * FROM ${tables.policy} WHERE id = 1`);
  return row;
}

/** The whole history, newest first. */
export async function readPolicyHistory<P>(
  dataSource: DataSource,
  tables: PolicyTables,
): Promise<PolicyChange<P>[]> {
  const rows: Array<{
    version: string;
    policy: P;
    previous_policy: P | null;
    reason: string;
    changed_by: string;
    changed_at: Date;
  }> = await dataSource.query(
    `SELECT version, policy, previous_policy, reason, changed_by, changed_at
     FROM ${tables.changes} ORDER BY number DESC`,
  );
  return rows.map((row) => ({
    version: row.version,
    policy: row.policy,
    previousPolicy: row.previous_policy,
    reason: row.reason,
    changedBy: row.changed_by,
    changedAt: row.changed_at.toISOString(),
  }));
}

/**
 * Locks the row in force and numbers the next version (`<prefix>-<n>`). Call it first in the change's
 * transaction: the lock serialises concurrent changes, so numbers are gap-free and each records what it replaced.
 */
export async function lockForNextVersion<Row>(
  manager: EntityManager,
  tables: PolicyTables,
  versionPrefix: string,
): Promise<{ locked: Row; number: number; version: string }> {
  const [locked]: Row[] = await manager.query(`SELECT * FROM ${tables.policy} WHERE id = 1 FOR UPDATE`);
  const [{ next }]: Array<{ next: number }> = await manager.query(
    `SELECT coalesce(max(number), 0)::int + 1 AS next FROM ${tables.changes}`,
  );
  return { locked, number: next, version: `${versionPrefix}-${next}` };
}

/** Writes the history line of a change numbered by {@link lockForNextVersion}, in the same transaction. */
export async function recordPolicyChange<P>(
  manager: EntityManager,
  tables: PolicyTables,
  change: {
    number: number;
    version: string;
    policy: P;
    previousPolicy: P;
    reason: string;
    changedBy: string;
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO ${tables.changes} (number, version, policy, previous_policy, reason, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      change.number,
      change.version,
      JSON.stringify(change.policy),
      JSON.stringify(change.previousPolicy),
      change.reason,
      change.changedBy,
    ],
  );
}
