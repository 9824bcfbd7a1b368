import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { areaScope } from '../org-tree/area-scope';
import { CasesRepository } from './cases.repository';
import { idempotencyKey, intakeBody } from './testing/case-fixtures';

/**
 * Malformed input on every hotline route answers a bilingual 4xx (never a 500, never a record), and every case
 * route finds the case only inside the caller's area, on real Postgres, Kafka and the Temporal dev server. No
 * worker polls this app's workflow queue: workflows are started (and terminated afterwards), never run.
 */
describe('hotline routes: malformed input and the area in the query (real Postgres, Kafka, Temporal)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let temporal: Connection;
  let client: Client;
  const tokens: Record<
    'operator' | 'supervisor' | 'citySupervisor' | 'admin' | 'jinjiang' | 'jinjiangSupervisor',
    string
  > = {} as never;
  let caseId: string;
  const http = () => request(service.app.getHttpServer());
  const caseRows = async () =>
    (await service.dataSource.query(`SELECT count(*)::int AS n FROM "${service.schema}".cases`))[0]
      .n as number;

  beforeAll(async () => {
    service = await startHotline();
    temporal = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection: temporal, dataConverter: encryptedDataConverter(service.config) });
    tokens.admin = await tokenFor(service, 'admin');
    for (const [username, roles, orgCode] of [
      ['operator.jinjiang', ['operator'], '510104003'],
      ['supervisor.jinjiang', ['supervisor'], '510104'],
    ] as const) {
      await http()
        .post('/users')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({ username, displayName: '测试账号', password: DEMO_PASSWORD, roles, orgCode })
        .expect(201);
    }
    [tokens.operator, tokens.supervisor, tokens.citySupervisor, tokens.jinjiang, tokens.jinjiangSupervisor] =
      await Promise.all(
        [
          'operator.wuhou',
          'supervisor.wuhou',
          'supervisor.city',
          'operator.jinjiang',
          'supervisor.jinjiang',
        ].map((username) => tokenFor(service, username)),
      );
    caseId = (
      await http()
        .post('/cases')
        .set('authorization', `Bearer ${tokens.operator}`)
        .set('idempotency-key', idempotencyKey())
        .send(intakeBody())
        .expect(201)
    ).body.caseId;
  });
  afterAll(async () => {
    if (caseId)
      await client.workflow
        .getHandle(caseId)
        .terminate('test finished')
        .catch(() => undefined);
    await temporal?.close();
    await service?.close();
  });

  const expectBilingual400 = (response: request.Response, field: string) => {
    expect({
      status: response.status,
      fields: response.body.errors?.map((e: { field: string }) => e.field),
    }).toEqual({ status: 400, fields: expect.arrayContaining([field]) });
    for (const error of response.body.errors) {
      expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message.en).toMatch(/[a-z]/);
    }
  };

  describe('text is checked after trimming', () => {
    it.each([
      ['a name of spaces', intakeBody({}, { name: '   ' }), 'person.name'],
      ['a name of a full-width space and a tab', intakeBody({}, { name: '\u3000\t' }), 'person.name'],
      ['a hukou place of spaces', intakeBody({}, { hukouPlace: '  ' }), 'person.hukouPlace'],
      ['a residence address of spaces', intakeBody({}, { residenceAddress: ' ' }), 'person.residenceAddress'],
      ['wants of spaces', intakeBody({ wants: '   ' }), 'wants'],
      ['a skill of spaces', intakeBody({ skills: ['保洁', '  '] }), 'skills'],
    ])('POST /cases with %s is a 400 naming the field, and no case', async (_what, body, field) => {
      const before = await caseRows();
      const response = await http()
        .post('/cases')
        .set('authorization', `Bearer ${tokens.operator}`)
        .set('idempotency-key', idempotencyKey())
        .send(body);
      expectBilingual400(response, field);
      expect(await caseRows()).toBe(before);
    });

    it.each([
      ['contacts', { channel: 'phone', reached: true, note: '   ' }, 'note'],
      ['callback', { reached: false, note: ' ' }, 'note'],
      ['follow-ups', { reached: false, stillEmployed: true, note: '  ' }, 'note'],
      ['handoff', { toOwner: 'operator.wuhou', reason: '   ' }, 'reason'],
      ['close', { ending: 'withdrawn', reason: '   ' }, 'reason'],
    ])('POST /cases/:id/%s with blank text is a 400', async (route, body, field) => {
      const response = await http()
        .post(`/cases/${caseId}/${route}`)
        .set('authorization', `Bearer ${tokens.operator}`)
        .send(body);
      expectBilingual400(response, field);
    });

    it('a person answer with a blank reason is a 400', async () => {
      const response = await http()
        .post(`/cases/${caseId}/referrals/${randomUUID()}/person-answer`)
        .set('authorization', `Bearer ${tokens.operator}`)
        .send({ answer: 'declined', reasonCode: 'health', reason: '  ' });
      expectBilingual400(response, 'reason');
    });

    it('calendar and case-policy texts of spaces are 400s', async () => {
      const calendar = await http()
        .put('/calendar/years/2026')
        .set('authorization', `Bearer ${tokens.citySupervisor}`)
        .send({
          source: '      ',
          reason: '   ',
          overrides: [{ date: '2026-01-01', kind: 'holiday', name: ' ' }],
        });
      expectBilingual400(calendar, 'source');
      expect(calendar.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['reason', 'overrides.0.name']),
      );
      const policy = await http()
        .get('/case-policy')
        .set('authorization', `Bearer ${tokens.admin}`)
        .expect(200);
      const response = await http()
        .put('/case-policy')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({ ...pick(policy.body), reason: '    ' });
      expectBilingual400(response, 'reason');
    });
  });

  describe('malformed ids, numbers, dates and shapes are 4xx, never 500', () => {
    it.each([
      ['GET', '/cases?offset=1e30', 'offset'],
      ['GET', '/cases?offset=99999999999999999999', 'offset'],
      ['GET', '/cases?limit=0', 'limit'],
      ['GET', '/cases?limit=abc', 'limit'],
      ['GET', '/cases?offset=-1', 'offset'],
      ['GET', '/cases?limit=1.5', 'limit'],
      ['GET', '/cases?personId=not-a-uuid', 'personId'],
      ['GET', '/cases?open=maybe', 'open'],
      ['GET', '/cases/agenda?day=2025-02-30', 'day'],
      ['GET', '/cases/agenda?day=0000-01-01', 'day'],
      ['GET', '/cases/agenda?day=9999-12-31', 'day'],
      ['GET', '/cases/agenda?day=tomorrow', 'day'],
      ['GET', '/cases/not-a-uuid', 'id'],
      ['GET', '/cases/not-a-uuid/match-profile', 'id'],
      ['GET', '/cases/not-a-uuid/location', 'id'],
      ['GET', '/board?offset=1e30', 'offset'],
      ['GET', '/board?view=everything', 'view'],
      ['GET', '/board?districtCode=51010', 'districtCode'],
      ['GET', '/kpis?from=2025-02-30', 'from'],
      ['GET', '/kpis?from=0000-01-01&to=0000-01-31', 'from'],
      ['GET', '/kpis?from=2025-03-02&to=2025-03-01', 'to'],
      ['GET', '/kpis/weekly?from=2020-01-01&to=2025-01-01', 'from'],
      ['GET', '/reports/monthly?month=2025-13', 'month'],
      ['GET', '/reports/monthly?month=0000-01', 'from'],
      ['GET', '/calendar/deadline?start=yesterday&days=2', 'start'],
      ['GET', '/calendar/deadline?start=2025-09-26T10:00:00%2B08:00&days=0', 'days'],
      ['GET', '/calendar/deadline?start=2025-09-26T10:00:00%2B08:00&days=1e9', 'days'],
      ['GET', '/calendar/years/99999', 'year'],
    ])('%s %s is a 400 naming %s', async (method, path, field) => {
      const response = await http()
        [method.toLowerCase() as 'get'](path)
        .set(
          'authorization',
          `Bearer ${path.startsWith('/kpis') || path.startsWith('/reports') ? tokens.supervisor : tokens.operator}`,
        );
      expectBilingual400(response, field);
    });

    it.each([
      [
        'a referral id that is not a UUID',
        `/referrals/not-a-uuid/start`,
        { startedOn: '2025-10-09' },
        'referralId',
      ],
      [
        'a start date that does not exist',
        `/referrals/${randomUUID()}/start`,
        { startedOn: '2025-02-30' },
        'startedOn',
      ],
      ['a start date of year 0', `/escalation/start`, { startedOn: '0000-01-01' }, 'startedOn'],
      [
        'a satisfaction of 6',
        `/callback`,
        { reached: true, working: true, satisfaction: 6, note: '好' },
        'satisfaction',
      ],
      ['a string for reached', `/contacts`, { channel: 'phone', reached: 'yes', note: '好' }, 'reached'],
      ['an array body', `/contacts`, [{ channel: 'phone', reached: true, note: '好' }], 'channel'],
      ['an unknown ending', `/close`, { ending: 'lost', reason: '好' }, 'ending'],
      ['a vacancy id that is not a UUID', `/referrals`, { vacancyId: 42 }, 'vacancyId'],
      ['a handoff to a name with spaces', `/handoff`, { toOwner: 'a b c', reason: '调岗' }, 'toOwner'],
      ['a handoff to nobody known', `/handoff`, { toOwner: 'nobody.here', reason: '调岗' }, 'toOwner'],
    ])('a case action with %s is a 400', async (_what, route, body, field) => {
      const response = await http()
        .post(`/cases/${caseId}${route}`)
        .set('authorization', `Bearer ${tokens.operator}`)
        .send(body as object);
      expectBilingual400(response, field);
    });

    it('an empty overrides array, or 367 of them, is a 400 and loads nothing', async () => {
      for (const overrides of [
        [],
        Array.from({ length: 367 }, () => ({ date: '2026-01-01', kind: 'holiday' })),
      ]) {
        const response = await http()
          .put('/calendar/years/2026')
          .set('authorization', `Bearer ${tokens.citySupervisor}`)
          .send({ source: '测试通知来源', reason: '测试', overrides });
        expectBilingual400(response, 'overrides');
      }
    });
  });

  describe('a case is found only inside the caller’s area (the area is in the query)', () => {
    // Three values each: jest would take a third parameter that is missing for a `done` callback.
    const routes: Array<[string, string, object | null]> = [
      ['get', '', null],
      ['get', '/match-profile', null],
      ['get', '/handoff-candidates', null],
      ['get', '/location', null],
      ['put', '/location', { communityCode: '510104003001', address: '春熙路 1 号' }],
      ['post', '/contacts', { channel: 'phone', reached: true, note: '已联系' }],
      ['post', '/referrals', { vacancyId: randomUUID() }],
      ['post', `/referrals/${randomUUID()}/person-answer`, { answer: 'accepted' }],
      ['post', `/referrals/${randomUUID()}/start`, { startedOn: '2025-10-09' }],
      ['post', '/escalation/start', { startedOn: '2025-10-09' }],
      ['post', '/callback', { reached: false, note: '未接通' }],
      ['post', '/follow-ups', { reached: false, stillEmployed: true, note: '未接通' }],
      ['post', '/handoff', { toOwner: 'operator.jinjiang', reason: '调岗' }],
      ['post', '/close', { ending: 'withdrawn', reason: '本人撤回' }],
    ];

    it.each(routes)(
      '%s /cases/:id%s by another district’s operator or supervisor is a 404',
      async (method, route, body) => {
        for (const token of [tokens.jinjiang, tokens.jinjiangSupervisor]) {
          const call = http()
            [method as 'get' | 'post' | 'put'](`/cases/${caseId}${route}`)
            .set('authorization', `Bearer ${token}`);
          const response = await (body ? call.send(body) : call);
          expect({ route, status: response.status }).toEqual({ route, status: 404 });
          expect(response.body.detail).toMatch(/^No case has id .* \/ 案件 .* 不存在$/);
        }
      },
    );

    it('the repository finds the case in its district, street and the city, and not in another district', async () => {
      const cases = service.app.get(CasesRepository);
      const as = (orgPath: string, roles: Array<'operator' | 'supervisor' | 'admin'> = ['supervisor']) =>
        areaScope({ userId: randomUUID(), username: 'x', roles, orgCode: '', orgPath, employerId: null });
      for (const path of ['510100', '510100/510107', '510100/510107/510107003'])
        expect((await cases.findInArea(caseId, as(path)))?.id).toBe(caseId);
      for (const path of ['510100/510104', '510100/510107/510107004', '510100/5101'])
        expect(await cases.findInArea(caseId, as(path))).toBeNull();
      // An admin sees the whole city whatever unit the account hangs on.
      expect((await cases.findInArea(caseId, as('510100/510104', ['admin'])))?.id).toBe(caseId);
    });
  });
});

/** The fields PUT /case-policy takes, from what GET answers. */
function pick(policy: Record<string, unknown>) {
  const { refusal, callbackAfterWorkingDays, followUpMonths, promiseWorkingDays } = policy as {
    refusal: { validReasonCodes: string[]; maxUnjustifiedRefusals: number };
    callbackAfterWorkingDays: number;
    followUpMonths: number[];
    promiseWorkingDays: number;
  };
  return {
    refusal: {
      validReasonCodes: refusal.validReasonCodes,
      maxUnjustifiedRefusals: refusal.maxUnjustifiedRefusals,
    },
    callbackAfterWorkingDays,
    followUpMonths,
    promiseWorkingDays,
  };
}
