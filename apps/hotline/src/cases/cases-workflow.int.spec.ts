import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ApplicationFailure, Client, Connection } from '@temporalio/client';
import { Producer } from 'kafkajs';
import { formatDay, parseDay, shanghaiDateOf } from '@platform/calendar';
import {
  HelpRequestView,
  ReferralEventTypes,
  ORG_UNIT_CENTROIDS,
  TimelineEntry,
  Topics,
  type EscalationReservation,
  type RegisterForCaseInput,
  type RegisterForCaseResult,
  type ReservationActionInput,
  type ReservationSummary,
  type ReserveForEscalationInput,
} from '@platform/contracts';
import { createKafka, createReliableProducer } from '@platform/outbox';
import { TestServiceApp } from '@platform/service-testing';
import { caseLocalActivities } from '@platform/case-events';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { eventually, kafkaBrokers, temporalAddress } from '@platform/testing';
import { CalendarService } from '../calendar/calendar.service';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { idempotencyKey, intakeBody, JINJIANG_COMMUNITY, YULIN_COMMUNITY } from './testing/case-fixtures';

/**
 * The case API against the real `helpRequest` workflow: a Worker on this app's workflow queue runs the
 * workflows of workflows/src, the app itself runs the hotline activities. No people service polls this
 * app's people queue, so every case stays in `intake` (registration pending) — enough for the API's
 * queries, updates, rejections and signals.
 */
describe('case API with the real helpRequest workflow (Temporal dev server, Postgres, Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let connection: Connection;
  let client: Client;
  let producer: Producer;
  let owner: string;
  let colleague: string;
  let supervisor: string;
  let jinjiangOperator: string;
  const opened: string[] = [];
  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    service = await startHotline({
      // Queues nobody polls: the workflow waits there instead of reaching shared services.
      PEOPLE_TASK_QUEUE: `people-unpolled-${suffix}`,
      JOBS_TASK_QUEUE: `jobs-unpolled-${suffix}`,
      EMPLOYERS_TASK_QUEUE: `employers-unpolled-${suffix}`,
    });
    const dataConverter = encryptedDataConverter(service.config);
    nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: service.config.HOTLINE_WORKFLOW_TASK_QUEUE,
      dataConverter,
      ...workflowBundleOptions(),
      // The case events, as the platform's worker writes them (local activity).
      activities: caseLocalActivities(service.dataSource),
    });
    running = worker.run();
    connection = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection, dataConverter });
    producer = createReliableProducer(createKafka('cases-spec', kafkaBrokers()));
    await producer.connect();
    const admin = await tokenFor(service, 'admin');
    await http()
      .post('/users')
      .set('authorization', `Bearer ${admin}`)
      .send({
        username: 'operator.yulin3',
        displayName: '测试接线员',
        password: DEMO_PASSWORD,
        roles: ['operator'],
        orgCode: '510107003',
      })
      .expect(201);
    await http()
      .post('/users')
      .set('authorization', `Bearer ${admin}`)
      .send({
        username: 'operator.chunxi3',
        displayName: '锦江测试接线员',
        password: DEMO_PASSWORD,
        roles: ['operator'],
        orgCode: '510104003',
      })
      .expect(201);
    [owner, colleague, supervisor, jinjiangOperator] = await Promise.all([
      tokenFor(service, 'operator.wuhou'),
      tokenFor(service, 'operator.yulin3'),
      tokenFor(service, 'supervisor.wuhou'),
      tokenFor(service, 'operator.chunxi3'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(
      opened.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
    await producer?.disconnect();
    worker?.shutdown();
    await running;
    await connection?.close();
    await nativeConnection?.close();
    await service?.close();
  });

  const openCase = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const response = await http()
      .post('/cases')
      .set('authorization', `Bearer ${owner}`)
      .set('idempotency-key', idempotencyKey())
      .send(intakeBody(overrides))
      .expect(201);
    opened.push(response.body.caseId);
    return response.body.caseId;
  };
  const detail = async (caseId: string, token = owner) =>
    (await http().get(`/cases/${caseId}`).set('authorization', `Bearer ${token}`).expect(200)).body as {
      state: string;
      view: HelpRequestView;
      timeline: TimelineEntry[];
      remaining: { ms: number; workingDays: number } | null;
      communityCode: string;
      caller: { name: string; phoneMasked: string } | null;
    };
  /** Waits until the workflow has computed its SLA (the first hotline activity). */
  const withSla = async (caseId: string) => {
    await eventually('the case SLA', async () => (await detail(caseId)).view?.sla !== null);
    return detail(caseId);
  };
  const post = (caseId: string, path: string, token: string, body: object) =>
    http().post(`/cases/${caseId}/${path}`).set('authorization', `Bearer ${token}`).send(body);

  it('GET /cases/:id shows the workflow view, its timeline and the working time left', async () => {
    const caseId = await openCase();
    const before = Date.now();
    const found = await withSla(caseId);
    expect(found).toMatchObject({
      state: 'intake',
      communityCode: '510107003001',
      view: { caseId, state: 'intake', owner: 'operator.wuhou', personId: null, referrals: [] },
    });
    expect(found.timeline.length).toBeGreaterThan(0);
    expect(found.remaining).not.toBeNull();
    expect(found.remaining!.ms).toBeGreaterThan(0);
    // The start day is not counted: at most the rest of today plus the 2 promised working days.
    expect(found.remaining!.workingDays).toBeLessThanOrEqual(3);
    // Working time left never exceeds the wall-clock time left.
    expect(found.remaining!.ms).toBeLessThanOrEqual(Date.parse(found.view.sla!.deadline) - before);
    // The operator sees who called (name, masked phone), never the ID number or the whole phone number.
    expect(found.caller).toMatchObject({
      name: '测试求助人',
      phoneMasked: expect.stringMatching(/^1\d\d\*{4}\d{4}$/),
    });
    expect(JSON.stringify(found)).not.toMatch(/(?<![\d.])\d{17}[\dX](?!\d)|(?<![\d.])1[3-9]\d{9}(?!\d)/);
  });

  it('shows no working time left for a caller who picks and chooses: no promise runs', async () => {
    const caseId = await openCase({ acceptsAnyJob: false });
    const found = await withSla(caseId);
    expect(found.view.promise).toBe('not-applicable');
    expect(found.remaining).toBeNull();
  });

  it('keeps the search attributes current, with org codes and usernames only', async () => {
    const caseId = await openCase();
    const found = await withSla(caseId);
    const described = await client.workflow.getHandle(caseId).describe();
    expect(described.searchAttributes).toMatchObject({
      CaseStatus: ['intake'],
      SlaBreached: [false],
      DistrictCode: ['510107'],
      StreetCode: ['510107003'],
      CommunityCode: ['510107003001'],
      CaseOwner: ['operator.wuhou'],
    });
    expect((described.searchAttributes.SlaDeadline as Date[])[0].getTime()).toBe(
      Date.parse(found.view.sla!.deadline),
    );
    // Ours only: Temporal's own BuildIds carry a hex hash of the worker's bundle, whose digit runs may look
    // like a phone number.
    const { BuildIds: _temporalsOwn, ...ours } = described.searchAttributes;
    expect(JSON.stringify(ours)).not.toMatch(/测试求助人|\d{17}[\dX]|1[3-9]\d{9}/);
    expect(JSON.stringify(described.memo ?? {})).toBe('{}');
    // Started on the current revision: its patches are built in, so no patch was recorded.
    expect(described.searchAttributes.TemporalChangeVersion).toBeUndefined();
  });

  it('records a contact as the owner and answers the new view', async () => {
    const caseId = await openCase();
    const response = await post(caseId, 'contacts', owner, {
      channel: 'phone',
      reached: true,
      note: '已电话联系，约定明日面试',
    }).expect(201);
    expect(response.body).toMatchObject({ caseId, state: 'intake', owner: 'operator.wuhou' });
    const { timeline } = await detail(caseId);
    expect(timeline).toContainEqual(expect.objectContaining({ kind: 'contact', actor: 'operator.wuhou' }));
  });

  it('only the owner or a supervisor may act; a supervisor hands off and the new owner takes over', async () => {
    const caseId = await openCase();
    const refused = await post(caseId, 'contacts', colleague, {
      channel: 'phone',
      reached: false,
      note: '未接通',
    }).expect(403);
    expect(refused.body.detail).toMatch(/负责人/);
    const handedOff = await post(caseId, 'handoff', supervisor, {
      toOwner: 'operator.yulin3',
      reason: '原负责人休假',
    }).expect(201);
    expect(handedOff.body.owner).toBe('operator.yulin3');
    await post(caseId, 'contacts', owner, { channel: 'sms', reached: false, note: '未回复' }).expect(403);
    await post(caseId, 'contacts', colleague, { channel: 'sms', reached: false, note: '未回复' }).expect(201);
    // Handing off to the current owner is a conflict the workflow rejects.
    const again = await post(caseId, 'handoff', supervisor, { toOwner: 'operator.yulin3', reason: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already owns/);
  });

  it('maps workflow rejections: a referral before registration is a 409, an ended case a 409', async () => {
    const caseId = await openCase();
    const early = await post(caseId, 'referrals', owner, { vacancyId: randomUUID() });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/^案件当前状态不允许此操作 \/ cannot propose a referral while intake/);
    expect(early.body.errors[0]).toMatchObject({ rule: 'CaseConflict' });

    const closed = await post(caseId, 'close', owner, {
      ending: 'withdrawn',
      reason: '求助人已自行找到工作',
    });
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ state: 'withdrawn', reason: '求助人已自行找到工作' });
    const afterwards = await post(caseId, 'contacts', owner, {
      channel: 'phone',
      reached: true,
      note: '回访',
    });
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.detail).toMatch(/^案件已结束 \/ case is withdrawn/);
    expect((await detail(caseId)).remaining).toBeNull();
  });

  it('actions on a case that does not exist are a 404', async () => {
    await post(randomUUID(), 'contacts', owner, { channel: 'phone', reached: true, note: '联系' }).expect(
      404,
    );
  });

  it('jobs.referral.v1 events reach the case workflow as referralChanged, once per event', async () => {
    const caseId = await openCase();
    await withSla(caseId);
    const referralId = randomUUID();
    const event = referralEvent(caseId, referralId);
    const otherCase = { ...event, id: randomUUID(), data: { ...event.data, caseId: randomUUID() } };
    await producer.send({
      topic: Topics.jobsReferral,
      messages: [event, event, otherCase].map((e) => ({ key: referralId, value: JSON.stringify(e) })),
    });
    await eventually('the referral adopted by the case', async () =>
      (await detail(caseId)).view.referrals.some((r) => r.referralId === referralId),
    );
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".inbox WHERE event_id = $1`,
      [event.id],
    );
    expect(count).toBe(1);
  });

  it('an event for a finished case workflow is skipped, and the events after it still arrive', async () => {
    const [finished, live] = [await openCase(), await openCase()];
    await withSla(live);
    await client.workflow.getHandle(finished).terminate('finished for the test');
    const referralId = randomUUID();
    const events = [finished, live].map((caseId) => referralEvent(caseId, referralId));
    // One key: one partition, so the second is consumed only after the first was handled.
    await producer.send({
      topic: Topics.jobsReferral,
      messages: events.map((e) => ({ key: referralId, value: JSON.stringify(e) })),
    });
    await eventually('the referral adopted by the live case', async () =>
      (await detail(live)).view.referrals.some((r) => r.referralId === referralId),
    );
  });

  it('a calendar correction is signalled to every open case (calendarChanged); a save that changes no day is not', async () => {
    const caseId = await openCase();
    await withSla(caseId);
    const citySupervisor = await tokenFor(service, 'supervisor.city');
    const year = 2026; // a loaded year: any change to it is announced, whatever today is
    const current = (
      await http().get(`/calendar/years/${year}`).set('authorization', `Bearer ${citySupervisor}`).expect(200)
    ).body as { source: string; overrides: Array<{ date: string; kind: string; name?: string }> };
    const save = (overrides: typeof current.overrides) =>
      http()
        .put(`/calendar/years/${year}`)
        .set('authorization', `Bearer ${citySupervisor}`)
        .send({ source: current.source, reason: '测试：更正', overrides })
        .expect(200);
    const signals = async () => {
      const { events } = await client.workflow.getHandle(caseId).fetchHistory();
      return (events ?? []).filter(
        (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged',
      ).length;
    };
    // 2026-12-29 and 12-30 are a Tuesday and a Wednesday with no arrangement.
    const holiday = (date: string) => ({ date, kind: 'holiday', name: '测试假日' });
    const corrected = [...current.overrides, holiday('2026-12-29')];
    await save(corrected);
    // The workflow applies it once registration is done (its clock loop owns the timers); here registration
    // is pending, so the signal itself is what the consumer is answerable for.
    await eventually('calendarChanged signalled to the case', async () => (await signals()) === 1);

    // The same year again, and a rename that moves no day: no case is re-timed for either.
    expect((await save(corrected)).body.changed).toBe(false);
    expect((await save(corrected.map((o) => ({ ...o, name: `${o.name ?? ''}*` })))).body.changed).toBe(true);
    // A real change behind them on the same partition: once it arrived, the two before were handled.
    await save([...corrected, holiday('2026-12-30')]);
    await eventually('the second correction signalled', async () => (await signals()) >= 2);
    expect(await signals()).toBe(2);
  });

  it('GET /cases/:id/match-profile is a 409 while the person is not registered', async () => {
    const caseId = await openCase();
    await withSla(caseId);
    const response = await http()
      .get(`/cases/${caseId}/match-profile`)
      .set('authorization', `Bearer ${owner}`)
      .expect(409);
    expect(response.body.detail).toMatch(/^The person is not registered yet.* \/ 求助人尚未完成登记/);
    await http()
      .get(`/cases/${randomUUID()}/match-profile`)
      .set('authorization', `Bearer ${owner}`)
      .expect(404);
  });

  /**
   * Last: once workers poll this app's people and employers queues, every waiting case of this file moves on.
   * Registration answers at once; an escalation finds no capacity (the clock then runs on to its deadline).
   */
  describe('with the person registered', () => {
    let fakeServices: Worker[];
    let fakesRunning: Promise<unknown>;
    const escalatable = new Set<string>();
    const confirmed: string[] = [];
    const personIdFor = (name: string) => {
      const personId = randomUUID();
      if (name === '有空位') escalatable.add(personId);
      return personId;
    };
    beforeAll(async () => {
      const activities = {
        registerForCase: async (input: RegisterForCaseInput): Promise<RegisterForCaseResult> => ({
          person: {
            personId: personIdFor(input.person.name),
            name: input.person.name,
            idNumberMasked: '5101**********1234',
            phoneMasked: '139****5678',
            orgPath: '510100/510107/510107003/510107003001',
            communityCode: input.person.communityCode,
            categories: ['older-urban-unemployed'],
          },
          categories: ['older-urban-unemployed'],
          serviceRecordId: randomUUID(),
        }),
        // Room only for callers named 有空位 (one escalation test); everyone else finds none.
        reserveForEscalation: async (input: ReserveForEscalationInput): Promise<EscalationReservation> => {
          if (!escalatable.has(input.personId)) {
            throw ApplicationFailure.nonRetryable('no capacity in this test', 'NoCapacity');
          }
          return {
            reservationId: `reservation-${input.caseId}`,
            kind: 'assistance_base',
            status: 'held',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            targetId: 'base-1',
          };
        },
        confirmReservation: async (input: ReservationActionInput): Promise<ReservationSummary> => {
          confirmed.push(input.reservationId);
          return {
            reservationId: input.reservationId,
            kind: 'assistance_base',
            status: 'confirmed',
            expiresAt: new Date().toISOString(),
          };
        },
      };
      fakeServices = await Promise.all(
        [service.config.PEOPLE_TASK_QUEUE, service.config.EMPLOYERS_TASK_QUEUE].map((taskQueue) =>
          Worker.create({
            connection: nativeConnection,
            taskQueue,
            dataConverter: encryptedDataConverter(service.config),
            activities,
          }),
        ),
      );
      fakesRunning = Promise.all(fakeServices.map((fake) => fake.run()));
    });
    afterAll(async () => {
      for (const fake of fakeServices ?? []) fake.shutdown();
      await fakesRunning;
    });

    it('a call received 3 working days ago fires its past milestones at once, in order, and shows as breached', async () => {
      const calendar = await service.app.get(CalendarService).current();
      let day = parseDay(shanghaiDateOf(new Date()));
      for (let workingDays = 0; workingDays < 3;) if (calendar.isWorkingDay(formatDay(--day))) workingDays++;
      const receivedAt = `${formatDay(day)}T10:00:00+08:00`;
      const response = await http()
        .post('/cases')
        .set('authorization', `Bearer ${owner}`)
        .set('idempotency-key', idempotencyKey())
        .send(intakeBody({ receivedAt }))
        .expect(201);
      const { caseId } = response.body;
      opened.push(caseId);
      expect(Date.parse(response.body.deadline)).toBeLessThan(Date.now());

      await eventually(
        'the workflow fired its deadline',
        async () => (await detail(caseId)).view?.sla?.breached === true,
      );
      // The workflow's own breach event reached the board (not only the board's "deadline passed" rule).
      await eventually('the breach projected on the board', async () => {
        const [row] = await service.dataSource.query(
          `SELECT breached FROM "${service.schema}".case_board WHERE case_id = $1`,
          [caseId],
        );
        return row?.breached === true;
      });
      const board = await http()
        .get('/board')
        .query({ view: 'breached', limit: 100 })
        .set('authorization', `Bearer ${supervisor}`)
        .expect(200);
      expect(board.body.items).toContainEqual(expect.objectContaining({ caseId, breached: true }));
      const { view, timeline } = await detail(caseId);
      expect(Date.parse(view.sla!.startedAt)).toBe(Date.parse(receivedAt));
      const clock = timeline.filter((e) =>
        ['sla-warning', 'escalation-failed', 'sla-breach'].includes(e.kind),
      );
      // Every milestone once, in the order of their due instants, the deadline last.
      expect(clock.map((e) => e.kind).sort()).toEqual([
        'escalation-failed',
        'sla-breach',
        'sla-warning',
        'sla-warning',
      ]);
      expect(clock[3].kind).toBe('sla-breach');
      const due = clock.map((e) => Date.parse(e.dueAt!));
      expect(due).toEqual([...due].sort((a, b) => a - b));
      expect(due[3]).toBe(Date.parse(view.sla!.deadline));
    });

    it('an escalated case is placed when the person starts at the reserved base (POST /cases/:id/escalation/start)', async () => {
      const calendar = await service.app.get(CalendarService).current();
      let day = parseDay(shanghaiDateOf(new Date()));
      for (let workingDays = 0; workingDays < 3;) if (calendar.isWorkingDay(formatDay(--day))) workingDays++;
      const created = await http()
        .post('/cases')
        .set('authorization', `Bearer ${owner}`)
        .set('idempotency-key', idempotencyKey())
        .send(intakeBody({ receivedAt: `${formatDay(day)}T10:00:00+08:00` }, { name: '有空位' }))
        .expect(201);
      const { caseId } = created.body;
      opened.push(caseId);
      await eventually('the case escalated', async () => (await detail(caseId)).view?.escalation != null);

      const bad = await http()
        .post(`/cases/${caseId}/escalation/start`)
        .set('authorization', `Bearer ${owner}`)
        .send({ startedOn: '2025-02-30' })
        .expect(400);
      expect(bad.body.errors).toContainEqual(
        expect.objectContaining({ field: 'startedOn', rule: 'isRealDate' }),
      );

      const today = shanghaiDateOf(new Date());
      await http()
        .post(`/cases/${caseId}/escalation/start`)
        .set('authorization', `Bearer ${owner}`)
        .send({ startedOn: today })
        .expect(201);
      expect(confirmed).toContain(`reservation-${caseId}`);
      const { state, view } = await detail(caseId);
      expect(state).toBe('placed');
      expect(view.sla!.placedAt).toEqual(expect.any(String));
      // The case has its categories; its events on Kafka do not carry them next to the person id.
      expect(view.categories).toEqual(['older-urban-unemployed']);
      const snapshots: Array<{ snapshot: Record<string, unknown> }> = (
        await service.dataSource.query(
          `SELECT event->'data' AS data FROM "${service.schema}".outbox WHERE event->>'subject' = $1`,
          [caseId],
        )
      ).map((row: { data: { snapshot: Record<string, unknown> } }) => row.data);
      expect(snapshots.length).toBeGreaterThan(0);
      expect(snapshots.filter((data) => 'categories' in data.snapshot)).toEqual([]);
      // Only once: a second start is a conflict, not a second placement.
      await http()
        .post(`/cases/${caseId}/escalation/start`)
        .set('authorization', `Bearer ${owner}`)
        .send({ startedOn: today })
        .expect(409);
    });

    it('GET /cases/:id/match-profile answers the matching person without identifiers once registered', async () => {
      const profileOf = async (body: ReturnType<typeof intakeBody>) => {
        const created = await http()
          .post('/cases')
          .set('authorization', `Bearer ${owner}`)
          .set('idempotency-key', idempotencyKey())
          .send(body)
          .expect(201);
        opened.push(created.body.caseId);
        await eventually(
          'the person registered',
          async () => (await detail(created.body.caseId)).view?.personId !== null,
        );
        return http()
          .get(`/cases/${created.body.caseId}/match-profile`)
          .set('authorization', `Bearer ${supervisor}`);
      };
      const body = intakeBody({
        constraints: { hours: ['full_time', 'shift'], maxDistanceKm: 150, needsDisabledSuitable: true },
      });
      const profile = await profileOf(body);
      expect(profile.status).toBe(200);
      expect(profile.body).toEqual({
        skills: ['保洁', '理货'],
        lat: 30.64,
        lng: 104.05,
        maxDistanceKm: 100,
        acceptedHours: ['full_time', 'shift'],
        needsDisabledSuitable: true,
        categories: ['older-urban-unemployed'],
        acceptsAnyJob: true,
      });
      expect(profile.text).not.toContain(body.person.idNumber);
      expect(profile.text).not.toContain(body.person.name);

      // No point at intake: the centroid of the caller's community, never a 409.
      const fromCommunity = await profileOf(intakeBody({ location: undefined }));
      expect(fromCommunity.status).toBe(200);
      expect(fromCommunity.body).toMatchObject(ORG_UNIT_CENTROIDS[YULIN_COMMUNITY]);
    });

    it('matches from the community an operator sets on the case (audited, address encrypted and masked)', async () => {
      const created = await http()
        .post('/cases')
        .set('authorization', `Bearer ${owner}`)
        .set('idempotency-key', idempotencyKey())
        .send(intakeBody({ location: undefined }))
        .expect(201);
      const { caseId } = created.body;
      opened.push(caseId);
      await eventually('the person registered', async () => (await detail(caseId)).view?.personId !== null);
      const profile = async () =>
        (
          await http()
            .get(`/cases/${caseId}/match-profile`)
            .set('authorization', `Bearer ${owner}`)
            .expect(200)
        ).body;
      const location = (token = owner) =>
        http().get(`/cases/${caseId}/location`).set('authorization', `Bearer ${token}`);
      const setLocation = (body: object, token = owner) =>
        http().put(`/cases/${caseId}/location`).set('authorization', `Bearer ${token}`).send(body);

      expect(await profile()).toMatchObject({ lat: 30.6338, lng: 104.0598 });
      expect((await location().expect(200)).body).toEqual({
        source: 'community',
        communityCode: YULIN_COMMUNITY,
        community: { zh: '玉林北路社区', en: 'Yulin North Road Community' },
        street: { zh: '玉林街道', en: 'Yulin Subdistrict' },
        district: { zh: '武侯区', en: 'Wuhou District' },
        addressMasked: null,
        setBy: null,
        setByName: null,
        setAt: null,
      });

      const address = '春熙路步行街8号2栋301';
      const set = await setLocation({ communityCode: JINJIANG_COMMUNITY, address }).expect(200);
      expect(set.body).toMatchObject({
        source: 'operator',
        communityCode: JINJIANG_COMMUNITY,
        community: { zh: '和平街社区' },
        district: { zh: '锦江区' },
        addressMasked: '春熙路步行街****',
        setBy: 'operator.wuhou',
        setByName: '玉林街道就业专员（演示）',
      });
      expect(set.text).not.toContain(address);
      expect(set.text).not.toMatch(/lat|lng/);
      expect(await profile()).toMatchObject({ lat: 30.6572, lng: 104.0823 });
      const [stored] = await service.dataSource.query(
        `SELECT address_encrypted, changed_by FROM "${service.schema}".case_location_changes WHERE case_id = $1`,
        [caseId],
      );
      expect(stored.changed_by).toBe('operator.wuhou');
      expect(stored.address_encrypted).not.toContain('春熙路');

      // A correction is a new row; the latest is in force.
      await setLocation({ communityCode: '510107003002' }, supervisor).expect(200);
      expect(await profile()).toMatchObject({ lat: 30.6309, lng: 104.0652 });
      expect((await location(supervisor).expect(200)).body).toMatchObject({
        community: { zh: '玉林东路社区' },
        addressMasked: null,
        setBy: 'supervisor.wuhou',
        setByName: '武侯区督导（演示）',
      });

      // Another district's operator cannot tell the case exists.
      await location(jinjiangOperator).expect(404);
      await setLocation({ communityCode: YULIN_COMMUNITY }, jinjiangOperator).expect(404);
      // Only the owner or a supervisor changes it.
      await setLocation({ communityCode: YULIN_COMMUNITY }, colleague).expect(403);

      const unknown = await setLocation({ communityCode: '510107003999' }).expect(400);
      expect(unknown.body.errors).toEqual([
        {
          field: 'communityCode',
          rule: 'exists',
          message: {
            zh: 'communityCode：不是组织树中的社区代码',
            en: 'communityCode: is not the code of a community in the org tree',
          },
        },
      ]);
      const street = await setLocation({ communityCode: '510107003' }).expect(400);
      expect(street.body.errors).toEqual([expect.objectContaining({ field: 'communityCode' })]);
      const blank = await setLocation({ communityCode: YULIN_COMMUNITY, address: '   ' }).expect(400);
      expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'address' })]);
      expect(
        (
          await service.dataSource.query(
            `SELECT count(*)::int AS n FROM "${service.schema}".case_location_changes WHERE case_id = $1`,
            [caseId],
          )
        )[0].n,
      ).toBe(2);
    });
  });
});

function referralEvent(caseId: string, referralId: string) {
  return {
    id: randomUUID(),
    type: ReferralEventTypes.proposed,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'jobs',
    subject: referralId,
    correlationId: caseId,
    causationId: null,
    data: {
      referralId,
      vacancyId: randomUUID(),
      employerId: randomUUID(),
      caseId,
      personId: randomUUID(),
      status: 'proposed',
      previousStatus: null,
      reason: null,
      actor: 'jobs.staff',
      occurredOn: null,
    },
  };
}
