import request from 'supertest';
import { FEED_STALE_AFTER_MS, RevokedSessions } from '@platform/auth';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { login, startHotline, withoutCorrelationId } from './testing/hotline-test-app';

/** Revocation reaching the other services: test/e2e/session-revocation.int.spec.ts. */
describe('sessions: refresh rotation, reuse, logout and disabled accounts (real Postgres and Kafka)', () => {
  let hotline: TestServiceApp<HotlineConfig>;
  const http = () => request(hotline.app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const refresh = (refreshToken: string) => http().post('/auth/refresh').send({ refreshToken });
  const sessionRow = async (sessionId: string) =>
    (
      await hotline.dataSource.query(
        `SELECT revoked_at, revoked_reason FROM "${hotline.schema}".sessions WHERE id = $1`,
        [sessionId],
      )
    )[0] as { revoked_at: Date | null; revoked_reason: string | null };
  const sidOf = (accessToken: string): string =>
    JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sid;

  beforeAll(async () => {
    hotline = await startHotline();
  });
  afterAll(() => hotline?.close());

  it('rotates the refresh token: the new pair works, in the same session', async () => {
    const first = (await login(hotline, 'operator.wuhou').expect(200)).body;
    const renewed = (await refresh(first.refreshToken).expect(200)).body;
    expect(renewed).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: first.expiresIn,
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    expect(sidOf(renewed.accessToken)).toBe(sidOf(first.accessToken));
    await http().get('/auth/me').set(bearer(renewed.accessToken)).expect(200);
    await refresh(renewed.refreshToken).expect(200);
  });

  it('revokes the whole session when a used refresh token comes back (it was copied)', async () => {
    const first = (await login(hotline, 'supervisor.wuhou').expect(200)).body;
    const renewed = (await refresh(first.refreshToken).expect(200)).body;

    const replay = await refresh(first.refreshToken).expect(401);
    expect(replay.body.detail).toContain('请重新登录');
    expect(await sessionRow(sidOf(first.accessToken))).toMatchObject({
      revoked_at: expect.any(Date),
      revoked_reason: 'refresh-token-reuse',
    });
    // The legitimate holder's newer tokens die with it.
    await refresh(renewed.refreshToken).expect(401);
    await http().get('/auth/me').set(bearer(renewed.accessToken)).expect(401);
  });

  it('answers a malformed or unknown refresh token with 400 / 401, naming the field', async () => {
    const malformed = await refresh('short').expect(400);
    expect(malformed.body.errors).toEqual([
      expect.objectContaining({ field: 'refreshToken', rule: 'matches' }),
    ]);
    await refresh('A'.repeat(43)).expect(401);
  });

  it('logs out: the session ends on the hotline at once and its refresh token stops working', async () => {
    const session = (await login(hotline, 'operator.wuhou').expect(200)).body;
    await http().post('/auth/logout').set(bearer(session.accessToken)).expect(204);
    expect(await sessionRow(sidOf(session.accessToken))).toMatchObject({ revoked_reason: 'logout' });
    await http().get('/auth/me').set(bearer(session.accessToken)).expect(401);
    await refresh(session.refreshToken).expect(401);
    await http().post('/auth/logout').expect(401);
  });

  it('disabling an account revokes its sessions and its login then answers exactly like a wrong password', async () => {
    const admin = (await login(hotline, 'admin').expect(200)).body;
    const victim = (await login(hotline, 'supervisor.city').expect(200)).body;
    const disabled = await http()
      .post(`/users/${victim.user.id}/disable`)
      .set(bearer(admin.accessToken))
      .expect(200);
    expect(disabled.body).toMatchObject({ username: 'supervisor.city', disabledAt: expect.any(String) });
    expect(await sessionRow(sidOf(victim.accessToken))).toMatchObject({ revoked_reason: 'account-disabled' });
    await http().get('/auth/me').set(bearer(victim.accessToken)).expect(401);
    await refresh(victim.refreshToken).expect(401);

    const rightPassword = await login(hotline, 'supervisor.city').expect(401);
    const wrongPassword = await login(hotline, 'supervisor.wuhou', 'not-the-password').expect(401);
    expect(withoutCorrelationId(rightPassword.body)).toEqual(withoutCorrelationId(wrongPassword.body));

    await http().post(`/users/${victim.user.id}/enable`).set(bearer(admin.accessToken)).expect(200);
    await login(hotline, 'supervisor.city').expect(200);
  });

  it('keeps an admin from disabling their own account', async () => {
    const admin = (await login(hotline, 'admin').expect(200)).body;
    const response = await http()
      .post(`/users/${admin.user.id}/disable`)
      .set(bearer(admin.accessToken))
      .expect(409);
    expect(response.body.detail).toContain('不能停用自己的账号');
  });
  // Kafka down for good: the feed goes stale. The other services refuse tokens then (they cannot know of a
  // logout), but the hotline keeps the sessions, so it checks them there and intake goes on.
  it('checks tokens against its own sessions while the revocation feed is silent, and stays ready', async () => {
    const live = (await login(hotline, 'operator.wuhou').expect(200)).body.accessToken as string;
    const ended = (await login(hotline, 'supervisor.wuhou').expect(200)).body.accessToken as string;
    await http().post('/auth/logout').set(bearer(ended)).expect(204);
    await hotline.app.get(RevokedSessions).onApplicationShutdown(); // the feed stops: no more fetches
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'clearTimeout',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    try {
      jest.setSystemTime(Date.now() + FEED_STALE_AFTER_MS + 1000);
      await http().get('/auth/me').set(bearer(live)).expect(200);
      await http().get('/auth/me').set(bearer(ended)).expect(401);
      const ready = await http().get('/health/ready').expect(200);
      expect(JSON.stringify(ready.body)).toMatch(/session-revocations[^}]*degraded/);
    } finally {
      jest.useRealTimers();
    }
  });
});
