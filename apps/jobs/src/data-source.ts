import { createServiceDataSource } from '@platform/database';
import { OutboxParking1766000000000, OutboxTables1763800000000 } from '@platform/outbox';
import { VacanciesAndReferrals1764100000000 } from './migrations/1764100000000-vacancies-and-referrals';
import { EmployerDeclineReasonCodes1764300000000 } from './migrations/1764300000000-employer-decline-reason-codes';
import { EmployerDeclinedAt1764400000000 } from './migrations/1764400000000-employer-declined-at';
import { ReferralOrgPath1764500000000 } from './migrations/1764500000000-referral-org-path';
import { EmployerNames1764700000000 } from './migrations/1764700000000-employer-names';
import { Ledgers1765740000000 } from './migrations/1765740000000-ledgers';

export const jobsSchema = 'jobs';
export const jobsEntities = [];
export const jobsMigrations = [
  OutboxTables1763800000000,
  VacanciesAndReferrals1764100000000,
  EmployerDeclineReasonCodes1764300000000,
  EmployerDeclinedAt1764400000000,
  ReferralOrgPath1764500000000,
  EmployerNames1764700000000,
  Ledgers1765740000000,
  OutboxParking1766000000000,
];

export function jobsDataSource(url: string, schema = jobsSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: jobsEntities,
    migrations: jobsMigrations,
    applicationName: 'jobs',
  });
}
