import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { REPO_ROOT } from '@platform/testing';
import { HotlineConfig } from '../config';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { CalendarCoverageMonitor } from './calendar-coverage';

const OFFICIAL_ICS = readFileSync(join(REPO_ROOT, 'node_modules/chinese-days/dist/holidays.ics'), 'utf8');

describe('working calendar API (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let supervisor: string;
  let districtSupervisor: string;
  let admin: string;
  let operator: string;
  let employer: string;
  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    service = await startHotline();
    [supervisor, districtSupervisor, admin, operator, employer] = await Promise.all([
      tokenFor(service, 'supervisor.city'),
      tokenFor(service, 'supervisor.wuhou'),
      tokenFor(service, 'admin'),
      tokenFor(service, 'operator.wuhou'),
      tokenFor(service, 'employer.demo'),
    ]);
  });
  afterAll(() => service?.close());

  const outbox = (type: string) =>
    service.dataSource.query(
      `SELECT event, published_at FROM "${service.schema}".outbox WHERE event->>'type' = $1 ORDER BY seq`,
      [type],
    );
  const currentVersion = async () =>
    (
      await service.dataSource.query(
        `SELECT max(version)::int AS v FROM "${service.schema}".calendar_changes`,
      )
    )[0].v;
  const year2025 = async () =>
    (await http().get('/calendar/years/2025').set('authorization', `Bearer ${operator}`).expect(200)).body;

  it('starts with 2020–2026 loaded from the official arrangements', async () => {
    const response = await http()
      .get('/calendar/years')
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(response.body.map((y: { year: number }) => y.year)).toEqual([
      2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    const overrides = (await year2025()).overrides;
    expect(overrides).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节' });
    expect(overrides).toContainEqual(expect.objectContaining({ date: '2025-09-28', kind: 'makeup_workday' }));
  });

  it('computes the docs/domain.md example: taken Friday 2025-09-26, due at 24:00 on Monday 2025-09-29', async () => {
    const response = await http()
      .get('/calendar/deadline')
      .query({ start: '2025-09-26T10:00:00+08:00', days: 2 })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(response.body).toMatchObject({
      deadline: '2025-09-29T16:00:00.000Z',
      dueDate: '2025-09-29',
      provisional: false,
    });
  });

  it('marks a deadline in a year that is not loaded as provisional and names the year', async () => {
    const response = await http()
      .get('/calendar/deadline')
      .query({ start: '2026-12-31T10:00:00+08:00', days: 2 })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(response.body).toMatchObject({ provisional: true, missingYears: [2027] });
  });

  it('lets a supervisor correct a year: new version, audit record, event, and deadlines follow', async () => {
    const before = await year2025();
    const corrected = [...before.overrides, { date: '2025-09-29', kind: 'holiday', name: '更正示例' }];
    const response = await http()
      .put('/calendar/years/2025')
      .set('authorization', `Bearer ${supervisor}`)
      .send({ source: before.source, reason: 'correction test', overrides: corrected })
      .expect(200);
    expect(response.body).toMatchObject({ year: 2025, changed: true, changedBy: 'supervisor.city' });
    expect(response.body.version).toBe(`v${await currentVersion()}`);

    const deadline = await http()
      .get('/calendar/deadline')
      .query({ start: '2025-09-26T10:00:00+08:00', days: 2 })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(deadline.body.dueDate).toBe('2025-09-30');
    expect(deadline.body.calendarVersion).toBe(response.body.version);

    const history = await http()
      .get('/calendar/years/2025/history')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(history.body[0]).toMatchObject({
      reason: 'correction test',
      changedBy: 'supervisor.city',
      format: 'json',
    });
    expect(history.body[0].previousOverrides).toHaveLength(before.overrides.length);

    const events = await outbox('hotline.calendar.year-loaded');
    expect(events.at(-1).event.data).toMatchObject({ year: 2025, changedDates: ['2025-09-29'] });
  });

  it('answers a save identical to the year in force with changed: false, writing and announcing nothing', async () => {
    const before = await year2025();
    const versionBefore = await currentVersion();
    const eventsBefore = (await outbox('hotline.calendar.year-loaded')).length;
    const historyBefore = (
      await http()
        .get('/calendar/years/2025/history')
        .set('authorization', `Bearer ${supervisor}`)
        .expect(200)
    ).body.length;
    // The same days in another order, sent again: nothing changes.
    const response = await http()
      .put('/calendar/years/2025')
      .set('authorization', `Bearer ${supervisor}`)
      .send({ source: before.source, reason: 'sent twice', overrides: [...before.overrides].reverse() })
      .expect(200);
    expect(response.body).toMatchObject({ year: 2025, changed: false, version: before.version });
    expect(await currentVersion()).toBe(versionBefore);
    expect(await outbox('hotline.calendar.year-loaded')).toHaveLength(eventsBefore);
    const history = await http()
      .get('/calendar/years/2025/history')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(history.body).toHaveLength(historyBefore);
    expect((await year2025()).version).toBe(before.version);
  });

  it('keeps a renamed holiday as a new version whose event names no changed date', async () => {
    const before = await year2025();
    const renamed = before.overrides.map((o: { date: string; kind: string; name?: string }) =>
      o.date === '2025-10-01' ? { ...o, name: '国庆节（更名）' } : o,
    );
    const response = await http()
      .put('/calendar/years/2025')
      .set('authorization', `Bearer ${admin}`)
      .send({ source: before.source, reason: 'rename only', overrides: renamed })
      .expect(200);
    expect(response.body).toMatchObject({ changed: true, changedBy: 'admin' });
    expect(response.body.version).not.toBe(before.version);
    // No working day moved: the case consumer re-times no case for it.
    const events = await outbox('hotline.calendar.year-loaded');
    expect(events.at(-1).event.data).toMatchObject({ year: 2025, changedDates: [] });
  });

  it('lets only city-level supervisors and admins change the city-wide calendar', async () => {
    const before = await year2025();
    const versionBefore = await currentVersion();
    const eventsBefore = (await outbox('hotline.calendar.year-loaded')).length;
    const put = await http()
      .put('/calendar/years/2025')
      .set('authorization', `Bearer ${districtSupervisor}`)
      .send({
        source: before.source,
        reason: 'district edit',
        overrides: [...before.overrides, { date: '2025-12-31', kind: 'holiday' }],
      })
      .expect(403);
    expect(put.body.detail).toMatch(/city-level supervisor.* \/ .*市级督导/);
    await http()
      .post('/calendar/years/2026/ics')
      .set('authorization', `Bearer ${districtSupervisor}`)
      .send({ source: before.source, reason: 'district edit', ics: OFFICIAL_ICS })
      .expect(403);
    expect(await currentVersion()).toBe(versionBefore);
    expect(await outbox('hotline.calendar.year-loaded')).toHaveLength(eventsBefore);
    // A district supervisor still reads the calendar and its history.
    await http().get('/calendar/years/2025').set('authorization', `Bearer ${districtSupervisor}`).expect(200);
    await http()
      .get('/calendar/years/2025/history')
      .set('authorization', `Bearer ${districtSupervisor}`)
      .expect(200);
  });

  it('refuses a malformed year with every problem named in both languages and writes nothing', async () => {
    const versionBefore = await currentVersion();
    const eventsBefore = (await outbox('hotline.calendar.year-loaded')).length;
    const response = await http()
      .put('/calendar/years/2027')
      .set('authorization', `Bearer ${supervisor}`)
      .send({
        source: '测试通知',
        reason: 'malformed',
        overrides: [
          { date: '2027-02-06', kind: 'holiday' },
          { date: '2027-02-06', kind: 'holiday' },
          { date: '2026-12-31', kind: 'holiday' },
          { date: '2027-02-08', kind: 'makeup_workday' },
        ],
      })
      .expect(400);
    const rules = response.body.errors.map((e: { rule: string }) => e.rule);
    expect(rules).toEqual(expect.arrayContaining(['calendarRule', 'completeYear']));
    const text = JSON.stringify(response.body.errors);
    expect(text).toContain('listed twice');
    expect(text).toContain('outside its year');
    expect(text).toContain('not a weekend day');
    expect(text).toContain('2027-01-01');
    expect(response.body.errors[0].message.zh).toMatch(/^overrides：/);
    expect(await currentVersion()).toBe(versionBefore);
    expect(await outbox('hotline.calendar.year-loaded')).toHaveLength(eventsBefore);
  });

  it('rejects unknown kinds and unknown fields at the door', async () => {
    const response = await http()
      .put('/calendar/years/2027')
      .set('authorization', `Bearer ${supervisor}`)
      .send({
        source: '测试通知',
        reason: 'x1',
        overrides: [{ date: '2027-01-01', kind: 'festival' }],
        version: 9,
      })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['overrides.0.kind:isIn', 'version:whitelistValidation']));
  });

  it('imports a year from the official iCalendar file, matching the seeded data', async () => {
    const seeded = (
      await http().get('/calendar/years/2026').set('authorization', `Bearer ${operator}`).expect(200)
    ).body;
    const upload = (source: string) =>
      http()
        .post('/calendar/years/2026/ics')
        .set('authorization', `Bearer ${supervisor}`)
        .send({ source, reason: 're-import from ICS', ics: OFFICIAL_ICS });
    const first = await upload('官方 iCalendar 文件重新导入').expect(201);
    expect(first.body).toMatchObject({ changed: true });
    const imported = (
      await http().get('/calendar/years/2026').set('authorization', `Bearer ${operator}`).expect(200)
    ).body;
    const days = (overrides: { date: string; kind: string }[]) =>
      overrides.map((o) => `${o.date}:${o.kind}`).sort();
    expect(days(imported.overrides)).toEqual(days(seeded.overrides));
    expect(imported.version).not.toBe(seeded.version);
    // The same arrangement uploaded again: 200, nothing written, no event.
    const eventsBefore = (await outbox('hotline.calendar.year-loaded')).length;
    const again = await upload('官方 iCalendar 文件重新导入').expect(200);
    expect(again.body).toMatchObject({ changed: false, version: imported.version });
    expect(await outbox('hotline.calendar.year-loaded')).toHaveLength(eventsBefore);
  });

  it('explains why an iCalendar upload cannot be loaded', async () => {
    const send = (ics: string) =>
      http()
        .post('/calendar/years/2026/ics')
        .set('authorization', `Bearer ${supervisor}`)
        .send({ source: '测试通知', reason: 'bad ics', ics })
        .expect(400);
    expect((await send('this is not a calendar')).body.errors[0]).toMatchObject({
      field: 'ics',
      rule: 'icsSyntax',
    });
    const unmarked = OFFICIAL_ICS.replace('SUMMARY:元旦(休)', 'SUMMARY:元旦');
    expect((await send(unmarked)).body.errors[0]).toMatchObject({ field: 'ics', rule: 'knownKind' });
    const otherYear = await http()
      .post('/calendar/years/2030/ics')
      .set('authorization', `Bearer ${supervisor}`)
      .send({ source: '测试通知', reason: 'bad ics', ics: OFFICIAL_ICS })
      .expect(400);
    expect(otherYear.body.errors[0]).toMatchObject({ field: 'ics', rule: 'yearPresent' });
  });

  it('keeps operators and employers out of changing the calendar', async () => {
    await http()
      .put('/calendar/years/2027')
      .set('authorization', `Bearer ${operator}`)
      .send({ source: '测试通知', reason: 'x', overrides: [] })
      .expect(403);
    await http().get('/calendar/years').set('authorization', `Bearer ${employer}`).expect(403);
    await http().get('/calendar/years').expect(401);
  });

  it('announces a missing next year once a day from 1 December', async () => {
    const monitor = service.app.get(CalendarCoverageMonitor);
    const december = new Date('2026-12-02T02:00:00Z');
    const first = await monitor.check(december);
    expect(first).toMatchObject({ announced: true, status: { warning: true, nextYear: 2027 } });
    expect((await monitor.check(december)).announced).toBe(false);
    const events = await outbox('hotline.calendar.coverage-missing');
    expect(events).toHaveLength(1);
    expect(events[0].event.data).toMatchObject({ year: 2027, asOf: '2026-12-02' });
    const coverage = await http()
      .get('/calendar/coverage')
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(coverage.body).toMatchObject({ nextYear: 2027, nextYearLoaded: false });
  });
});
