import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import request from 'supertest';
import {
  EventEnvelope,
  HouseholdEpisodeChanged,
  HouseholdEventTypes,
  HouseholdZeroEmployment,
  householdZeroEmploymentSchema,
  parseEvent,
  Topics,
} from '@platform/contracts';
import { FixedClock } from '@platform/nest-kit';
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
import { HouseholdEpisodesConsumer } from './household-episodes.consumer';

/**
 * Zero-employment household assistance on the people side: why the status ended, a station's certification, the
 * clock's day deciding working age, the hotline's episode summaries and the household list (real Postgres and
 * Kafka).
 */
describe('zero-employment household assistance (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  let producer: Producer;
  // "Today" for every evaluation: working age never depends on the day the spec runs.
  const START = new Date('2026-09-15T02:00:00Z');
  const clock = new FixedClock(START);
  const operator = tokenFor(['operator']);
  const jinjiang = tokenFor(['operator'], '510100/510104', 'op-jinjiang');
  const http = () => request(service.app.getHttpServer());
  const as = <T extends request.Test>(test: T, token = operator) =>
    test.set('authorization', `Bearer ${token}`);
  let sequence = 500;

  const person = async (birth = '19900101', overrides: Record<string, unknown> = {}) => {
    const idNo = idNumber(birth, sequence++);
    const response = await as(http().post('/persons'))
      .send(registration({ idNumber: idNo, phone: mobile(), ...overrides }))
      .expect(201);
    return { id: response.body.person.id as string, idNumber: idNo };
  };
  /** Registers the same person again with a new unemployment status (how a station records it). */
  const setStatus = (idNo: string, status: 'employed' | 'registered') =>
    as(http().post('/persons'))
      .send(registration({ idNumber: idNo, unemployment: { registeredOn: '2026-01-05', status } }))
      .expect(200);
  const household = async (hukouType: 'urban' | 'rural' = 'urban') =>
    (await as(http().post('/households')).send({ hukouType, communityCode: COMMUNITY_A }).expect(201)).body
      .id as string;
  const join = (householdId: string, personId: string, relation = 'other') =>
    as(http().post(`/households/${householdId}/members`))
      .send({ personId, relation })
      .expect(201);
  const householdEvents = async (
    householdId: string,
  ): Promise<Array<HouseholdZeroEmployment & { type: string }>> =>
    (
      await service.dataSource.query(
        `SELECT event FROM "${service.schema}".outbox WHERE topic = $1 AND message_key = $2
         ORDER BY created_at, id`,
        [Topics.peopleHousehold, householdId],
      )
    ).map((row: { event: unknown }) => {
      const event = parseEvent(row.event, householdZeroEmploymentSchema);
      return { type: event.type.replace('people.household.zero-employment-', ''), ...event.data };
    });

  beforeAll(async () => {
    service = await startPeople({}, clock);
    producer = createReliableProducer(createKafka(`people-household-it-${service.schema}`, kafkaBrokers()));
    await producer.connect();
    await service.app.get(HouseholdEpisodesConsumer).whenStarted();
  }, 90_000);
  afterEach(() => clock.set(START));
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  describe('why the status ended', () => {
    it('member-employed when a working-age member is now employed; the start says detected', async () => {
      const id = await household();
      const a = await person();
      const b = await person();
      await join(id, a.id, 'head');
      await join(id, b.id, 'spouse');
      await setStatus(b.idNumber, 'employed');
      const events = await householdEvents(id);
      expect(events).toEqual([
        expect.objectContaining({ type: 'started', basis: 'detected', at: START.toISOString() }),
        expect.objectContaining({ type: 'ended', reason: 'member-employed', at: START.toISOString() }),
      ]);
      // The start names whom the episode helps: both members out of work, by id only.
      expect([...(events[0].memberIds as string[])].sort()).toEqual([a.id, b.id].sort());
      expect(events[0]).not.toHaveProperty('reason');
      expect(events[1]).not.toHaveProperty('basis');
    });

    it('no-longer-qualifies when it ends for any other reason (a member left, business income)', async () => {
      const id = await household();
      const a = await person();
      const b = await person();
      await join(id, a.id, 'head');
      await join(id, b.id, 'spouse');
      await as(http().delete(`/households/${id}/members/${b.id}`)).expect(200);
      await join(id, b.id, 'spouse');
      await as(http().patch(`/households/${id}`))
        .send({ hasBusinessIncome: true })
        .expect(200);
      expect((await householdEvents(id)).map((e) => [e.type, e.basis ?? e.reason])).toEqual([
        ['started', 'detected'],
        ['ended', 'no-longer-qualifies'],
        ['started', 'detected'],
        ['ended', 'no-longer-qualifies'],
      ]);
    });
  });

  describe('certification by a station (认定)', () => {
    it('puts a household the rule does not catch in the status, basis certified; withdrawing takes it out', async () => {
      const id = await household();
      const only = await person();
      await join(id, only.id, 'head');
      const before = await as(http().get(`/households/${id}`)).expect(200);
      expect(before.body).toMatchObject({ zeroEmployment: false, certification: null, episode: null });

      clock.set(new Date('2026-09-15T03:30:00Z'));
      const certified = await as(http().post(`/households/${id}/certification`))
        .send({ note: '  入户核实，唯一劳动力失业  ' })
        .expect(201);
      expect(certified.body).toMatchObject({
        zeroEmployment: true,
        zeroEmploymentSince: '2026-09-15T03:30:00.000Z',
        zeroEmploymentBasis: 'certified',
        certification: {
          certifiedAt: '2026-09-15T03:30:00.000Z',
          certifiedBy: 'user-operator',
          note: '入户核实，唯一劳动力失业',
        },
      });
      // Certifying again changes nothing (a double click): same certification, no second event.
      clock.set(new Date('2026-09-16T03:30:00Z'));
      const again = await as(http().post(`/households/${id}/certification`))
        .send({})
        .expect(201);
      expect(again.body.certification).toEqual(certified.body.certification);
      expect(await householdEvents(id)).toEqual([
        expect.objectContaining({ type: 'started', basis: 'certified', at: '2026-09-15T03:30:00.000Z' }),
      ]);

      const withdrawn = await as(http().delete(`/households/${id}/certification`)).expect(200);
      expect(withdrawn.body).toMatchObject({
        zeroEmployment: false,
        zeroEmploymentSince: null,
        zeroEmploymentBasis: null,
        certification: null,
      });
      await as(http().delete(`/households/${id}/certification`)).expect(200);
      expect((await householdEvents(id)).map((e) => [e.type, e.basis ?? e.reason])).toEqual([
        ['started', 'certified'],
        ['ended', 'no-longer-qualifies'],
      ]);
    });

    it('keeps the status while either holds; a certified household whose member finds work ends member-employed', async () => {
      const id = await household();
      const a = await person();
      const b = await person();
      await join(id, a.id, 'head');
      await as(http().post(`/households/${id}/certification`))
        .send({})
        .expect(201);
      // A second unemployed member: the rule holds too, the status simply stays.
      await join(id, b.id, 'spouse');
      // Without the certification the rule still holds: no change.
      await as(http().delete(`/households/${id}/certification`)).expect(200);
      const detected = await as(http().get(`/households/${id}`)).expect(200);
      expect(detected.body).toMatchObject({ zeroEmployment: true, zeroEmploymentBasis: 'certified' });
      // Certified again, a member leaves: the certification keeps the household in.
      await as(http().post(`/households/${id}/certification`))
        .send({})
        .expect(201);
      await as(http().delete(`/households/${id}/members/${b.id}`)).expect(200);
      expect((await as(http().get(`/households/${id}`)).expect(200)).body.zeroEmployment).toBe(true);
      await setStatus(a.idNumber, 'employed');
      expect((await householdEvents(id)).map((e) => [e.type, e.basis ?? e.reason])).toEqual([
        ['started', 'certified'],
        ['ended', 'member-employed'],
      ]);
      // The certification stays until withdrawn: out of work again, the household is back in.
      await setStatus(a.idNumber, 'registered');
      expect((await householdEvents(id)).map((e) => [e.type, e.basis ?? e.reason])).toEqual([
        ['started', 'certified'],
        ['ended', 'member-employed'],
        ['started', 'certified'],
      ]);
    });

    it('refuses what cannot be certified (409, in Chinese and English), bad input (400) and other districts (404)', async () => {
      const rural = await household('rural');
      await join(rural, (await person()).id, 'head');
      const ruralRefused = await as(http().post(`/households/${rural}/certification`))
        .send({})
        .expect(409);
      expect(ruralRefused.body.detail).toMatch(/urban.*城镇/);

      const empty = await household();
      const emptyRefused = await as(http().post(`/households/${empty}/certification`))
        .send({})
        .expect(409);
      expect(emptyRefused.body.detail).toMatch(/working age.*劳动年龄/);
      // A minor and a retiree are not of working age either.
      await join(empty, (await person('20150101')).id, 'child');
      await join(empty, (await person('19500101')).id, 'parent');
      await as(http().post(`/households/${empty}/certification`))
        .send({})
        .expect(409);

      const working = await household();
      const employed = await person('19900101', {
        unemployment: { registeredOn: '2026-01-05', status: 'employed' },
      });
      await join(working, (await person()).id, 'head');
      await join(working, employed.id, 'spouse');
      const workingRefused = await as(http().post(`/households/${working}/certification`))
        .send({})
        .expect(409);
      expect(workingRefused.body.detail).toMatch(/employed.*已就业/);
      for (const refused of [rural, empty, working]) {
        expect((await as(http().get(`/households/${refused}`)).expect(200)).body.certification).toBeNull();
      }

      const id = await household();
      await join(id, (await person()).id, 'head');
      const blank = await as(http().post(`/households/${id}/certification`))
        .send({ note: '   ' })
        .expect(400);
      expect(blank.body.errors[0]).toMatchObject({ field: 'note', rule: 'minLength' });
      const long = await as(http().post(`/households/${id}/certification`))
        .send({ note: '核'.repeat(501) })
        .expect(400);
      expect(long.body.errors[0]).toMatchObject({ field: 'note', rule: 'maxLength' });
      const notText = await as(http().post(`/households/${id}/certification`))
        .send({ note: 5 })
        .expect(400);
      expect(notText.body.errors[0]).toMatchObject({ field: 'note' });
      await as(http().post('/households/not-a-uuid/certification')).send({}).expect(400);
      await as(http().post(`/households/${randomUUID()}/certification`))
        .send({})
        .expect(404);
      await as(http().delete(`/households/${randomUUID()}/certification`)).expect(404);

      await as(http().post(`/households/${id}/certification`), jinjiang)
        .send({})
        .expect(404);
      await as(http().post(`/households/${id}/certification`))
        .send({})
        .expect(201);
      await as(http().delete(`/households/${id}/certification`), jinjiang).expect(404);
      const still = await as(http().get(`/households/${id}`)).expect(200);
      expect(still.body).toMatchObject({ zeroEmployment: true, zeroEmploymentBasis: 'certified' });
    });
  });

  it("decides working age on the clock's day: a member turning 16 makes it a zero-employment household", async () => {
    const id = await household();
    await join(id, (await person()).id, 'head');
    const youth = await person('20100920'); // 15 on the clock's day, 16 on 20 September
    await join(id, youth.id, 'child');
    expect((await as(http().get(`/households/${id}`)).expect(200)).body.zeroEmployment).toBe(false);

    clock.set(new Date('2026-09-19T15:59:59Z')); // 23:59:59 on the 19th in Shanghai
    await as(http().patch(`/households/${id}`))
      .send({ lowIncome: true })
      .expect(200);
    expect((await as(http().get(`/households/${id}`)).expect(200)).body.zeroEmployment).toBe(false);

    clock.set(new Date('2026-09-19T16:00:00Z')); // 00:00 on the 20th in Shanghai: the birthday
    const sixteen = await as(http().patch(`/households/${id}`))
      .send({ lowIncome: false })
      .expect(200);
    expect(sixteen.body).toMatchObject({
      zeroEmployment: true,
      zeroEmploymentSince: '2026-09-19T16:00:00.000Z',
      zeroEmploymentBasis: 'detected',
    });
    expect(await householdEvents(id)).toEqual([
      expect.objectContaining({ type: 'started', basis: 'detected', at: '2026-09-19T16:00:00.000Z' }),
    ]);
  });

  describe("the hotline's assistance episodes", () => {
    const summary = (
      householdId: string,
      overrides: Partial<HouseholdEpisodeChanged> = {},
    ): HouseholdEpisodeChanged => ({
      episodeId: `household-${householdId}-1`,
      householdId,
      episode: 1,
      seq: 1,
      status: 'open',
      districtCode: '510107',
      streetCode: '510107001',
      communityCode: COMMUNITY_A,
      foundAt: '2026-09-15T02:00:00.000Z',
      dueDate: '2026-10-05',
      dueAt: '2026-10-05T16:00:00.000Z',
      breached: false,
      resolution: null,
      resolvedAt: null,
      ...overrides,
    });
    /** Publishes a summary as the hotline's relay does (key: the household). */
    const publish = async (data: Record<string, unknown>, householdId: string) => {
      const envelope: EventEnvelope = {
        id: randomUUID(),
        type: HouseholdEventTypes.changed,
        version: 1,
        occurredAt: new Date().toISOString(),
        source: 'hotline',
        subject: String(data.episodeId),
        correlationId: String(data.episodeId),
        causationId: null,
        data,
      };
      await producer.send({
        topic: Topics.hotlineHouseholdEpisode,
        acks: -1,
        messages: [{ key: householdId, value: JSON.stringify(envelope) }],
      });
      await eventually(
        'the summary was consumed',
        async () =>
          (
            await service.dataSource.query(`SELECT 1 FROM "${service.schema}".inbox WHERE event_id = $1`, [
              envelope.id,
            ])
          ).length > 0,
      );
    };

    it('shows the latest summary of the latest episode; an older seq does not overwrite a newer one', async () => {
      const id = await household();
      const a = await person();
      const b = await person();
      await join(id, a.id, 'head');
      await join(id, b.id, 'spouse');

      await publish({ ...summary(id, { seq: 3, breached: true }) }, id);
      const first = await as(http().get(`/households/${id}`)).expect(200);
      expect(first.body.episode).toEqual({
        episodeId: `household-${id}-1`,
        episode: 1,
        status: 'open',
        foundAt: '2026-09-15T02:00:00.000Z',
        dueDate: '2026-10-05',
        dueAt: '2026-10-05T16:00:00.000Z',
        breached: true,
        resolution: null,
        resolvedAt: null,
      });
      // A late, older summary (seq 2) changes nothing.
      await publish({ ...summary(id, { seq: 2, breached: false }) }, id);
      expect((await as(http().get(`/households/${id}`)).expect(200)).body.episode.breached).toBe(true);
      // A payload that does not match the contract is skipped, not stored.
      await publish({ ...summary(id, { seq: 9 }), status: 'lost' }, id);
      expect((await as(http().get(`/households/${id}`)).expect(200)).body.episode.breached).toBe(true);

      await publish(
        summary(id, {
          seq: 4,
          status: 'resolved',
          breached: true,
          resolution: 'member-employed',
          resolvedAt: '2026-10-07T01:00:00.000Z',
        }),
        id,
      );
      expect((await as(http().get(`/households/${id}`)).expect(200)).body.episode).toMatchObject({
        status: 'resolved',
        resolution: 'member-employed',
        resolvedAt: '2026-10-07T01:00:00.000Z',
      });
      // The household's second episode is the one shown, whatever the first one's seq.
      await publish(
        summary(id, {
          episodeId: `household-${id}-2`,
          episode: 2,
          seq: 1,
          foundAt: '2026-11-02T02:00:00.000Z',
          dueDate: '2026-11-22',
          dueAt: '2026-11-22T16:00:00.000Z',
        }),
        id,
      );
      const second = await as(http().get(`/households/${id}`)).expect(200);
      expect(second.body.episode).toMatchObject({
        episodeId: `household-${id}-2`,
        episode: 2,
        status: 'open',
      });

      // The list shows it too, in the caller's area only.
      const listed = await as(http().get('/households'))
        .query({ zeroEmployment: 'true', limit: 100 })
        .expect(200);
      expect(listed.body.items.find((item: { id: string }) => item.id === id)).toMatchObject({
        episode: { episodeId: `household-${id}-2`, episode: 2 },
      });
    });
  });

  describe('the household list', () => {
    it('lists the households of the area, in the status first and newest first, with no member details', async () => {
      const out = await household();
      await join(out, (await person()).id, 'head');
      clock.set(new Date('2026-09-15T04:00:00Z'));
      const older = await household();
      await join(older, (await person()).id, 'head');
      await join(older, (await person()).id, 'spouse');
      clock.set(new Date('2026-09-15T05:00:00Z'));
      const newer = await household();
      await join(newer, (await person()).id, 'head');
      await as(http().post(`/households/${newer}/certification`))
        .send({})
        .expect(201);

      const inStatus = await as(http().get('/households'))
        .query({ zeroEmployment: 'true', limit: 100 })
        .expect(200);
      const ids = inStatus.body.items.map((item: { id: string }) => item.id);
      expect(ids).toEqual(expect.arrayContaining([older, newer]));
      expect(ids).not.toContain(out);
      expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
      expect(inStatus.body).toMatchObject({ total: expect.any(Number), limit: 100, offset: 0 });
      expect(inStatus.body.items.find((item: { id: string }) => item.id === newer)).toEqual({
        id: newer,
        orgPath: `510100/510107/510107001/${COMMUNITY_A}`,
        communityCode: COMMUNITY_A,
        hukouType: 'urban',
        memberCount: 1,
        zeroEmployment: true,
        zeroEmploymentSince: '2026-09-15T05:00:00.000Z',
        zeroEmploymentBasis: 'certified',
        certified: true,
        episode: null,
      });
      const outOfStatus = await as(http().get('/households'))
        .query({ zeroEmployment: 'false', limit: 100 })
        .expect(200);
      expect(outOfStatus.body.items.map((item: { id: string }) => item.id)).toContain(out);
      expect(JSON.stringify(outOfStatus.body)).not.toMatch(/张三|name/);
      const page = await as(http().get('/households')).query({ limit: 1, offset: 1 }).expect(200);
      expect(page.body.items).toHaveLength(1);

      // Another district sees none of them.
      const theirs = await as(http().get('/households'), jinjiang).query({ limit: 100 }).expect(200);
      const theirIds = theirs.body.items.map((item: { id: string }) => item.id);
      for (const mine of [out, older, newer]) expect(theirIds).not.toContain(mine);

      const bad = await as(http().get('/households')).query({ zeroEmployment: 'yes' }).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'zeroEmployment', rule: 'isIn' });
      await as(http().get('/households')).query({ limit: 0 }).expect(400);
      await as(http().get('/households')).query({ limit: 101 }).expect(400);
      await http().get('/households').expect(401);
    });
  });
});
