import { randomUUID } from 'node:crypto';
import { Role } from '@platform/auth';
import { signTestToken, startTestService, TestServiceApp, TestTokenClaims } from '@platform/service-testing';
import { AppModule } from '../app.module';
import { JobsConfig, jobsConfigShape } from '../config';
import { jobsMigrations } from '../data-source';

export function startJobs(env?: Record<string, string>): Promise<TestServiceApp<JobsConfig>> {
  return startTestService({
    service: 'jobs',
    configShape: jobsConfigShape,
    migrations: jobsMigrations,
    module: (config) => AppModule.forRoot(config),
    // Each app polls its own queue so parallel spec files never take each other's activity tasks.
    env: { JOBS_TASK_QUEUE: `jobs-test-${randomUUID()}`, ...env },
  });
}

/** A token as the hotline signs it; employer tokens carry their employer id. */
export function tokenAs(role: Role, overrides: Partial<TestTokenClaims> = {}): string {
  return signTestToken({
    sub: `user-${role}-${randomUUID().slice(0, 8)}`,
    username: `${role}.test`,
    roles: [role],
    org: { code: '510107', path: '510100/510107' },
    employerId: role === 'employer' ? randomUUID() : null,
    ...overrides,
  });
}

export function employerToken(employerId: string): string {
  return tokenAs('employer', { employerId });
}

/** Today and a date a year ahead in Asia/Shanghai, for valid periods. */
export function validPeriod(): { validFrom: string; validTo: string } {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600_000 + 365 * 86400_000).toISOString().slice(0, 10);
  return { validFrom: today, validTo: later };
}

export function vacancyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'market',
    occupationCode: '4-07-05-01',
    title: '保洁员',
    description: '负责写字楼公共区域日常清洁，白班，包午餐。',
    skills: ['保洁'],
    districtCode: '510107',
    streetCode: '510107001',
    lat: 30.64,
    lng: 104.04,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageMinFen: 300000,
    wageMaxFen: 380000,
    headcount: 3,
    noExperience: true,
    ...validPeriod(),
    ...overrides,
  };
}

export function candidate(n: number): Record<string, unknown> {
  return {
    personId: `person-${n}`,
    name: `张${n}`,
    maskedPhone: `138****${String(n).padStart(4, '0').slice(-4)}`,
    skills: ['保洁'],
    experienceSummary: '曾在商场做保洁两年',
  };
}
