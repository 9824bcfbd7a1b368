import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceDataSource } from '@platform/database';
import { TestServiceApp } from '@platform/service-testing';
import { testDatabaseUrl } from '@platform/testing';
import { HotlineConfig } from '../config';
import { LOGIN_RATE_LIMIT, LoginThrottleRepository } from './login-throttle';
import { login, startHotline } from './testing/hotline-test-app';

/** Which of the local addresses Express reported for supertest's connection, read back from its hashed key. */
async function localPeerAddress(service: TestServiceApp<unknown>): Promise<string> {
  const rows: Array<{ key: Buffer }> = await service.dataSource.query(
    `SELECT client_key AS key FROM "${service.schema}".login_throttle`,
  );
  const found = ['127.0.0.1', '::ffff:127.0.0.1', '::1'].find((address) =>
    rows.some(({ key }) => key.equals(createHash('sha256').update(address).digest())),
  );
  if (!found) throw new Error('the local peer address is none of the loopback forms');
  return found;
}

describe('login rate limit (real Postgres and Kafka)', () => {
  /** The hotline with the default TRUST_PROXY (no proxy trusted). */
  let replicaA: TestServiceApp<HotlineConfig>;
  /** Another replica's throttle: the same code on its own connection pool to the same schema. */
  let otherReplicaPool: DataSource;
  let replicaB: LoginThrottleRepository;
  /** A hotline told that the local peer is its proxy (as behind the console's preview server). */
  let behindProxy: TestServiceApp<HotlineConfig>;

  const attempt = (service: TestServiceApp<unknown>, forwardedFor?: string) => {
    const pending = request(service.app.getHttpServer()).post('/auth/login');
    if (forwardedFor) pending.set('X-Forwarded-For', forwardedFor);
    return pending.send({ username: 'nobody', password: 'whatever-password' });
  };

  beforeAll(async () => {
    [replicaA, behindProxy] = await Promise.all([startHotline(), startHotline({ TRUST_PROXY: 'loopback' })]);
    otherReplicaPool = await createServiceDataSource({
      url: testDatabaseUrl(),
      schema: replicaA.schema,
      entities: [],
      migrations: [],
      applicationName: 'login-rate-limit-other-replica',
      poolSize: 2,
    }).initialize();
    replicaB = new LoginThrottleRepository(otherReplicaPool);
  });
  afterAll(async () => {
    await otherReplicaPool?.destroy();
    await Promise.all([replicaA?.close(), behindProxy?.close()]);
  });

  it(`answers login number ${LOGIN_RATE_LIMIT.limit + 1} within a minute from one address with 429, counted across replicas, on the login route only`, async () => {
    expect(LOGIN_RATE_LIMIT).toEqual({ limit: 20, windowSeconds: 60 });
    expect(replicaA.config.TRUST_PROXY).toBe('');
    // Half the attempts through the other replica: a per-process count would allow twice the limit.
    const half = LOGIN_RATE_LIMIT.limit / 2;
    const statuses: number[] = [];
    for (let i = 0; i < half; i += 1) {
      statuses.push((await login(replicaA, `nobody-${i}`, 'whatever-password')).status);
    }
    expect(statuses).toEqual(Array(half).fill(401));
    const peer = await localPeerAddress(replicaA);
    for (let i = 0; i < half; i += 1) await replicaB.count(peer);

    const limited = await login(replicaA, 'admin').expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_RATE_LIMIT.windowSeconds);
    expect(limited.body).toMatchObject({
      status: 429,
      title: expect.stringContaining('请求过于频繁'),
      detail: expect.stringContaining('登录尝试过于频繁'),
      instance: '/auth/login',
    });

    // Other routes are not throttled.
    for (let i = 0; i < 3; i += 1) {
      await request(replicaA.app.getHttpServer()).get('/health/live').expect(200);
      await request(replicaA.app.getHttpServer()).get('/auth/me').expect(401);
    }
  });

  it('ignores X-Forwarded-For from a caller that is not a trusted proxy: a new header buys no new quota', async () => {
    // The first test used up this caller's quota; claiming to be someone else changes nothing.
    await attempt(replicaA, '203.0.113.7').expect(429);
    await attempt(replicaA, '198.51.100.1, 203.0.113.8').expect(429);
  });

  it('starts a fresh count when the window has passed (the count lives in Postgres)', async () => {
    await replicaA.dataSource.query(
      `UPDATE "${replicaA.schema}".login_throttle SET window_started_at = now() - interval '61 seconds'`,
    );
    await attempt(replicaA).expect(401);
    const rows = await replicaA.dataSource.query(
      `SELECT attempts, length(client_key) AS key_bytes FROM "${replicaA.schema}".login_throttle`,
    );
    // One caller, its address stored only as a hash.
    expect(rows).toEqual([{ attempts: 1, key_bytes: 32 }]);
  });

  it('counts per caller behind a configured trusted proxy (TRUST_PROXY=loopback)', async () => {
    for (let i = 0; i < LOGIN_RATE_LIMIT.limit; i += 1) await attempt(behindProxy, '203.0.113.7').expect(401);
    await attempt(behindProxy, '203.0.113.7').expect(429);
    await attempt(behindProxy, '203.0.113.8').expect(401);
  });
});
