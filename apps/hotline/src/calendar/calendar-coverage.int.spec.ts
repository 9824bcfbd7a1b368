import { FixedClock } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
import { eventually } from '@platform/testing';
import { HotlineConfig } from '../config';
import { startHotline } from '../identity/testing/hotline-test-app';
import { CalendarCoverageMonitor } from './calendar-coverage';

/**
 * The coverage monitor takes "today" from the injected clock — at start-up too — never from the machine, so the
 * calendar specs pass on any day of the year (they failed every December when the start-up check used the real
 * date). Here the clock walks across the year boundary, where the answers change.
 */
describe('calendar coverage monitor on the injected clock (real Postgres and Kafka)', () => {
  // 23:59:59 on 31 December, Beijing time: 2026 loaded, 2027 missing.
  const clock = new FixedClock(new Date('2026-12-31T15:59:59Z'));
  let service: TestServiceApp<HotlineConfig>;

  beforeAll(async () => {
    service = await startHotline({}, clock);
  });
  afterAll(() => service?.close());

  const announcements = async () =>
    (
      await service.dataSource.query(
        `SELECT event->'data' AS data FROM "${service.schema}".outbox
          WHERE event->>'type' = 'hotline.calendar.coverage-missing' ORDER BY seq`,
      )
    ).map((row: { data: { year: number; asOf: string } }) => ({ year: row.data.year, asOf: row.data.asOf }));

  it("announces at start-up by the clock's date, whatever the machine's date", async () => {
    await eventually('the start-up announcement', async () => (await announcements()).length === 1);
    expect(await announcements()).toEqual([{ year: 2027, asOf: '2026-12-31' }]);
  });

  it('counts the day in Beijing time: one second later it is 2027 and the current year is missing', async () => {
    const monitor = service.app.get(CalendarCoverageMonitor);
    clock.set(new Date('2026-12-31T16:00:00Z'));
    const { status, announced } = await monitor.check();
    expect(status).toMatchObject({ asOf: '2027-01-01', currentYear: 2027, currentYearLoaded: false });
    expect(announced).toBe(true);
    expect((await announcements()).at(-1)).toEqual({ year: 2027, asOf: '2027-01-01' });
  });

  it('is quiet before 1 December when this year is loaded', async () => {
    const monitor = service.app.get(CalendarCoverageMonitor);
    clock.set(new Date('2026-11-30T15:59:59Z'));
    const before = (await announcements()).length;
    expect(await monitor.check()).toMatchObject({ announced: false, status: { warning: false } });
    expect(await announcements()).toHaveLength(before);
  });
});
