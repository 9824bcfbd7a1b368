import { formatDay, parseDay, shanghaiDayOf, startOfShanghaiDay } from '@platform/calendar';

/**
 * The "3+1" rule (Chengdu's employment-service policy: every registered unemployed person gets 3 job
 * recommendations and 1 skills training within a year, each on a work record signed by both sides).
 *
 * The person's year starts on the day they were registered unemployed (`unemployment_registered_on`), or, when
 * that is not recorded, on the Shanghai date of their registration here (`created_at`), and runs 365 days: the
 * start day is day 1, the last day is start + 364. A `job-referral` or `training-referral` service record counts
 * when it happened inside the year (Shanghai days) and the person confirmed it (code, signature or station
 * signature: signed by both sides); records still waiting for the person's confirmation are counted apart as
 * pending. Served = at least 3 confirmed job recommendations and 1 confirmed training within the year.
 *
 * Pure (no clock, no I/O): callers pass "today". The people repository's SQL mirrors these dates; the ledgers may
 * import this file.
 */
export const THREE_PLUS_ONE = {
  jobs: 3,
  trainings: 1,
  /** Length of the year in days (the start day counts). */
  yearDays: 365,
  /** A running year with at most this many days left and something still missing is at risk (预警). */
  atRiskDays: 60,
} as const;

export type Missing = 'none' | 'jobs' | 'training' | 'both';
/** served: 3+1 reached in the year; on-track / at-risk: running and not yet served; ended-unmet: year over. */
export type YearStatus = 'served' | 'on-track' | 'at-risk' | 'ended-unmet';

export interface ThreePlusOneYear {
  /** First day of the year (YYYY-MM-DD, Shanghai). */
  startsOn: string;
  /** Last day of the year (inclusive). */
  endsOn: string;
  /** The instants that bound the year: [from, until). */
  from: Date;
  until: Date;
}

/** The person's 3+1 year: from the registration as unemployed, else from the day they were registered here. */
export function threePlusOneYear(registeredOn: string | null, createdAt: Date): ThreePlusOneYear {
  const start = registeredOn ? parseDay(registeredOn) : shanghaiDayOf(createdAt.getTime());
  const last = start + THREE_PLUS_ONE.yearDays - 1;
  return {
    startsOn: formatDay(start),
    endsOn: formatDay(last),
    from: new Date(startOfShanghaiDay(start)),
    until: new Date(startOfShanghaiDay(last + 1)),
  };
}

/** Whether a record made at `occurredAt` falls inside the year. */
export function insideYear(year: ThreePlusOneYear, occurredAt: Date): boolean {
  return occurredAt.getTime() >= year.from.getTime() && occurredAt.getTime() < year.until.getTime();
}

/** Whole Shanghai days from today to the year's last day: 0 on the last day, negative once it has ended. */
export function daysLeft(year: Pick<ThreePlusOneYear, 'endsOn'>, now: Date): number {
  return parseDay(year.endsOn) - shanghaiDayOf(now.getTime());
}

export interface ReferralCounts {
  jobsConfirmed: number;
  jobsPending: number;
  trainingsConfirmed: number;
  trainingsPending: number;
}

export interface ThreePlusOneProgress extends ReferralCounts {
  startsOn: string;
  endsOn: string;
  daysLeft: number;
  served: boolean;
  missing: Missing;
  status: YearStatus;
}

/** What is still missing for 3+1, from the confirmed counts. */
export function missingOf(counts: Pick<ReferralCounts, 'jobsConfirmed' | 'trainingsConfirmed'>): Missing {
  const jobs = counts.jobsConfirmed < THREE_PLUS_ONE.jobs;
  const training = counts.trainingsConfirmed < THREE_PLUS_ONE.trainings;
  return jobs && training ? 'both' : jobs ? 'jobs' : training ? 'training' : 'none';
}

/** The person's progress in their year, as of `now` (counts are those of records inside the year). */
export function threePlusOneProgress(
  year: Pick<ThreePlusOneYear, 'startsOn' | 'endsOn'>,
  counts: ReferralCounts,
  now: Date,
): ThreePlusOneProgress {
  const left = daysLeft(year, now);
  const missing = missingOf(counts);
  const served = missing === 'none';
  const status: YearStatus = served
    ? 'served'
    : left < 0
      ? 'ended-unmet'
      : left <= THREE_PLUS_ONE.atRiskDays
        ? 'at-risk'
        : 'on-track';
  return { startsOn: year.startsOn, endsOn: year.endsOn, ...counts, daysLeft: left, served, missing, status };
}
