import { createServiceDataSource } from '@platform/database';
import { OutboxParking1766000000000, OutboxTables1763800000000 } from '@platform/outbox';
import { People1764100000000 } from './migrations/1764100000000-people';
import { AssistanceCategoriesSeed1764100000001 } from './migrations/1764100000001-assistance-categories.data';
import { ServiceRecordRequestId1764100000002 } from './migrations/1764100000002-service-record-request-id';
import { DisabilityCertificateEncrypted1764100000003 } from './migrations/1764100000003-disability-certificate-encrypted';
import { SensitiveStatusEncrypted1764100000004 } from './migrations/1764100000004-sensitive-status-encrypted';
import { ServiceRecordConfirmation1764100000005 } from './migrations/1764100000005-service-record-confirmation';
import { HouseholdCertificationEpisodes1764100000006 } from './migrations/1764100000006-household-certification-episodes';
import { Training1765710000000 } from './migrations/1765710000000-training';
import { Ledgers1765740000000 } from './migrations/1765740000000-ledgers';

export const peopleSchema = 'people';
/** The service reads and writes with SQL through the DataSource (no TypeORM entities). */
export const peopleEntities = [];
export const peopleMigrations = [
  OutboxTables1763800000000,
  People1764100000000,
  AssistanceCategoriesSeed1764100000001,
  ServiceRecordRequestId1764100000002,
  DisabilityCertificateEncrypted1764100000003,
  SensitiveStatusEncrypted1764100000004,
  ServiceRecordConfirmation1764100000005,
  HouseholdCertificationEpisodes1764100000006,
  Training1765710000000,
  Ledgers1765740000000,
  OutboxParking1766000000000,
];

export function peopleDataSource(url: string, schema = peopleSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: peopleEntities,
    migrations: peopleMigrations,
    applicationName: 'people',
  });
}
