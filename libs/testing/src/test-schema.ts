import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from './stack-env';

/**
 * A throwaway schema in the test database, so specs running in parallel never share tables.
 * `drop()` removes it with everything inside. (Built on TypeORM directly: this harness depends on no
 * workspace library, so every library's specs can use it.)
 */
export async function createTestSchema(
  prefix: string,
): Promise<{ schema: string; dataSource: DataSource; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const dataSource = new DataSource({
    type: 'postgres',
    url: testDatabaseUrl(),
    schema,
    poolSize: 5,
    extra: { options: `-c search_path=${schema},public` },
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
