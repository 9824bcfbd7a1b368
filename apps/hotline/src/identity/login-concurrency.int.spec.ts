import { Client } from 'pg';
import { TestServiceApp } from '@platform/service-testing';
import { testDatabaseUrl } from '@platform/testing';
import { HotlineConfig } from '../config';
import { MAX_FAILED_LOGINS } from './login.service';
import { login, startHotline } from './testing/hotline-test-app';

describe('concurrent failed logins (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let blocker: Client;
  /** Its own connection: the app's pool is fully taken by the waiting attempts. */
  let monitor: Client;

  beforeAll(async () => {
    service = await startHotline();
    blocker = new Client({
      connectionString: testDatabaseUrl(),
      application_name: 'login-concurrency-blocker',
    });
    monitor = new Client({
      connectionString: testDatabaseUrl(),
      application_name: 'login-concurrency-monitor',
    });
    await Promise.all([blocker.connect(), monitor.connect()]);
  });
  afterAll(async () => {
    await Promise.all([blocker?.end(), monitor?.end()]);
    await service?.close();
  });

  const accountState = async (username: string) =>
    (
      await service.dataSource.query(
        `SELECT failed_login_count, locked_until FROM "${service.schema}".user_accounts WHERE username = $1`,
        [username],
      )
    )[0] as { failed_login_count: number; locked_until: Date | null };

  /** Sessions queued behind the blocker's row lock: the first waits on its transaction, the rest on the tuple. */
  const waitingBehind = async (blockerXid: string): Promise<number> => {
    const { rows } = await monitor.query(
      `SELECT count(DISTINCT pid)::int AS count FROM pg_locks
        WHERE NOT granted
          AND ((locktype = 'tuple' AND relation = $1::regclass) OR (locktype = 'transactionid' AND transactionid::text = $2))`,
      [`"${service.schema}".user_accounts`, blockerXid],
    );
    return rows[0].count as number;
  };

  it('counts each of 10 parallel failures exactly once and locks at the fifth, even when all reach the database at once', async () => {
    // Hold the row so that the 10 attempts pile up behind it, then let them go together: without
    // SELECT … FOR UPDATE they would all read a count of 0 and the account would never lock. (Ten is also
    // the app's pool size: every attempt holds a connection while it waits.)
    await blocker.query('BEGIN');
    await blocker.query(
      `SELECT id FROM "${service.schema}".user_accounts WHERE username = 'supervisor.city' FOR UPDATE`,
    );
    const { rows } = await blocker.query('SELECT xid(pg_current_xact_id())::text AS xid');
    const attempts = Promise.all(
      Array.from({ length: 10 }, (_, i) => login(service, 'supervisor.city', `piled-up-wrong-${i}`)),
    );
    try {
      const deadline = Date.now() + 15_000;
      let waiting = 0;
      while ((waiting = await waitingBehind(rows[0].xid)) < 10) {
        if (Date.now() > deadline) throw new Error(`only ${waiting} of 10 attempts reached the row lock`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await blocker.query('COMMIT');
    }
    const statuses = (await attempts).map((response) => response.status).sort();
    // All refused alike (a lock is not announced); the fifth locks, the other five meet the lock uncounted.
    expect(statuses).toEqual(Array(10).fill(401));
    const state = await accountState('supervisor.city');
    expect(state.failed_login_count).toBe(MAX_FAILED_LOGINS);
    expect(state.locked_until!.getTime()).toBeGreaterThan(Date.now());
    await login(service, 'supervisor.city').expect(401);
  });
});
