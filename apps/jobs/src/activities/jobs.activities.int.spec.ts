import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { JobsConfig } from '../config';
import { MatchingService } from '../matching/matching.service';
import { ReferralsService } from '../referrals/referrals.service';
import { candidate, employerToken, startJobs, vacancyBody } from '../testing/jobs-test-app';
import { WUHOU_COMMUNITY } from '../testing/referral-fixtures';
import { createJobsActivities } from './jobs.activities';

describe('jobs activities (real Postgres, Kafka and Temporal dev server)', () => {
  let service: TestServiceApp<JobsConfig>;
  const employer = employerToken('55555555-5555-4555-8555-555555555555');
  const person = { skills: ['保洁'], lat: 30.64, lng: 104.04, categories: [] };
  const activities = () =>
    createJobsActivities({
      matching: service.app.get(MatchingService),
      referrals: service.app.get(ReferralsService),
    });

  beforeAll(async () => {
    service = await startJobs();
    await request(service.app.getHttpServer())
      .post('/employer/vacancies')
      .set('Authorization', `Bearer ${employer}`)
      .send(vacancyBody({ title: '商场保洁员', lat: 30.641, lng: 104.041 }))
      .expect(201);
  });
  afterAll(() => service?.close());

  it('matches, proposes and confirms a start when called directly, with caller errors non-retryable', async () => {
    const jobs = activities();
    const [first] = await jobs.matchVacancies({ person });
    expect(first).toMatchObject({ title: '商场保洁员', reason: { zh: expect.stringContaining('技能匹配') } });
    const input = {
      actor: { username: 'workflow' },
      correlationId: 'corr-1',
      caseId: 'case-direct',
      vacancyId: first.vacancyId,
      candidate: candidate(1) as never,
    };
    const proposed = await jobs.proposeReferral(input);
    expect(proposed).toMatchObject({ status: 'proposed', caseId: 'case-direct', personId: 'person-1' });
    expect((await jobs.proposeReferral(input)).referralId).toBe(proposed.referralId); // a retry is the same referral
    await expect(
      jobs.confirmStart({
        actor: { username: 'w' },
        correlationId: 'c',
        referralId: proposed.referralId,
        startedOn: '2026-11-23',
      }),
    ).rejects.toMatchObject({ type: 'Problem409', nonRetryable: true });
    const referrals = service.app.get(ReferralsService);
    await referrals.employerAccept(proposed.employerId, proposed.referralId, 'employer', 'c');
    await referrals.personAccept(proposed.referralId, 'operator', 'c');
    const started = await jobs.confirmStart({
      actor: { username: 'workflow' },
      correlationId: 'c',
      referralId: proposed.referralId,
      startedOn: '2026-11-23',
    });
    expect(started).toMatchObject({ status: 'started', startedOn: '2026-11-23' });
    const invalid = await jobs.matchVacancies({ person: { ...person, lat: 99 } }).catch((error) => error);
    expect(invalid).toBeInstanceOf(ApplicationFailure);
    expect(invalid).toMatchObject({ type: 'Problem400', nonRetryable: true });
  });

  it('serves a workflow through the real Temporal dev server on its own task queue', async () => {
    const connection = await Connection.connect({ address: temporalAddress() });
    // Same payload key as the service: its activity worker encrypts what it returns.
    const client = new Client({ connection, dataConverter: encryptedDataConverter(service.config) });
    const workflowQueue = `jobs-activities-wf-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address: temporalAddress() });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: workflowQueue,
      dataConverter: encryptedDataConverter(service.config),
      ...workflowBundleOptions(join(__dirname, 'testing/referral-round-trip.workflow.ts')),
    });
    try {
      const result = await worker.runUntil(
        client.workflow.execute('referralRoundTrip', {
          workflowId: `jobs-activities-${randomUUID()}`,
          taskQueue: workflowQueue,
          args: [
            {
              taskQueue: service.config.JOBS_TASK_QUEUE,
              caseId: 'case-wf',
              caseCommunityCode: WUHOU_COMMUNITY,
              person,
              candidate: candidate(2),
            },
          ],
        }),
      );
      expect(result).toEqual({
        matched: 1,
        firstTitle: '商场保洁员',
        referralStatus: 'proposed',
        invalidRejectedAs: 'Problem400',
      });
      // The case's area travelled with the proposal: staff of that area are the ones who see it.
      const [{ org_path }] = await service.dataSource.query(
        `SELECT org_path FROM "${service.schema}".referrals WHERE case_id = 'case-wf'`,
      );
      expect(org_path).toBe(`510100/510107/510107003/${WUHOU_COMMUNITY}`);
    } finally {
      await workerConnection.close();
      await connection.close();
    }
  }, 120_000);

  // After the workflow test: this vacancy must not change what that test matches.
  it('records the person answer and the start idempotently; other transitions fail naming the rule', async () => {
    const jobs = activities();
    const referrals = service.app.get(ReferralsService);
    const vacancy = (
      await request(service.app.getHttpServer())
        .post('/employer/vacancies')
        .set('Authorization', `Bearer ${employer}`)
        .send(vacancyBody({ title: '仓库理货员', headcount: 5 }))
        .expect(201)
    ).body;
    const taken = async () =>
      (
        await service.dataSource.query(`SELECT taken FROM "${service.schema}".vacancies WHERE id = $1`, [
          vacancy.id,
        ])
      )[0].taken as number;
    const propose = (n: number) =>
      jobs.proposeReferral({
        actor: { username: 'workflow' },
        correlationId: `corr-${n}`,
        caseId: `case-answer-${n}`,
        vacancyId: vacancy.id,
        candidate: candidate(n) as never,
      });
    const answer = (referralId: string, value: 'accepted' | 'declined', reason?: string) =>
      jobs.recordPersonAnswer({
        actor: { username: 'op.wuhou' },
        correlationId: 'corr-answer',
        referralId,
        answer: value,
        ...(reason === undefined ? {} : { reason }),
      });
    const start = (referralId: string, startedOn: string) =>
      jobs.confirmStart({ actor: { username: 'workflow' }, correlationId: 'c', referralId, startedOn });

    const a = await propose(11);
    await expect(answer(a.referralId, 'accepted')).rejects.toMatchObject({
      type: 'Problem409',
      nonRetryable: true,
      message: expect.stringContaining('cannot become person_accepted'),
    });
    await referrals.employerAccept(a.employerId, a.referralId, 'employer', 'c');
    const accepted = await answer(a.referralId, 'accepted');
    expect(accepted).toMatchObject({ referralId: a.referralId, status: 'person_accepted', respondBy: null });
    expect(await answer(a.referralId, 'accepted')).toEqual(accepted); // a retry is not an error
    await expect(answer(a.referralId, 'declined', '不想去')).rejects.toMatchObject({
      type: 'Problem409',
      nonRetryable: true,
      message: expect.stringContaining('The referral is person_accepted; it cannot become person_declined'),
    });
    const started = await start(a.referralId, '2026-11-24');
    expect(started).toMatchObject({ status: 'started', startedOn: '2026-11-24' });
    expect(await start(a.referralId, '2026-11-24')).toEqual(started);
    await expect(start(a.referralId, '2026-11-25')).rejects.toMatchObject({
      type: 'Problem409',
      nonRetryable: true,
    });
    expect(await taken()).toBe(1);

    const b = await propose(12);
    await referrals.employerAccept(b.employerId, b.referralId, 'employer', 'c');
    expect(await taken()).toBe(2);
    for (const reason of [undefined, '   ']) {
      const refused = await answer(b.referralId, 'declined', reason).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApplicationFailure);
      expect(refused).toMatchObject({ type: 'Problem400', nonRetryable: true });
      expect(JSON.stringify((refused as ApplicationFailure).details)).toContain('"field":"reason"');
    }
    const declined = await answer(b.referralId, 'declined', '路程太远');
    expect(declined).toMatchObject({ status: 'person_declined' });
    expect(await answer(b.referralId, 'declined', '路程太远')).toEqual(declined);
    expect(await taken()).toBe(1); // the place went back once, not once per call
    await expect(answer(b.referralId, 'accepted')).rejects.toMatchObject({ type: 'Problem409' });
    const [{ events }] = await service.dataSource.query(
      `SELECT count(*)::int AS events FROM "${service.schema}".outbox WHERE event->>'subject' = $1`,
      [b.referralId],
    );
    expect(events).toBe(3); // proposed, employer accepted, person declined

    await expect(answer('not-a-referral', 'accepted')).rejects.toMatchObject({ type: 'Problem400' });
    const maybe = await jobs
      .recordPersonAnswer({
        actor: { username: 'op.wuhou' },
        correlationId: 'c',
        referralId: b.referralId,
        answer: 'maybe' as never,
      })
      .catch((error: unknown) => error);
    expect(maybe).toMatchObject({ type: 'Problem400' });
    expect(JSON.stringify((maybe as ApplicationFailure).details)).toContain('"field":"answer"');
  });
  // Each proposal is one transaction; a read inside it that took a second connection from the pool deadlocked
  // the service once as many proposals as the pool has connections were in flight (each held one, waited for
  // another): the activities, its HTTP routes and its consumers all hung. More than the pool must get through.
  it('proposes for more callers at once than the service has database connections', async () => {
    const jobs = activities();
    const [vacancy] = await jobs.matchVacancies({ person });
    const callers = 3 * (service.dataSource.options as { poolSize: number }).poolSize;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 20_000)));
    const proposals = Promise.all(
      Array.from({ length: callers }, (_, n) =>
        jobs.proposeReferral({
          actor: { username: 'workflow' },
          correlationId: `crowd-${n}`,
          caseId: `case-crowd-${n}`,
          vacancyId: vacancy.vacancyId,
          candidate: candidate(1000 + n) as never,
        }),
      ),
    );
    const outcome = await Promise.race([proposals, hung]).finally(() => clearTimeout(timer));
    expect(outcome).not.toBe('hung');
    expect(new Set((outcome as Array<{ referralId: string }>).map((r) => r.referralId)).size).toBe(callers);
  }, 60_000);
});
