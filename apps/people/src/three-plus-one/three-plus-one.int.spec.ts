import request from 'supertest';
import { FixedClock } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  idNumber,
  JINJIANG_COMMUNITY,
  mobile,
  registration,
  startPeople,
  tokenFor,
} from '../testing/people-test-app';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** "Today" for this spec: 7 December 2026, Shanghai. */
const NOW = new Date('2026-12-07T10:00:00+08:00');

interface Item {
  personId: string;
  name: string;
  phoneMasked: string;
  communityCode: string;
  registeredOn: string;
  yearEndsOn: string;
  jobs: { confirmed: number; pending: number; target: number };
  training: { confirmed: number; pending: number; target: number };
  daysLeft: number;
  status: string;
  missing: string;
  categories: Array<{ code: string; name: { zh: string; en: string } }>;
}

// The worklist and figures on the real Postgres with a fixed clock: each person's year from their registration
// as unemployed, records counted by when they happened inside it, confirmed and pending apart.
describe('3+1 worklist and KPIs (real Postgres, fixed clock)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator'], '510100/510107', 'op-wuhou');
  const jinjiang = tokenFor(['operator'], '510100/510104', 'op-jinjiang');
  const admin = tokenFor(['admin'], '510100', 'admin-1');
  const http = () => request(service.app.getHttpServer());
  const by = <T extends request.Test>(token: string, test: T) => test.set('authorization', `Bearer ${token}`);
  let sequence = 100;
  const persons: Record<string, string> = {};

  const register = async (
    key: string,
    registeredOn: string,
    overrides: Record<string, unknown> = {},
    token = operator,
  ) => {
    const response = await by(token, http().post('/persons'))
      .send(
        registration({
          name: `测试${key}`,
          idNumber: idNumber('19900101', sequence++, token === jinjiang ? '510104' : '510107'),
          phone: mobile(),
          communityCode: COMMUNITY_A,
          unemployment: { registeredOn, status: 'registered' },
          ...overrides,
        }),
      )
      .expect(201);
    persons[key] = response.body.person.id;
    return persons[key];
  };
  const record = (key: string, kind: string, occurredAt: string, confirmed = true) =>
    by(operator, http().post(`/persons/${persons[key]}/service-records`))
      .send({
        kind,
        channel: 'in-person',
        occurredAt,
        outcome: kind === 'job-referral' ? '推荐岗位：保洁员' : '推荐培训：家政服务',
        ...(confirmed ? { confirmation: { method: 'signature', signatureImage: PNG } } : {}),
      })
      .expect(201);
  const jobs = async (key: string, n: number, occurredAt: string) => {
    for (let i = 0; i < n; i++) await record(key, 'job-referral', occurredAt);
  };
  const worklist = async (query: Record<string, string> = {}, token = operator) =>
    (
      await by(token, http().get('/three-plus-one/worklist'))
        .query({ limit: '100', ...query })
        .expect(200)
    ).body as { items: Item[]; total: number; today: string };
  const names = (items: Item[]) => items.map((item) => item.name);

  beforeAll(async () => {
    service = await startPeople({}, new FixedClock(NOW));
    // Running, nothing yet, 24 days left: at risk; a 低保 household member.
    await register('P1', '2026-01-01', { circumstances: { minimumLivingAllowance: true } });
    // Running, 3 jobs confirmed, a training proposed but not confirmed by the person yet.
    await register('P2', '2026-06-01');
    await jobs('P2', 3, '2026-06-10T09:00:00+08:00');
    await record('P2', 'training-referral', '2026-07-01T09:00:00+08:00', false);
    // Served within the year: not on the list.
    await register('P3', '2026-03-01');
    await jobs('P3', 3, '2026-04-01T09:00:00+08:00');
    await record('P3', 'training-referral', '2026-05-01T09:00:00+08:00');
    // Ended 2026-11-29 without 3+1; one job on its last day counts, one the next day does not.
    await register('P4', '2025-11-30');
    await record('P4', 'job-referral', '2026-11-29T23:59:59+08:00');
    await record('P4', 'job-referral', '2026-11-30T00:00:00+08:00');
    // Community B, 55 days left, has the training: still short of jobs, at risk.
    await register('P5', '2026-02-01', { communityCode: COMMUNITY_B });
    await record('P5', 'training-referral', '2026-03-01T09:00:00+08:00');
    // Employed now: not on the worklist, but its year (ended 2026-11-19 unmet) counts in the figures.
    await register('P6', '2025-11-20', { unemployment: { registeredOn: '2025-11-20', status: 'employed' } });
    // Ended 2026-11-14, served within the year.
    await register('P8', '2025-11-15');
    await jobs('P8', 3, '2026-01-10T09:00:00+08:00');
    await record('P8', 'training-referral', '2026-02-10T09:00:00+08:00');
    // Ended 2026-11-10: the training came 10 days too late.
    await register('P9', '2025-11-11');
    await jobs('P9', 3, '2026-01-10T09:00:00+08:00');
    await record('P9', 'training-referral', '2026-11-20T09:00:00+08:00');
    // 64 days left: a job the evening before the first day does not count, one at 00:00 of the first day does.
    await register('P10', '2026-02-10');
    await record('P10', 'job-referral', '2026-02-09T23:59:59+08:00');
    await record('P10', 'job-referral', '2026-02-10T00:00:00+08:00');
    // Another district's person.
    await register('J1', '2026-01-01', { communityCode: JINJIANG_COMMUNITY }, jinjiang);
  });
  afterAll(() => service?.close());

  it('lists registered unemployed persons of the area without 3+1 in a running year, fewest days left first', async () => {
    const page = await worklist();
    expect(page.today).toBe('2026-12-07');
    expect(names(page.items)).toEqual(['测试P1', '测试P5', '测试P10', '测试P2']);
    expect(page.total).toBe(4);
    const [p1, p5, p10, p2] = page.items;
    expect(p1).toMatchObject({
      personId: persons.P1,
      communityCode: COMMUNITY_A,
      registeredOn: '2026-01-01',
      yearEndsOn: '2026-12-31',
      jobs: { confirmed: 0, pending: 0, target: 3 },
      training: { confirmed: 0, pending: 0, target: 1 },
      daysLeft: 24,
      status: 'at-risk',
      missing: 'both',
    });
    expect(p1.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(p1.categories).toEqual([
      {
        code: 'minimum-living-allowance',
        name: { zh: '享受城乡居民最低生活保障的失业人员', en: 'Receiving minimum living allowance (低保)' },
      },
    ]);
    expect(p5).toMatchObject({
      daysLeft: 55,
      status: 'at-risk',
      missing: 'jobs',
      communityCode: COMMUNITY_B,
    });
    expect(p10).toMatchObject({ daysLeft: 64, status: 'on-track', jobs: { confirmed: 1, pending: 0 } });
    expect(p2).toMatchObject({
      daysLeft: 175,
      status: 'on-track',
      missing: 'training',
      jobs: { confirmed: 3, pending: 0 },
      training: { confirmed: 0, pending: 1 },
    });
  });

  it('adds the years that ended unmet on request, and pages with the total', async () => {
    const page = await worklist({ includeEnded: 'true' });
    expect(names(page.items)).toEqual(['测试P9', '测试P4', '测试P1', '测试P5', '测试P10', '测试P2']);
    const p4 = page.items[1];
    expect(p4).toMatchObject({ yearEndsOn: '2026-11-29', daysLeft: -8, status: 'ended-unmet' });
    expect(p4.jobs.confirmed).toBe(1);
    const second = await worklist({ includeEnded: 'true', limit: '2', offset: '2' });
    expect(second).toMatchObject({ total: 6 });
    expect(names(second.items)).toEqual(['测试P1', '测试P5']);
  });

  it('filters by what is missing and by street or community', async () => {
    expect(names((await worklist({ missing: 'jobs' })).items)).toEqual(['测试P1', '测试P5', '测试P10']);
    expect(names((await worklist({ missing: 'training' })).items)).toEqual(['测试P1', '测试P10', '测试P2']);
    expect(names((await worklist({ missing: 'both' })).items)).toEqual(['测试P1', '测试P10']);
    expect(names((await worklist({ communityCode: COMMUNITY_B })).items)).toEqual(['测试P5']);
    expect((await worklist({ streetCode: COMMUNITY_A.slice(0, 9) })).total).toBe(4);
    expect((await worklist({ streetCode: '510107002' })).total).toBe(0);
    expect((await worklist({ districtCode: '510107' }, admin)).total).toBe(4);
    expect((await worklist({ districtCode: '510104' }, admin)).total).toBe(1);
  });

  it('keeps each area to itself and names a filter outside it', async () => {
    expect(names((await worklist({}, jinjiang)).items)).toEqual(['测试J1']);
    expect(names((await worklist({}, operator)).items)).not.toContain('测试J1');
    expect((await worklist({}, admin)).total).toBe(5);
    const outside = await by(operator, http().get('/three-plus-one/worklist'))
      .query({ streetCode: JINJIANG_COMMUNITY.slice(0, 9) })
      .expect(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'streetCode', rule: 'withinScope' });
    const notInStreet = await by(operator, http().get('/three-plus-one/worklist'))
      .query({ streetCode: '510107002', communityCode: COMMUNITY_A })
      .expect(400);
    expect(notInStreet.body.errors[0]).toMatchObject({ field: 'communityCode', rule: 'inStreet' });
    const otherDistrict = await by(jinjiang, http().get('/three-plus-one/worklist'))
      .query({ districtCode: '510107' })
      .expect(400);
    expect(otherDistrict.body.errors[0]).toMatchObject({ field: 'districtCode', rule: 'withinScope' });
    const notInDistrict = await by(admin, http().get('/three-plus-one/worklist'))
      .query({ districtCode: '510107', streetCode: '510104001' })
      .expect(400);
    expect(notInDistrict.body.errors[0]).toMatchObject({ field: 'streetCode', rule: 'inDistrict' });
    const badMissing = await by(operator, http().get('/three-plus-one/worklist'))
      .query({ missing: 'everything' })
      .expect(400);
    expect(badMissing.body.errors[0]).toMatchObject({ field: 'missing' });
    await by(tokenFor(['employer']), http().get('/three-plus-one/worklist')).expect(403);
  });

  it('counts the share served within the year among the years that ended in the period, and the running years', async () => {
    const kpis = await by(operator, http().get('/three-plus-one/kpis'))
      .query({ from: '2026-11-01', to: '2026-11-30' })
      .expect(200);
    // Ended in November: P4, P6 (employed since), P8 (served), P9 (training too late).
    expect(kpis.body).toEqual({
      unit: null,
      from: '2026-11-01',
      to: '2026-11-30',
      yearEnded: 4,
      servedInYear: 1,
      servedRate: 25,
      running: 5,
      runningServed: 1,
      onTrack: 3,
      atRisk: 2,
    });
    // This month by default: no year has ended since 1 December.
    const thisMonth = await by(operator, http().get('/three-plus-one/kpis')).expect(200);
    expect(thisMonth.body).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-07',
      yearEnded: 0,
      servedRate: null,
    });
    const communityB = await by(operator, http().get('/three-plus-one/kpis'))
      .query({ unit: COMMUNITY_B, from: '2026-11-01', to: '2026-11-30' })
      .expect(200);
    expect(communityB.body).toMatchObject({ yearEnded: 0, running: 1, atRisk: 1, onTrack: 0 });
    const theirs = await by(jinjiang, http().get('/three-plus-one/kpis')).expect(200);
    expect(theirs.body).toMatchObject({ running: 1, atRisk: 1 });
  });

  it('refuses a unit outside the area, a period backwards and a date that does not exist, naming the field', async () => {
    const kpis = (query: Record<string, string>) =>
      by(operator, http().get('/three-plus-one/kpis')).query(query).expect(400);
    expect((await kpis({ unit: '510104' })).body.errors[0]).toMatchObject({
      field: 'unit',
      rule: 'withinScope',
    });
    expect((await kpis({ from: '2026-11-30', to: '2026-11-01' })).body.errors[0]).toMatchObject({
      field: 'from',
      rule: 'notAfterTo',
    });
    const february = await kpis({ from: '2026-02-30', to: '2026-03-01' });
    expect(february.body.errors[0]).toMatchObject({ field: 'from', rule: 'calendarDay' });
    expect(february.body.errors[0].message.zh).toContain('日期');
  });
});
