import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { LOGIN_RATE_LIMIT } from './identity.module';
import { login, startHotline } from './testing/hotline-test-app';

describe('login rate limit (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;

  beforeAll(async () => {
    service = await startHotline();
  });
  afterAll(() => service?.close());

  it(`answers login number ${LOGIN_RATE_LIMIT.limit + 1} within a minute from one address with 429, on the login route only`, async () => {
    expect(LOGIN_RATE_LIMIT).toEqual({ limit: 20, ttlMs: 60_000 });
    // Sequential, so the order of counting is the order of sending.
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_RATE_LIMIT.limit; i += 1) {
      statuses.push((await login(service, `nobody-${i}`, 'whatever-password')).status);
    }
    expect(statuses).toEqual(Array(LOGIN_RATE_LIMIT.limit).fill(401));

    const limited = await login(service, 'admin').expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after-login'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      status: 429,
      title: expect.stringContaining('请求过于频繁'),
      detail: expect.stringContaining('登录尝试过于频繁'),
      instance: '/auth/login',
    });

    // Other routes are not throttled.
    for (let i = 0; i < 3; i += 1) {
      await request(service.app.getHttpServer()).get('/health/live').expect(200);
      await request(service.app.getHttpServer()).get('/auth/me').expect(401);
    }
  });

  it('counts per caller behind the console’s proxy (X-Forwarded-For from a trusted private address)', async () => {
    const from = (address: string) =>
      request(service.app.getHttpServer())
        .post('/auth/login')
        .set('X-Forwarded-For', address)
        .send({ username: 'nobody', password: 'whatever-password' });
    // The first test used up the proxy's own quota; callers behind it still get their own.
    for (let i = 0; i < LOGIN_RATE_LIMIT.limit; i += 1) await from('203.0.113.7').expect(401);
    await from('203.0.113.7').expect(429);
    await from('203.0.113.8').expect(401);
  });
});
