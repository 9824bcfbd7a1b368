import { createServiceDataSource } from '@platform/database';
import { OutboxTables1763800000000 } from './migrations/1763800000000-outbox-tables';

export const hotlineSchema = 'hotline';
export const hotlineEntities = [];
export const hotlineMigrations = [OutboxTables1763800000000];

export function hotlineDataSource(url: string, schema = hotlineSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: hotlineEntities,
    migrations: hotlineMigrations,
    applicationName: 'hotline',
  });
}
