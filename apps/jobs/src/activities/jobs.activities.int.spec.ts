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
            { taskQueue: service.config.JOBS_TASK_QUEUE, caseId: 'case-wf', person, candidate: candidate(2) },
          ],
        }),
      );
      expect(result).toEqual({
        matched: 1,
        firstTitle: '商场保洁员',
        referralStatus: 'proposed',
        invalidRejectedAs: 'Problem400',
      });
    } finally {
      await workerConnection.close();
      await connection.close();
    }
  }, 120_000);
});
