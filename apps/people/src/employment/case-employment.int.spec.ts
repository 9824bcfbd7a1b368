import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import request from 'supertest';
import {
  CaseEventTypes,
  CaseSnapshot,
  EventEnvelope,
  householdZeroEmploymentSchema,
  parseEvent,
  PeopleEventTypes,
  ReferralEventTypes,
  Topics,
} from '@platform/contracts';
import { createKafka, createReliableProducer } from '@platform/outbox';
import { TestServiceApp } from '@platform/service-testing';
import { eventually, kafkaBrokers } from '@platform/testing';
import { PeopleConfig } from '../config';
import {
  COMMUNITY_A,
  idNumber,
  mobile,
  registration,
  startPeople,
  tokenFor,
} from '../testing/people-test-app';
import { CaseEmploymentConsumer } from './case-employment.consumer';
import { JobEndConsumer } from './job-end.consumer';

/** hotline.case.v1 → people: a placement marks the person employed, a reopened case undoes it (real Kafka). */
describe('a placement marks the person employed (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  let producer: Producer;
  const operator = tokenFor(['operator'], '510100/510107', 'staff-31');
  const http = () => request(service.app.getHttpServer());
  let sequence = 800;

  const register = async (overrides: Record<string, unknown> = {}) => {
    const response = await http()
      .post('/persons')
      .set('authorization', `Bearer ${operator}`)
      .send(registration({ idNumber: idNumber('19850505', sequence++), phone: mobile(), ...overrides }))
      .expect(201);
    return response.body.person.id as string;
  };
  const statusOf = async (personId: string) => {
    const [row] = await service.dataSource.query(
      `SELECT unemployment_status, employed_by_case FROM "${service.schema}".persons WHERE id = $1`,
      [personId],
    );
    return row as { unemployment_status: string; employed_by_case: string | null };
  };
  const consumed = async (eventId: string) =>
    (await service.dataSource.query(`SELECT 1 FROM "${service.schema}".inbox WHERE event_id = $1`, [eventId]))
      .length > 0;
  const snapshot = (caseId: string, personId: string | null, seq: number, state: string): CaseSnapshot => ({
    caseId,
    cycle: 1,
    seq,
    state,
    owner: 'operator.wuhou',
    personId,
    districtCode: '510107',
    streetCode: '510107001',
    communityCode: COMMUNITY_A,
    openedAt: new Date().toISOString(),
    slaStartedAt: null,
    deadline: null,
    dueDate: null,
    provisional: false,
    breached: false,
    promiseWaived: false,
    placedAt: state === 'placed' ? new Date().toISOString() : null,
    latePlacement: false,
    escalationKind: null,
    callbackDueAt: null,
    callbackDoneAt: null,
    satisfaction: null,
    nextFollowUpAt: null,
    reason: null,
  });
  /** Publishes a case event as the hotline's relay does (key: the case id). */
  const publish = async (type: string, snap: CaseSnapshot, id = randomUUID()) => {
    const envelope: EventEnvelope = {
      id,
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'hotline',
      subject: snap.caseId,
      correlationId: snap.caseId,
      causationId: null,
      data: { snapshot: snap, actor: 'operator.wuhou', detail: null },
    };
    await producer.send({
      topic: Topics.hotlineCase,
      acks: -1,
      messages: [{ key: snap.caseId, value: JSON.stringify(envelope) }],
    });
    return id;
  };
  const personEvents = async (personId: string) =>
    (
      await service.dataSource.query(
        `SELECT event->>'type' AS type, event->'data'->>'unemploymentStatus' AS status
         FROM "${service.schema}".outbox WHERE topic = $1 AND message_key = $2 ORDER BY created_at`,
        [Topics.peoplePerson, personId],
      )
    ).filter((e: { type: string }) => e.type === PeopleEventTypes.personUpdated);

  beforeAll(async () => {
    service = await startPeople();
    producer = createReliableProducer(createKafka(`people-employment-it-${service.schema}`, kafkaBrokers()));
    await producer.connect();
    await service.app.get(CaseEmploymentConsumer).whenStarted();
    await service.app.get(JobEndConsumer).whenStarted();
  }, 90_000);
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  it('placed → employed, once on redelivery; the household leaves zero employment; reopened → unemployed again', async () => {
    // An urban household of two working-age members, both registered unemployed: zero employment.
    const first = await register();
    const second = await register();
    const as = <T extends request.Test>(test: T) => test.set('authorization', `Bearer ${operator}`);
    const household = await as(http().post('/households'))
      .send({ hukouType: 'urban', communityCode: COMMUNITY_A })
      .expect(201);
    for (const [personId, relation] of [
      [first, 'head'],
      [second, 'spouse'],
    ]) {
      await as(http().post(`/households/${household.body.id}/members`))
        .send({ personId, relation })
        .expect(201);
    }
    const householdId = household.body.id as string;
    const zeroEmployment = async () =>
      (
        await service.dataSource.query(
          `SELECT zero_employment FROM "${service.schema}".households WHERE id = $1`,
          [householdId],
        )
      )[0].zero_employment as boolean;
    expect(await zeroEmployment()).toBe(true);
    /** The household's status changes, with their basis or reason. */
    const householdEvents = async () =>
      (
        await service.dataSource.query(
          `SELECT event FROM "${service.schema}".outbox WHERE topic = $1 AND message_key = $2
           ORDER BY created_at, id`,
          [Topics.peopleHousehold, householdId],
        )
      ).map((row: { event: unknown }) => {
        const event = parseEvent(row.event, householdZeroEmploymentSchema);
        return [event.type, event.data.basis ?? event.data.reason];
      });

    const caseId = randomUUID();
    const placed = await publish(CaseEventTypes.placed, snapshot(caseId, first, 7, 'placed'));
    await eventually('the placement was consumed', () => consumed(placed));
    expect(await statusOf(first)).toEqual({ unemployment_status: 'employed', employed_by_case: caseId });
    expect(await zeroEmployment()).toBe(false);
    // The household is re-evaluated in the same transaction: it left the status because a member is employed.
    expect(await householdEvents()).toEqual([
      [PeopleEventTypes.householdZeroEmploymentStarted, 'detected'],
      [PeopleEventTypes.householdZeroEmploymentEnded, 'member-employed'],
    ]);
    const person = await http()
      .get(`/persons/${first}`)
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(person.body.unemployment.status).toBe('employed');

    // The same event delivered again (same id) is skipped by the inbox: no second update event.
    await publish(CaseEventTypes.placed, snapshot(caseId, first, 7, 'placed'), placed);
    // An event this consumer does not act on is passed over: no transaction, no inbox row.
    const passedOver = await publish(CaseEventTypes.callbackScheduled, snapshot(caseId, first, 8, 'placed'));
    // The next event of the same case (same partition, so after both): a reopen of a person unknown here.
    const marker = await publish(CaseEventTypes.reopened, snapshot(caseId, randomUUID(), 9, 'matching'));
    await eventually('the next event of the case was consumed', () => consumed(marker));
    const inboxRows = async (eventId: string) =>
      (
        await service.dataSource.query(
          `SELECT count(*)::int AS n FROM "${service.schema}".inbox WHERE event_id = $1`,
          [eventId],
        )
      )[0].n;
    expect(await inboxRows(placed)).toBe(1);
    expect(await inboxRows(passedOver)).toBe(0);
    expect(await personEvents(first)).toEqual([{ type: PeopleEventTypes.personUpdated, status: 'employed' }]);

    // A follow-up found them out of work: the case reopens and they are registered unemployed again.
    const reopened = await publish(CaseEventTypes.reopened, snapshot(caseId, first, 10, 'matching'));
    await eventually('the reopening was consumed', () => consumed(reopened));
    expect(await statusOf(first)).toEqual({ unemployment_status: 'registered', employed_by_case: null });
    expect(await zeroEmployment()).toBe(true);
    expect(await householdEvents()).toEqual([
      [PeopleEventTypes.householdZeroEmploymentStarted, 'detected'],
      [PeopleEventTypes.householdZeroEmploymentEnded, 'member-employed'],
      [PeopleEventTypes.householdZeroEmploymentStarted, 'detected'],
    ]);
    expect((await personEvents(first)).map((e: { status: string }) => e.status)).toEqual([
      'employed',
      'registered',
    ]);
  });

  it('a job that ends (jobs.referral.ended) makes the person unemployed again, only for the case that placed them', async () => {
    const person = await register();
    const caseId = randomUUID();
    const placed = await publish(CaseEventTypes.placed, snapshot(caseId, person, 3, 'placed'));
    await eventually('the placement was consumed', () => consumed(placed));
    expect(await statusOf(person)).toEqual({ unemployment_status: 'employed', employed_by_case: caseId });

    const referralEnded = async (ofCase: string, personId = person) => {
      const referralId = randomUUID();
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: ReferralEventTypes.ended,
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'jobs',
        subject: referralId,
        correlationId: ofCase,
        causationId: null,
        data: {
          referralId,
          vacancyId: randomUUID(),
          employerId: randomUUID(),
          caseId: ofCase,
          personId,
          status: 'ended',
          previousStatus: 'started',
          reason: 'contract_ended',
          actor: 'employer.demo',
          occurredOn: '2026-03-01',
        },
      };
      await producer.send({
        topic: Topics.jobsReferral,
        acks: -1,
        messages: [{ key: referralId, value: JSON.stringify(envelope) }],
      });
      return envelope.id;
    };
    // Ids that were never ours (another system's referral; a shared broker's test data) are passed over, and
    // the events behind them still apply.
    const foreign = await referralEnded('case-1', 'person-1');
    await eventually('the foreign job end was passed over', () => consumed(foreign));
    // A job of another case ending does not undo this placement.
    const other = await referralEnded(randomUUID());
    await eventually('the other job end was consumed', () => consumed(other));
    expect((await statusOf(person)).unemployment_status).toBe('employed');

    const ended = await referralEnded(caseId);
    await eventually('the job end was consumed', () => consumed(ended));
    expect(await statusOf(person)).toEqual({ unemployment_status: 'registered', employed_by_case: null });
    expect((await personEvents(person)).map((e: { status: string }) => e.status)).toEqual([
      'employed',
      'registered',
    ]);
  });

  it('leaves alone what a placement did not set: a deregistered person, another case reopening, no person', async () => {
    const deregistered = await register({
      unemployment: { registeredOn: '2026-01-05', status: 'deregistered' },
    });
    const placedAway = await publish(
      CaseEventTypes.placed,
      snapshot(randomUUID(), deregistered, 3, 'placed'),
    );
    await eventually('consumed', () => consumed(placedAway));
    expect((await statusOf(deregistered)).unemployment_status).toBe('deregistered');

    const person = await register();
    const placingCase = randomUUID();
    const placed = await publish(CaseEventTypes.placed, snapshot(placingCase, person, 5, 'placed'));
    await eventually('consumed', () => consumed(placed));
    const otherReopened = await publish(
      CaseEventTypes.reopened,
      snapshot(randomUUID(), person, 6, 'matching'),
    );
    await eventually('consumed', () => consumed(otherReopened));
    expect(await statusOf(person)).toEqual({
      unemployment_status: 'employed',
      employed_by_case: placingCase,
    });

    const noPerson = await publish(CaseEventTypes.placed, snapshot(randomUUID(), null, 2, 'placed'));
    await eventually('consumed', () => consumed(noPerson));
  });
});
