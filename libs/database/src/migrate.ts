import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { assertSchemaName } from './service-data-source';

export interface MigrationRun {
  schema: string;
  executed: string[];
  waitedForLockMs: number;
}

/**
 * Runs pending migrations under a session-level advisory lock keyed by the schema, so that replicas or
 * operators starting the command at the same time run them once: the second waits, then finds nothing.
 */
export async function migrateUnderLock(dataSource: DataSource): Promise<MigrationRun> {
  const schema = String((dataSource.options as PostgresConnectionOptions).schema ?? 'public');
  assertSchemaName(schema);
  if (!dataSource.isInitialized) await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const lockKey = `migrations:${schema}`;
  const started = Date.now();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    const waitedForLockMs = Date.now() - started;
    // The migrations table lives in the schema, so the schema must exist before TypeORM looks for it.
    // (Checked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema
    // exists, which a service role that merely owns its schema does not have.)
    const [{ exists }] = await runner.query(
      'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists',
      [schema],
    );
    if (!exists) await runner.query(`CREATE SCHEMA "${schema}"`);
    const executed = await dataSource.runMigrations({ transaction: 'each' });
    return { schema, executed: executed.map((migration) => migration.name), waitedForLockMs };
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await runner.release();
  }
}

/** Entry point body for each service's `migrate` command: one JSON line out, exit code says how it went. */
export async function runMigrateCommand(serviceName: string, dataSource: DataSource): Promise<void> {
  try {
    const run = await migrateUnderLock(dataSource);
    process.stdout.write(
      `${JSON.stringify({ level: 'info', service: serviceName, msg: 'migrations done', ...run })}\n`,
    );
    await dataSource.destroy();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${serviceName}: migrations failed: ${message}\n`);
    process.exitCode = 1;
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
