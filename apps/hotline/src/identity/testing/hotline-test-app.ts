import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Clock, FixedClock } from '@platform/nest-kit';
import { generatePiiKeySettings } from '@platform/pii';
import { startTestService, testSigningKeys, TestServiceApp } from '@platform/service-testing';
import { AppModule } from '../../app.module';
import { HotlineConfig } from '../../config';
import { hotlineConfigShape } from '../../config';
import { hotlineMigrations } from '../../data-source';
import { DEMO_PASSWORD, seedDemoAccounts } from '../demo-accounts';

/**
 * "Today" for hotline tests: mid-year, with this year's and no next year's calendar loaded, so nothing the app
 * does by the date (coverage warnings) depends on the day the tests run. Pass a clock to choose another day.
 */
export const TEST_TODAY = new Date('2026-06-15T02:00:00Z');

/** The real hotline app on a throwaway migrated schema, with the demo accounts seeded. */
export async function startHotline(
  env: Record<string, string> = {},
  clock: Clock = new FixedClock(TEST_TODAY),
): Promise<TestServiceApp<HotlineConfig>> {
  const service = await startTestService({
    service: 'hotline',
    configShape: hotlineConfigShape,
    migrations: hotlineMigrations,
    module: (config) => AppModule.forRoot(config, { clock }),
    env: {
      ...generatePiiKeySettings('k1'),
      JWT_PRIVATE_KEY: testSigningKeys().privateKey,
      HOTLINE_ACTIVITY_TASK_QUEUE: `hotline-activities-test-${randomBytes(4).toString('hex')}`,
      HOTLINE_WORKFLOW_TASK_QUEUE: `hotline-test-${randomBytes(4).toString('hex')}`,
      // No people service of its own: other test stacks' households (on the shared broker) are not its.
      PEOPLE_DEPLOYMENT: `no-people-${randomBytes(4).toString('hex')}`,
      ...env,
    },
  });
  await seedDemoAccounts(service.dataSource, service.schema);
  return service;
}

export function login(service: TestServiceApp<unknown>, username: string, password = DEMO_PASSWORD) {
  return request(service.app.getHttpServer()).post('/auth/login').send({ username, password });
}

/** Logs in and returns the bearer token; fails the test if the login does not succeed. */
export async function tokenFor(
  service: TestServiceApp<unknown>,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await login(service, username, password);
  if (response.status !== 200)
    throw new Error(`login as ${username} answered ${response.status}: ${response.text}`);
  return response.body.accessToken as string;
}

/** A problem body without the per-request correlation id, for comparing two answers. */
export function withoutCorrelationId(body: Record<string, unknown>): Record<string, unknown> {
  const { correlationId: _ignored, ...rest } = body;
  return rest;
}
