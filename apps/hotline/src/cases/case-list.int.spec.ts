import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CaseEventTypes, type CaseSnapshot } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { eventually } from '@platform/testing';
import { CaseBoardProjector } from '../board/case-board-projector';
import { CalendarService } from '../calendar/calendar.service';
import { createHotlineActivities } from '../case-activities/hotline.activities';
import { snapshotOf } from '../case-activities/testing/case-snapshot';
import { CasePolicyService } from '../case-policy/case-policy.service';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, TEST_TODAY, tokenFor } from '../identity/testing/hotline-test-app';
import { insertStartedCase } from './testing/case-fixtures';

const YULIN = { districtCode: '510107', streetCode: '510107003', communityCode: '510107003001' };
const JIANGXIJIE = { districtCode: '510107', streetCode: '510107001', communityCode: '510107001001' };
const JINJIANG = { districtCode: '510104', streetCode: '510104003', communityCode: '510104003001' };
const HOUR = 3_600_000;
/** As the service writes an instant: Shanghai offset, milliseconds only when there are any. */
const shanghai = (date: Date) =>
  new Date(date.getTime() + 8 * HOUR).toISOString().replace(/(\.000)?Z$/, '+08:00');

/**
 * GET /cases and GET /cases/agenda read the case board's read model: the cases here are fed as case events
 * (their snapshots), the way the workflows publish them, through the outbox, Kafka and the projector.
 */
describe('case lists and the callback/follow-up agenda (real Postgres, Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let publish: (snapshot: CaseSnapshot) => Promise<void>;
  let tokens: Record<'wuhou' | 'jinjiang' | 'operator' | 'otherOperator' | 'employer', string>;
  const http = () => request(service.app.getHttpServer());
  const projected = async (snapshot: CaseSnapshot) => {
    const [row] = await service.dataSource.query(
      `SELECT last_seq FROM "${service.schema}".case_board WHERE case_id = $1 AND cycle = $2`,
      [snapshot.caseId, snapshot.cycle],
    );
    return row?.last_seq === snapshot.seq;
  };
  const publishAll = async (snapshots: CaseSnapshot[]) => {
    for (const snapshot of snapshots) await publish(snapshot);
    await eventually('the cases were projected', async () =>
      (await Promise.all(snapshots.map(projected))).every(Boolean),
    );
  };

  beforeAll(async () => {
    service = await startHotline();
    const activities = createHotlineActivities({
      calendar: service.app.get(CalendarService),
      policies: service.app.get(CasePolicyService),
      dataSource: service.app.get(DataSource),
    });
    publish = async (snapshot) => {
      await insertStartedCase(service.dataSource, service.schema, {
        caseId: snapshot.caseId,
        orgPath: `510100/${snapshot.districtCode}/${snapshot.streetCode}/${snapshot.communityCode}`,
        districtCode: snapshot.districtCode,
        streetCode: snapshot.streetCode,
        communityCode: snapshot.communityCode,
      });
      await activities.publishCaseEvent({ type: CaseEventTypes.registered, actor: 'system', snapshot });
    };
    const admin = await tokenFor(service, 'admin');
    for (const [username, roles, orgCode] of [
      ['supervisor.jinjiang', ['supervisor'], '510104'],
      ['operator.yulin4', ['operator'], '510107003'],
    ] as const) {
      await http()
        .post('/users')
        .set('authorization', `Bearer ${admin}`)
        .send({ username, displayName: '测试账号', password: DEMO_PASSWORD, roles, orgCode })
        .expect(201);
    }
    await service.app.get(CaseBoardProjector).whenStarted();
    tokens = {
      wuhou: await tokenFor(service, 'supervisor.wuhou'),
      jinjiang: await tokenFor(service, 'supervisor.jinjiang'),
      operator: await tokenFor(service, 'operator.wuhou'),
      otherOperator: await tokenFor(service, 'operator.yulin4'),
      employer: await tokenFor(service, 'employer.demo'),
    };
  }, 90_000);

  afterAll(async () => {
    await service?.close();
  });

  describe('GET /cases', () => {
    // The service's clock: breaches and the agenda's default day are judged by it.
    const now = TEST_TODAY;
    const daysAgo = (days: number) => shanghai(new Date(now.getTime() - days * 24 * HOUR));
    /** Open cases whose promise still runs (the snapshots' default deadline is long past). */
    const running = { deadline: daysAgo(-3) };
    const personId = randomUUID();
    const c = {
      oldest: randomUUID(),
      breached: randomUUID(),
      theirs: randomUUID(),
      withdrawn: randomUUID(),
      reopened: randomUUID(),
      jiangxijie: randomUUID(),
      jinjiang: randomUUID(),
    };

    beforeAll(async () => {
      await publishAll([
        snapshotOf(c.oldest, {
          ...YULIN,
          personId,
          state: 'placed',
          openedAt: daysAgo(9),
          placedAt: daysAgo(8),
        }),
        snapshotOf(c.breached, { ...YULIN, openedAt: daysAgo(6), deadline: daysAgo(3), dueDate: null }),
        snapshotOf(c.theirs, { ...YULIN, ...running, owner: 'operator.yulin4', openedAt: daysAgo(5) }),
        snapshotOf(c.withdrawn, { ...YULIN, personId, state: 'withdrawn', openedAt: daysAgo(4) }),
        // Reopened: only the latest cycle is listed.
        snapshotOf(c.reopened, { ...YULIN, seq: 4, state: 'following-up', openedAt: daysAgo(3) }),
        snapshotOf(c.reopened, {
          ...YULIN,
          ...running,
          seq: 5,
          cycle: 2,
          state: 'registered',
          openedAt: daysAgo(3),
        }),
        snapshotOf(c.jiangxijie, { ...JIANGXIJIE, ...running, openedAt: daysAgo(2) }),
        snapshotOf(c.jinjiang, { ...JINJIANG, openedAt: daysAgo(1) }),
      ]);
    });

    const list = async (token: string, query: Record<string, string | number> = {}) =>
      (await http().get('/cases').query(query).set('authorization', `Bearer ${token}`).expect(200)).body as {
        items: Array<Record<string, unknown>>;
        total: number;
      };
    const ids = async (token: string, query: Record<string, string | number> = {}) =>
      (await list(token, query)).items.map((item) => item.caseId);

    it('lists the latest cycle of each case in the caller’s subtree, breached first, then newest first, with the clock', async () => {
      const { items, total } = await list(tokens.wuhou);
      expect(items.map((item) => item.caseId)).toEqual([
        c.breached,
        c.jiangxijie,
        c.reopened,
        c.withdrawn,
        c.theirs,
        c.oldest,
      ]);
      expect(total).toBe(6);
      expect(items[2]).toMatchObject({ caseId: c.reopened, cycle: 2, state: 'registered' });
      expect(items.find((item) => item.caseId === c.breached)).toEqual({
        caseId: c.breached,
        cycle: 1,
        state: 'matching',
        owner: 'operator.wuhou',
        personId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ...YULIN,
        openedAt: daysAgo(6),
        deadline: daysAgo(3),
        dueDate: null,
        breached: true,
        atRisk: false,
        promise: 'late',
        remaining: { ms: expect.any(Number), workingDays: expect.any(Number) },
        placedAt: null,
        escalationKind: null,
        callbackDueAt: null,
        callbackDoneAt: null,
        nextFollowUpAt: null,
        // Fed as events only: no intake, so no caller's card; the community by name.
        caller: null,
        communityName: { zh: '玉林北路社区', en: 'Yulin North Road Community' },
      });
      // As in GET /cases/{id}: no remaining time once placed or ended.
      expect(items.find((item) => item.caseId === c.oldest)).toMatchObject({
        placedAt: daysAgo(8),
        promise: 'kept',
        remaining: null,
      });
      expect(items.find((item) => item.caseId === c.withdrawn)).toMatchObject({ remaining: null });
    });

    it('filters by person, open and mine, and pages', async () => {
      expect(await ids(tokens.wuhou, { personId })).toEqual([c.withdrawn, c.oldest]);
      expect(await ids(tokens.wuhou, { personId, open: 'true' })).toEqual([c.oldest]);
      expect(await ids(tokens.wuhou, { open: 'false' })).toEqual([c.withdrawn]);
      expect(await ids(tokens.otherOperator, { mine: 'true' })).toEqual([c.theirs]);
      expect(await ids(tokens.operator, { mine: 'true', open: 'true' })).toEqual([
        c.breached,
        c.reopened,
        c.oldest,
      ]);
      const page = await list(tokens.wuhou, { limit: 2, offset: 1 });
      expect(page.items.map((item) => item.caseId)).toEqual([c.jiangxijie, c.reopened]);
      expect(page.total).toBe(6);
    });

    it('keeps each caller to their subtree: another district’s supervisor sees none of Wuhou’s cases', async () => {
      expect(await ids(tokens.jinjiang)).toEqual([c.jinjiang]);
      expect(await ids(tokens.jinjiang, { personId })).toEqual([]);
      // The Yulin operator sees Yulin only, not Jiangxijie.
      expect(await ids(tokens.operator)).not.toContain(c.jiangxijie);
      await http().get('/cases').set('authorization', `Bearer ${tokens.employer}`).expect(403);
      await http().get('/cases').expect(401);
    });

    it('answers 400 naming the field for a bad filter', async () => {
      const response = await http()
        .get('/cases')
        .query({ personId: 'someone', open: 'yes', mine: 1, limit: 0 })
        .set('authorization', `Bearer ${tokens.wuhou}`)
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'limit',
        'mine',
        'open',
        'personId',
      ]);
    });
  });

  describe('GET /cases/agenda', () => {
    const day = '2025-03-12';
    const at = (date: string) => `${date}T00:00:00+08:00`;
    const c = {
      callbackOverdue: randomUUID(),
      callbackToday: randomUUID(),
      callbackTomorrow: randomUUID(),
      callbackDone: randomUUID(),
      callbackEnded: randomUUID(),
      callbackTheirs: randomUUID(),
      followUpOverdue: randomUUID(),
      followUpToday: randomUUID(),
      jinjiang: randomUUID(),
    };

    beforeAll(async () => {
      const placed = { ...YULIN, state: 'callback', placedAt: at('2025-03-07') };
      const following = { ...YULIN, state: 'following-up', placedAt: at('2025-01-07') };
      await publishAll([
        snapshotOf(c.callbackOverdue, { ...placed, callbackDueAt: at('2025-03-11') }),
        snapshotOf(c.callbackToday, { ...placed, callbackDueAt: at(day) }),
        snapshotOf(c.callbackTomorrow, { ...placed, callbackDueAt: at('2025-03-13') }),
        snapshotOf(c.callbackDone, {
          ...placed,
          callbackDueAt: at('2025-03-10'),
          callbackDoneAt: at('2025-03-10'),
          satisfaction: 4,
        }),
        snapshotOf(c.callbackEnded, { ...placed, state: 'unreachable', callbackDueAt: at('2025-03-10') }),
        snapshotOf(c.callbackTheirs, { ...placed, owner: 'operator.yulin4', callbackDueAt: at(day) }),
        snapshotOf(c.followUpOverdue, { ...following, nextFollowUpAt: at('2025-03-05') }),
        snapshotOf(c.followUpToday, { ...following, nextFollowUpAt: at(day) }),
        snapshotOf(c.jinjiang, { ...placed, ...JINJIANG, callbackDueAt: at(day) }),
      ]);
    });

    const agenda = async (token: string, query: Record<string, string> = { day }) =>
      (await http().get('/cases/agenda').query(query).set('authorization', `Bearer ${token}`).expect(200))
        .body as {
        day: string;
        callbacks: Array<{ caseId: string; overdue: boolean }>;
        followUps: Array<{ caseId: string; overdue: boolean }>;
      };

    it('lists the callbacks and follow-ups due by the day and not done, earliest first, overdue flagged', async () => {
      const body = await agenda(tokens.wuhou);
      expect(body.day).toBe(day);
      expect(body.callbacks).toEqual([
        {
          caseId: c.callbackOverdue,
          dueAt: at('2025-03-11'),
          owner: 'operator.wuhou',
          state: 'callback',
          overdue: true,
          promise: 'kept',
          breached: false,
          caller: null,
          communityName: { zh: '玉林北路社区', en: 'Yulin North Road Community' },
        },
        // Same due instant: by case id.
        ...[c.callbackToday, c.callbackTheirs].sort().map((caseId) => ({
          caseId,
          dueAt: at(day),
          owner: caseId === c.callbackTheirs ? 'operator.yulin4' : 'operator.wuhou',
          state: 'callback',
          overdue: false,
          promise: 'kept',
          breached: false,
          caller: null,
          communityName: { zh: '玉林北路社区', en: 'Yulin North Road Community' },
        })),
      ]);
      expect(body.followUps).toEqual([
        expect.objectContaining({ caseId: c.followUpOverdue, state: 'following-up', overdue: true }),
        expect.objectContaining({ caseId: c.followUpToday, dueAt: at(day), overdue: false }),
      ]);
      // A later day's agenda includes the next day's callback; what was due today is overdue then.
      const next = await agenda(tokens.wuhou, { day: '2025-03-13' });
      expect(next.callbacks.map((item) => [item.caseId, item.overdue])).toContainEqual([
        c.callbackTomorrow,
        false,
      ]);
      expect(next.callbacks.find((item) => item.caseId === c.callbackToday)?.overdue).toBe(true);
    });

    it('gives an operator the cases they own, a supervisor their subtree', async () => {
      const mine = await agenda(tokens.operator);
      expect(mine.callbacks.map((item) => item.caseId)).toEqual([c.callbackOverdue, c.callbackToday]);
      const theirs = await agenda(tokens.otherOperator);
      expect(theirs.callbacks.map((item) => item.caseId)).toEqual([c.callbackTheirs]);
      expect(theirs.followUps).toEqual([]);
      const jinjiang = await agenda(tokens.jinjiang);
      expect(jinjiang.callbacks.map((item) => item.caseId)).toEqual([c.jinjiang]);
      expect(jinjiang.followUps).toEqual([]);
    });

    it('defaults to today in Shanghai and answers 400 naming the field for a bad day', async () => {
      const today = new Date(TEST_TODAY.getTime() + 8 * HOUR).toISOString().slice(0, 10);
      expect((await agenda(tokens.wuhou, {})).day).toBe(today);
      for (const [bad, rule] of [
        ['2025-02-30', 'isRealDate'],
        ['12.03.2025', 'matches'],
      ]) {
        const response = await http()
          .get('/cases/agenda')
          .query({ day: bad })
          .set('authorization', `Bearer ${tokens.wuhou}`)
          .expect(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ field: 'day', rule })]);
        expect(response.body.errors[0].message.zh).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  });
});
