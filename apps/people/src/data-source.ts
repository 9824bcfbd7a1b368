import { createServiceDataSource } from '@platform/database';
import { OutboxTables1763800000000 } from '@platform/outbox';

export const peopleSchema = 'people';
export const peopleEntities = [];
export const peopleMigrations = [OutboxTables1763800000000];

export function peopleDataSource(url: string, schema = peopleSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: peopleEntities,
    migrations: peopleMigrations,
    applicationName: 'people',
  });
}
