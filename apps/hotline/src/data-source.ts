import { createServiceDataSource } from '@platform/database';
import { UserAccount } from './identity/user-account.entity';
import { OrgUnit } from './org-tree/org-unit.entity';
import { OutboxParking1766000000000, OutboxTables1763800000000 } from '@platform/outbox';
import { OrgUnits1763900000000 } from './migrations/1763900000000-org-units';
import { UserAccounts1763900100000 } from './migrations/1763900100000-user-accounts';
import { WorkingCalendar1764000000000 } from './migrations/1764000000000-working-calendar';
import { Cases1764200000000 } from './migrations/1764200000000-cases';
import { CasePolicy1764200100000 } from './migrations/1764200100000-case-policy';
import { CaseBoard1764200200000 } from './migrations/1764200200000-case-board';
import { CaseRecordedAt1764300000000 } from './migrations/1764300000000-case-recorded-at';
import { CaseBoardLookups1764300100000 } from './migrations/1764300100000-case-board-lookups';
import { SessionsAndLoginThrottle1764800000000 } from './migrations/1764800000000-sessions-and-login-throttle';
import { CaseBoardPromise1764900200000 } from './migrations/1764900200000-case-board-promise';
import { CaseBoardNoCategories1765000000000 } from './migrations/1765000000000-case-board-no-categories';
import { OrgUnitCentroids1765100000000 } from './migrations/1765100000000-org-unit-centroids';
import { CaseLocations1765100100000 } from './migrations/1765100100000-case-locations';
import { CaseCallers1765300000000 } from './migrations/1765300000000-case-callers';
import { CaseBoardRiskFacts1765400000000 } from './migrations/1765400000000-case-board-risk-facts';
import { HouseholdEpisodes1765500000000 } from './migrations/1765500000000-household-episodes';
import { HouseholdPolicy1765600000000 } from './migrations/1765600000000-household-policy';
import { PersonalPlans1765730000000 } from './migrations/1765730000000-personal-plans';
import { JobFairs1765720000000 } from './migrations/1765720000000-job-fairs';
import { CalendarSignalProgress1766000100000 } from './migrations/1766000100000-calendar-signal-progress';
import { CalendarChangeRow, CalendarYearRow } from './calendar/calendar-year.entity';
import { CaseRow } from './cases/case.entity';

export const hotlineSchema = 'hotline';
export const hotlineEntities = [OrgUnit, UserAccount, CalendarYearRow, CalendarChangeRow, CaseRow];
export const hotlineMigrations = [
  OutboxTables1763800000000,
  OrgUnits1763900000000,
  UserAccounts1763900100000,
  WorkingCalendar1764000000000,
  Cases1764200000000,
  CasePolicy1764200100000,
  CaseBoard1764200200000,
  CaseRecordedAt1764300000000,
  CaseBoardLookups1764300100000,
  SessionsAndLoginThrottle1764800000000,
  CaseBoardPromise1764900200000,
  CaseBoardNoCategories1765000000000,
  OrgUnitCentroids1765100000000,
  CaseLocations1765100100000,
  CaseCallers1765300000000,
  CaseBoardRiskFacts1765400000000,
  HouseholdEpisodes1765500000000,
  HouseholdPolicy1765600000000,
  JobFairs1765720000000,
  PersonalPlans1765730000000,
  OutboxParking1766000000000,
  CalendarSignalProgress1766000100000,
];

export function hotlineDataSource(url: string, schema = hotlineSchema) {
  return createServiceDataSource({
    url,
    schema,
    entities: hotlineEntities,
    migrations: hotlineMigrations,
    applicationName: 'hotline',
  });
}
