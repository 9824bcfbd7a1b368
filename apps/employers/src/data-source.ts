import { createServiceDataSource } from '@platform/database';
import { OutboxTables1763800000000 } from '@platform/outbox';

export const employersSchema = 'employers';
export const employersEntities = [];
export const employersMigrations = [OutboxTables1763800000000];

export function employersDataSource(url: string, schema = employersSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: employersEntities,
    migrations: employersMigrations,
    applicationName: 'employers',
  });
}
