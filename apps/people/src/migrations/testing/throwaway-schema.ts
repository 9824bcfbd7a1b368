import { randomBytes } from 'node:crypto';
import { createServiceDataSource } from '@platform/database';
import { testDatabaseUrl } from '@platform/testing';
import { peopleMigrations } from '../../data-source';

/**
 * A throwaway schema of the test database for a migration spec: `source(migrations)` migrates it up to any point
 * of the people migrations, so a spec can fill it as an older release left it and then run the migration.
 */
export function throwawayMigrationSchema(applicationName: string) {
  const schema = `people_mig_${randomBytes(3).toString('hex')}`;
  const source = (migrations: typeof peopleMigrations) =>
    createServiceDataSource({
      url: testDatabaseUrl(),
      schema,
      entities: [],
      migrations,
      applicationName,
      poolSize: 2,
    });
  return { schema, source };
}
