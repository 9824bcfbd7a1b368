import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { Producer } from 'kafkajs';
import { PeopleEventTypes, Topics } from '@platform/contracts';
import { caseLocalActivities, householdLocalActivities } from '@platform/case-events';
import { createKafka, createReliableProducer } from '@platform/outbox';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { eventually, kafkaBrokers, temporalAddress } from '@platform/testing';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { YULIN_COMMUNITY } from '../cases/testing/case-fixtures';

/**
 * Household episodes against the real stack: people's household events on Kafka start and end
 * `householdAssistance` workflows (a worker on this app's queue with the platform's local activities), whose
 * board rows the API reads in the caller's area.
 */
describe('household episodes (Kafka → householdAssistance on the dev server → board)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let nativeConnection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let connection: Connection;
  let client: Client;
  let producer: Producer;
  let operator: string;
  let supervisor: string;
  let jinjiangSupervisor: string;
  const started: string[] = [];
  const http = () => request(service.app.getHttpServer());

  // A Friday in Shanghai, long past: the 20-day clock's warning and breach have both fired whatever the date.
  const FOUND_AT = '2020-03-06T02:00:00.000Z';
  const ORG_PATH = `510100/510107/510107003/${YULIN_COMMUNITY}`;
  /** The people deployment this hotline listens to; other test stacks' households on the broker are ignored. */
  const PEOPLE = `people-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    service = await startHotline({ PEOPLE_DEPLOYMENT: PEOPLE });
    const dataConverter = encryptedDataConverter(service.config);
    nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
    worker = await Worker.create({
      connection: nativeConnection,
      taskQueue: service.config.HOTLINE_WORKFLOW_TASK_QUEUE,
      dataConverter,
      ...workflowBundleOptions(),
      activities: {
        ...caseLocalActivities(service.dataSource),
        ...householdLocalActivities(service.dataSource),
      },
    });
    running = worker.run();
    connection = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection, dataConverter });
    producer = createReliableProducer(createKafka('households-spec', kafkaBrokers()));
    await producer.connect();
    const admin = await tokenFor(service, 'admin');
    for (const [username, roles] of [
      ['supervisor.jinjiang9', ['supervisor']],
      ['operator.jinjiang9', ['operator']],
    ] as const) {
      await http()
        .post('/users')
        .set('authorization', `Bearer ${admin}`)
        .send({ username, displayName: '锦江测试人员', password: DEMO_PASSWORD, roles, orgCode: '510104' })
        .expect(201);
    }
    [operator, supervisor, jinjiangSupervisor] = await Promise.all([
      tokenFor(service, 'operator.wuhou'),
      tokenFor(service, 'supervisor.wuhou'),
      tokenFor(service, 'supervisor.jinjiang9'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(
      started.map((id) =>
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

  const householdEvent = (
    householdId: string,
    type: string,
    data: Record<string, unknown>,
    id: string = randomUUID(),
  ) => ({
    id,
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'people',
    subject: householdId,
    correlationId: householdId,
    causationId: null,
    data: { householdId, orgPath: ORG_PATH, memberCount: 2, deployment: PEOPLE, ...data },
  });
  const publish = (householdId: string, ...events: object[]) =>
    producer.send({
      topic: Topics.peopleHousehold,
      messages: events.map((event) => ({ key: householdId, value: JSON.stringify(event) })),
    });
  const board = async (token = supervisor, query = '') =>
    (await http().get(`/household-episodes${query}`).set('authorization', `Bearer ${token}`).expect(200))
      .body as { items: Array<Record<string, unknown>>; total: number };
  const rowOf = async (householdId: string) =>
    (await board()).items.find((row) => row.householdId === householdId);
  /** The household's board row once it satisfies `ready`. */
  const rowWhen = async (
    what: string,
    householdId: string,
    ready: (row: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>> => {
    let found: Record<string, unknown> | undefined;
    await eventually(what, async () => {
      found = await rowOf(householdId);
      return found !== undefined && ready(found);
    });
    return found!;
  };

  it('a household entering the status starts one episode (also when the event comes twice), dated from the day it was found', async () => {
    const householdId = randomUUID();
    const members = [randomUUID(), randomUUID()];
    const entered = householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentStarted, {
      at: FOUND_AT,
      basis: 'detected',
      memberIds: members,
    });
    await publish(householdId, entered, entered);
    started.push(`household-${householdId}-1`);
    // Its first record has the clock; the warning and the breach, long past, follow at once.
    const row = await rowWhen('the episode on the board, overdue', householdId, (r) => r.breached === true);
    expect(row).toMatchObject({
      episodeId: `household-${householdId}-1`,
      episode: 1,
      status: 'open',
      basis: 'detected',
      communityCode: YULIN_COMMUNITY,
      communityName: expect.any(String),
      // Day 0 is Friday 6 March (Shanghai); 20 calendar days later is Thursday 26 March.
      dueDate: '2020-03-26',
      dueAt: '2020-03-26T16:00:00.000Z',
      warned: true,
      breached: true,
      // Whole days from the hotline's clock (the harness's 2026-06-15) back to the last counted day.
      daysLeft: -2272,
    });
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".household_episodes WHERE household_id = $1`,
      [householdId],
    );
    expect(count).toBe(1);

    const detail = (
      await http()
        .get(`/household-episodes/${String(row.episodeId)}`)
        .set('authorization', `Bearer ${operator}`)
        .expect(200)
    ).body as { card: Array<{ kind: string; sentence: { zh: string; en: string } }> };
    // Newest first: the breach after the warning after the finding, in plain words.
    expect(detail.card.map((entry) => entry.kind)).toEqual(['breached', 'warning', 'found']);
    expect(detail.card[0].sentence.zh).toContain('2020-03-26');
    expect(JSON.stringify(detail)).not.toMatch(/"(hotline|people)\.[a-z.-]+"/);
  });

  it('staff act on the episode in their area: responsible staff, contacts; bad input names the field; another district gets 404', async () => {
    const householdId = randomUUID();
    const [member] = [randomUUID()];
    await publish(
      householdId,
      householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentStarted, {
        at: FOUND_AT,
        memberIds: [member],
      }),
    );
    const episodeId = `household-${householdId}-1`;
    started.push(episodeId);
    await rowWhen('the episode recorded', householdId, (r) => Boolean(r.dueDate));

    const assigned = await http()
      .post(`/household-episodes/${episodeId}/staff`)
      .set('authorization', `Bearer ${supervisor}`)
      .send({ level: 'helper', username: 'operator.wuhou', note: '一对一帮扶' })
      .expect(200);
    expect(assigned.body.view.staff).toEqual({ helper: 'operator.wuhou' });
    expect(assigned.body.card[0].sentence.zh).toMatch(/^一对一帮扶人：/);
    expect(assigned.body.card[0].sentence.zh).not.toContain('operator.wuhou'); // the display name

    const contact = await http()
      .post(`/household-episodes/${episodeId}/contacts`)
      .set('authorization', `Bearer ${operator}`)
      .send({ kind: 'visit', personId: member, note: '上门了解就业意愿' })
      .expect(200);
    expect(contact.body.card[0]).toMatchObject({ kind: 'contact', contactKind: 'visit', personId: member });

    const empty = await http()
      .post(`/household-episodes/${episodeId}/contacts`)
      .set('authorization', `Bearer ${operator}`)
      .send({ kind: 'visit', note: '' })
      .expect(400);
    expect(JSON.stringify(empty.body)).toContain('note');
    const stranger = await http()
      .post(`/household-episodes/${episodeId}/contacts`)
      .set('authorization', `Bearer ${operator}`)
      .send({ kind: 'call', personId: randomUUID(), note: '电话' })
      .expect(400);
    expect(stranger.body.errors[0]).toMatchObject({ field: 'personId', rule: 'householdMember' });
    const outsider = await http()
      .post(`/household-episodes/${episodeId}/staff`)
      .set('authorization', `Bearer ${supervisor}`)
      .send({ level: 'street', username: 'operator.jinjiang9' })
      .expect(400);
    expect(outsider.body.errors[0]).toMatchObject({ field: 'username', rule: 'staffOfArea' });

    await http()
      .get(`/household-episodes/${episodeId}`)
      .set('authorization', `Bearer ${jinjiangSupervisor}`)
      .expect(404);
    await http()
      .post(`/household-episodes/${episodeId}/contacts`)
      .set('authorization', `Bearer ${jinjiangSupervisor}`)
      .send({ kind: 'call', note: '越权' })
      .expect(404);
    expect((await board(jinjiangSupervisor)).items.some((row) => row.householdId === householdId)).toBe(
      false,
    );
    await http()
      .get('/household-episodes/not-an-episode')
      .set('authorization', `Bearer ${operator}`)
      .expect(400);
  });

  it('leaving the status with a member in work resolves the episode; falling back within the follow-ups reopens it; KPIs count it', async () => {
    const householdId = randomUUID();
    const episodeId = `household-${householdId}-1`;
    started.push(episodeId);
    const foundAt = new Date(Date.now() - 3 * 86_400_000).toISOString(); // three days ago: in time
    await publish(
      householdId,
      householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentStarted, { at: foundAt }),
    );
    await rowWhen('the episode recorded', householdId, (r) => Boolean(r.dueDate));
    await publish(
      householdId,
      householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentEnded, {
        at: new Date().toISOString(),
        reason: 'member-employed',
      }),
    );
    const resolved = await rowWhen('the episode resolved', householdId, (r) => r.status === 'resolved');
    expect(resolved).toMatchObject({ resolution: 'member-employed', breached: false, followUpsTotal: 3 });

    await publish(
      householdId,
      householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentStarted, {
        at: new Date().toISOString(),
      }),
    );
    const reopened = await rowWhen('the same episode reopened', householdId, (r) => r.status === 'open');
    expect(reopened).toMatchObject({ episodeId, reopenCount: 1 });

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(foundAt) + 8 * 3600_000).toISOString().slice(0, 10);
    const kpis = (
      await http()
        .get(`/household-episodes/kpis?from=${from}&to=${today}&unit=510107003`)
        .set('authorization', `Bearer ${supervisor}`)
        .expect(200)
    ).body;
    expect(kpis.found).toBeGreaterThanOrEqual(1);
    expect(kpis.atZeroNow).toBeGreaterThanOrEqual(1);
    const backwards = await http()
      .get('/household-episodes/kpis?from=2020-03-31&to=2020-03-01')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'from', rule: 'notAfterTo' });
  });

  it('an episode starts with the household policy in force: a 30-day policy set by the city supervisor dates the clock', async () => {
    const cityLead = await tokenFor(service, 'supervisor.city');
    const policy = (
      await http()
        .put('/household-policy')
        .set('authorization', `Bearer ${cityLead}`)
        .send({
          oneEmployedWithinDays: 30,
          doubleEmploymentWithinMonths: 1,
          warnDaysBefore: 5,
          followUpMonths: [1, 3, 6],
          reason: '试点：帮扶期限30天',
        })
        .expect(200)
    ).body as { version: string };
    const householdId = randomUUID();
    started.push(`household-${householdId}-1`);
    await publish(
      householdId,
      householdEvent(householdId, PeopleEventTypes.householdZeroEmploymentStarted, { at: FOUND_AT }),
    );
    // Its first record has the clock; the warning and the breach, long past, follow at once.
    const row = await rowWhen('the episode on the board, overdue', householdId, (r) => r.breached === true);
    // Day 0 is Friday 6 March (Shanghai); 30 calendar days later is Sunday 5 April (20 would be 26 March).
    expect(row).toMatchObject({ dueDate: '2020-04-05', dueAt: '2020-04-05T16:00:00.000Z' });
    const detail = (
      await http()
        .get(`/household-episodes/${String(row.episodeId)}`)
        .set('authorization', `Bearer ${operator}`)
        .expect(200)
    ).body as { view: { policyVersion: string } };
    expect(detail.view.policyVersion).toBe(policy.version);
  });
});
