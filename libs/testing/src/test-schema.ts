import { randomBytes } from 'node:crypto';
import { DataSource, DataSourceOptions } from 'typeorm';
import { createServiceDataSource } from '@platform/database';
import { testDatabaseUrl } from './stack-env';

/**
 * A throwaway schema in the test database, so specs running in parallel never share tables.
 * `drop()` removes it with everything inside.
 */
export async function createTestSchema(
  prefix: string,
  options: { entities?: DataSourceOptions['entities']; migrations?: DataSourceOptions['migrations'] } = {},
): Promise<{ schema: string; dataSource: DataSource; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const dataSource = createServiceDataSource({
    url: testDatabaseUrl(),
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    applicationName: `test:${schema}`,
    poolSize: 5,
  });
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA "${schema}"`);
  return {
    schema,
    dataSource,
    drop: async () => {
      await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
