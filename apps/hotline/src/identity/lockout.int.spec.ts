import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from './login.service';
import { login, startHotline, tokenFor, withoutCorrelationId } from './testing/hotline-test-app';

describe('account lockout (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  const http = () => request(service.app.getHttpServer());
  const state = async (username: string) =>
    (
      await service.dataSource.query(
        `SELECT id, failed_login_count, locked_until FROM "${service.schema}".user_accounts WHERE username = $1`,
        [username],
      )
    )[0] as { id: string; failed_login_count: number; locked_until: Date | null };

  beforeAll(async () => {
    service = await startHotline();
  });
  afterAll(() => service?.close());

  it('resets the failure count on success', async () => {
    await login(service, 'supervisor.city', 'wrong-password-1').expect(401);
    await login(service, 'supervisor.city', 'wrong-password-2').expect(401);
    expect((await state('supervisor.city')).failed_login_count).toBe(2);
    await login(service, 'supervisor.city').expect(200);
    expect(await state('supervisor.city')).toMatchObject({ failed_login_count: 0, locked_until: null });
  });

  it(`locks after ${MAX_FAILED_LOGINS} failures for ${LOCK_MINUTES} minutes, refuses the right password like a wrong one, and an admin unlock lets the user in`, async () => {
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt += 1) {
      statuses.push((await login(service, 'operator.wuhou', `wrong-password-${attempt}`)).status);
    }
    expect(statuses).toEqual(Array(MAX_FAILED_LOGINS).fill(401));

    const locked = await state('operator.wuhou');
    expect(locked.failed_login_count).toBe(MAX_FAILED_LOGINS);
    const lockMs = locked.locked_until!.getTime() - Date.now();
    expect(lockMs).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);
    expect(lockMs).toBeLessThanOrEqual(LOCK_MINUTES * 60_000);

    // A locked account must not tell a guesser that the username exists, nor that it has been locked.
    const refused = await login(service, 'operator.wuhou').expect(401);
    const unknown = await login(service, 'no.such.user').expect(401);
    expect(withoutCorrelationId(refused.body)).toEqual(withoutCorrelationId(unknown.body));
    expect(JSON.stringify(refused.body)).not.toMatch(/lock|锁定/i);
    // Refusals during the lock are not counted and do not extend it.
    expect(await state('operator.wuhou')).toEqual(locked);

    const adminToken = await tokenFor(service, 'admin');
    const unlocked = await http()
      .post(`/users/${locked.id}/unlock`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(unlocked.body).toMatchObject({
      username: 'operator.wuhou',
      failedLoginCount: 0,
      lockedUntil: null,
    });

    await login(service, 'operator.wuhou').expect(200);
  });

  it('starts a fresh count once a lock has run out', async () => {
    const { id } = await state('supervisor.wuhou');
    await service.dataSource.query(
      `UPDATE "${service.schema}".user_accounts SET failed_login_count = 5, locked_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await login(service, 'supervisor.wuhou', 'still-wrong-password').expect(401);
    expect(await state('supervisor.wuhou')).toMatchObject({ failed_login_count: 1, locked_until: null });
  });

  it('answers unlock of an unknown account with 404 and a malformed id with 400', async () => {
    const adminToken = await tokenFor(service, 'admin');
    await http()
      .post('/users/00000000-0000-4000-8000-0000000fffff/unlock')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(404);
    const malformed = await http()
      .post('/users/not-a-uuid/unlock')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
  });
});
