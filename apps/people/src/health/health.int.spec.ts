import request from 'supertest';
import { startTestService, TestServiceApp } from '@platform/service-testing';
import { AppModule } from '../app.module';
import { CaseEmploymentConsumer } from '../employment/case-employment.consumer';
import { JobEndConsumer } from '../employment/job-end.consumer';
import { HouseholdEpisodesConsumer } from '../households/household-episodes.consumer';
import { peopleConfigShape } from '../config';
import { peopleMigrations } from '../data-source';
import { testPeopleKeys } from '../testing/people-test-app';

describe('people service health (real Postgres and Kafka)', () => {
  let service: TestServiceApp<unknown>;

  beforeAll(async () => {
    service = await startTestService({
      service: 'people',
      configShape: peopleConfigShape,
      migrations: peopleMigrations,
      module: (config) => AppModule.forRoot(config),
      env: testPeopleKeys(),
    });
  });
  afterAll(() => service?.close());

  it('is live without a token and ready when its dependencies answer', async () => {
    // Ready once the consumers have joined their groups (a few seconds after start).
    await Promise.all(
      [CaseEmploymentConsumer, JobEndConsumer, HouseholdEpisodesConsumer].map((consumer) =>
        service.app.get(consumer).whenStarted(),
      ),
    );
    await request(service.app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(service.app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({
      postgres: { status: 'up' },
      kafka: { status: 'up' },
      'session-revocations': { status: 'up' },
      'temporal-activity-worker': { status: 'up' },
      'case-employment-consumer': { status: 'up' },
      'job-ends-consumer': { status: 'up' },
      'household-episodes-consumer': { status: 'up' },
    });
  });

  it('answers an unknown route with problem details', async () => {
    const response = await request(service.app.getHttpServer()).get('/no-such-route').expect(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 404,
      title: expect.stringContaining('未找到'),
      instance: '/no-such-route',
    });
  });

  it("carries the caller's correlation id into the response and its problem details", async () => {
    const response = await request(service.app.getHttpServer())
      .get('/no-such-route')
      .set('x-correlation-id', 'call-2026-000123')
      .expect(404);
    expect(response.headers['x-correlation-id']).toBe('call-2026-000123');
    expect(response.body.correlationId).toBe('call-2026-000123');
    const generated = await request(service.app.getHttpServer()).get('/health/live').expect(200);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves its OpenAPI document', async () => {
    const response = await request(service.app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
  });
});
