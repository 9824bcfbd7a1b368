import { createServiceDataSource } from '@platform/database';
import { OutboxParking1766000000000, OutboxTables1763800000000 } from '@platform/outbox';
import { Employers1764100000000 } from './migrations/1764100000000-employers';
import { ReservationAreas1764600000000 } from './migrations/1764600000000-reservation-areas';
import { EmployerVersion1764720000000 } from './migrations/1764720000000-employer-version';

export const employersSchema = 'employers';
export const employersEntities = [];
export const employersMigrations = [
  OutboxTables1763800000000,
  Employers1764100000000,
  ReservationAreas1764600000000,
  EmployerVersion1764720000000,
  OutboxParking1766000000000,
];

export function employersDataSource(url: string, schema = employersSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: employersEntities,
    migrations: employersMigrations,
    applicationName: 'employers',
  });
}
