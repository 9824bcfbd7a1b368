import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { EmployerEventTypes, EventEnvelope, parseEvent, Topics } from '@platform/contracts';
import { createKafka, createReliableProducer } from '@platform/outbox';
import { TestServiceApp } from '@platform/service-testing';
import { eventually, kafkaBrokers } from '@platform/testing';
import { createJobsActivities } from '../activities/jobs.activities';
import { JobsConfig } from '../config';
import { MatchingService } from '../matching/matching.service';
import { ReferralsService, staffView } from '../referrals/referrals.service';
import { candidate, employerToken, startJobs, vacancyBody } from '../testing/jobs-test-app';
import { EmployerNamesConsumer } from './employer-names.consumer';

/** employers.employer.v1 → jobs' `employer_names` → referral summaries that name the employer (real Kafka). */
describe('employer names (real Postgres, Kafka and the jobs activities)', () => {
  let service: TestServiceApp<JobsConfig>;
  let producer: Producer;

  /** An employer event in the envelope the employers service's relay publishes (key: the employer id). */
  const employerEvent = (type: string, employerId: string, name: string, version?: number): EventEnvelope =>
    parseEvent({
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'employers',
      subject: employerId,
      correlationId: `employer-names-it-${employerId}`,
      causationId: null,
      data: {
        employerId,
        name,
        districtCode: '510107',
        ...(type === EmployerEventTypes.registered
          ? { registeredBy: 'sup.test' }
          : { updatedBy: 'sup.test' }),
        ...(version === undefined ? {} : { version }),
      },
    });
  const publish = async (event: EventEnvelope) => {
    await producer.send({
      topic: Topics.employersEmployer,
      acks: -1,
      messages: [{ key: event.subject, value: JSON.stringify(event) }],
    });
    return event;
  };
  const inboxRows = async (eventId: string) =>
    (
      await service.dataSource.query(
        `SELECT count(*)::int AS n FROM "${service.schema}".inbox WHERE event_id = $1`,
        [eventId],
      )
    )[0].n as number;
  const projected = async (employerId: string) =>
    (
      await service.dataSource.query(
        `SELECT name, version, updated_at FROM "${service.schema}".employer_names WHERE employer_id = $1`,
        [employerId],
      )
    )[0] as { name: string; version: number; updated_at: Date } | undefined;

  beforeAll(async () => {
    service = await startJobs();
    producer = createReliableProducer(
      createKafka(`jobs-employer-names-it-${service.schema}`, kafkaBrokers()),
    );
    await producer.connect();
    await service.app.get(EmployerNamesConsumer).whenStarted();
  }, 90_000);
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  it('projects the name, keeps the newest version, and changes nothing on redelivery or a late older event', async () => {
    const employerId = randomUUID();
    // A registration published before events carried a version counts as version 1.
    const registered = await publish(
      employerEvent(EmployerEventTypes.registered, employerId, '成都锦城保洁有限公司'),
    );
    await eventually('the registration was projected', async () => (await inboxRows(registered.id)) === 1);
    expect(await projected(employerId)).toMatchObject({ name: '成都锦城保洁有限公司', version: 1 });

    const renamed = await publish(
      employerEvent(EmployerEventTypes.updated, employerId, '成都锦城物业服务有限公司', 2),
    );
    await eventually('the correction was projected', async () => (await inboxRows(renamed.id)) === 1);
    const afterRename = await projected(employerId);
    expect(afterRename).toMatchObject({ name: '成都锦城物业服务有限公司', version: 2 });

    // The same event again, then an older one arriving late (same key: consumed in this order).
    await publish(renamed);
    const late = await publish(
      employerEvent(EmployerEventTypes.registered, employerId, '成都锦城保洁有限公司', 1),
    );
    await eventually('the late event was consumed', async () => (await inboxRows(late.id)) === 1);
    expect(await inboxRows(renamed.id)).toBe(1);
    expect(await projected(employerId)).toEqual(afterRename); // not even updated_at moved
  }, 60_000);

  it("answers the vacancy's title and the employer's name in referral summaries (null while not heard)", async () => {
    const known = randomUUID();
    const unknown = randomUUID();
    const event = await publish(
      employerEvent(EmployerEventTypes.registered, known, '成都玉林便民超市有限公司', 1),
    );
    await eventually('the name was projected', async () => (await inboxRows(event.id)) === 1);
    const vacancyOf = async (employerId: string, title: string) =>
      (
        await request(service.app.getHttpServer())
          .post('/employer/vacancies')
          .set('Authorization', `Bearer ${employerToken(employerId)}`)
          .send(vacancyBody({ title, skills: ['理货'] }))
          .expect(201)
      ).body.id as string;
    const jobs = createJobsActivities({
      matching: service.app.get(MatchingService),
      referrals: service.app.get(ReferralsService),
    });
    const propose = (vacancyId: string, n: number) =>
      jobs.proposeReferral({
        actor: { username: 'workflow' },
        correlationId: `corr-names-${n}`,
        caseId: `case-names-${n}`,
        vacancyId,
        candidate: candidate(n) as never,
      });

    const named = await propose(await vacancyOf(known, '超市理货员'), 41);
    expect(named).toMatchObject({
      status: 'proposed',
      vacancyTitle: '超市理货员',
      employerName: '成都玉林便民超市有限公司',
    });
    const unnamed = await propose(await vacancyOf(unknown, '夜班理货员'), 42);
    expect(unnamed).toMatchObject({ vacancyTitle: '夜班理货员', employerName: null });

    // The staff view and the match carry the name too.
    const referrals = service.app.get(ReferralsService);
    expect(staffView(await referrals.get({ all: true }, named.referralId)).employerName).toBe(
      '成都玉林便民超市有限公司',
    );
    const matches = await jobs.matchVacancies({
      person: { skills: ['理货'], lat: 30.64, lng: 104.04, categories: [] },
    });
    expect(matches.find((m) => m.vacancyId === named.vacancyId)?.employerName).toBe(
      '成都玉林便民超市有限公司',
    );
    expect(matches.find((m) => m.vacancyId === unnamed.vacancyId)?.employerName).toBeNull();
  }, 60_000);
});
