import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { eventually } from '@platform/testing';
// Apps have no npm-scoped entry point: their test helpers are reached by path (the type:e2e tag allows it).
/* eslint-disable @nx/enforce-module-boundaries */
import { HotlineConfig } from '../../apps/hotline/src/config';
import { login, startHotline } from '../../apps/hotline/src/identity/testing/hotline-test-app';
import { JobsConfig } from '../../apps/jobs/src/config';
import { startJobs } from '../../apps/jobs/src/testing/jobs-test-app';
/* eslint-enable @nx/enforce-module-boundaries */

/** docs/adr/0003-tokens-and-sessions.md: a revoked session's access tokens are refused everywhere within this. */
const REVOCATION_BOUND_MS = 60_000;

describe('a revoked session on a service that only verifies tokens (hotline and jobs, real Postgres and Kafka)', () => {
  let hotline: TestServiceApp<HotlineConfig>;
  let jobs: TestServiceApp<JobsConfig>;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const onHotline = () => request(hotline.app.getHttpServer());
  const vacanciesOnJobs = (token: string) =>
    request(jobs.app.getHttpServer()).get('/vacancies').set(bearer(token));
  /** Polls jobs until it refuses the token; returns how long that took. */
  const refusedByJobsWithin = async (token: string): Promise<number> => {
    const from = Date.now();
    await eventually(
      'jobs refuses the revoked token',
      async () => (await vacanciesOnJobs(token)).status === 401,
      REVOCATION_BOUND_MS,
    );
    return Date.now() - from;
  };

  beforeAll(async () => {
    [hotline, jobs] = await Promise.all([startHotline(), startJobs()]);
  });
  afterAll(async () => {
    await Promise.all([hotline?.close(), jobs?.close()]);
  });

  it('logout: the token that worked on jobs is refused there within a minute', async () => {
    const session = (await login(hotline, 'operator.wuhou').expect(200)).body;
    await vacanciesOnJobs(session.accessToken).expect(200);

    await onHotline().post('/auth/logout').set(bearer(session.accessToken)).expect(204);
    expect(await refusedByJobsWithin(session.accessToken)).toBeLessThan(REVOCATION_BOUND_MS);
    const refused = await vacanciesOnJobs(session.accessToken).expect(401);
    expect(refused.body).toMatchObject({ status: 401, detail: expect.stringContaining('令牌无效或已过期') });
  });

  it('a disabled account: its token is refused on jobs within a minute', async () => {
    const admin = (await login(hotline, 'admin').expect(200)).body;
    const victim = (await login(hotline, 'supervisor.wuhou').expect(200)).body;
    await vacanciesOnJobs(victim.accessToken).expect(200);

    await onHotline().post(`/users/${victim.user.id}/disable`).set(bearer(admin.accessToken)).expect(200);
    expect(await refusedByJobsWithin(victim.accessToken)).toBeLessThan(REVOCATION_BOUND_MS);
    // Another session of another user is untouched.
    await vacanciesOnJobs(admin.accessToken).expect(200);
  });

  it('a jobs process started after the logout learns of it from the recent past before it serves', async () => {
    const session = (await login(hotline, 'operator.wuhou').expect(200)).body;
    await onHotline().post('/auth/logout').set(bearer(session.accessToken)).expect(204);
    // Wait until the revocation is on Kafka (the running jobs app has it), then start a fresh verifier.
    await refusedByJobsWithin(session.accessToken);
    const late = await startJobs();
    try {
      await request(late.app.getHttpServer()).get('/vacancies').set(bearer(session.accessToken)).expect(401);
    } finally {
      await late.close();
    }
  });
});
