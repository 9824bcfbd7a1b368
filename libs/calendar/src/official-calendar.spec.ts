import { execFileSync } from 'node:child_process';
import { dayFromCivil, formatDay, isoWeekday } from './day-number';
import { OFFICIAL_CALENDAR } from './data/official-calendar';
import { officialCalendar } from './official';
import { WorkingCalendar } from './working-calendar';

// The committed data was generated once from chinese-days; this fails as soon as the two diverge.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const raw = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const FIRST = dayFromCivil(2020, 1, 1);
const LAST = dayFromCivil(2026, 12, 31);
const days = Array.from({ length: LAST - FIRST + 1 }, (_, i) => formatDay(FIRST + i));

describe('official calendar data 2020-2026', () => {
  const calendar = new WorkingCalendar(OFFICIAL_CALENDAR);

  it('covers exactly 2020-2026, each year with its State Council notice', () => {
    expect(calendar.coveredYears).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of OFFICIAL_CALENDAR.years) {
      expect(year.source).toContain(`国务院办公厅关于${year.year}年部分节假日安排的通知`);
    }
    expect(OFFICIAL_CALENDAR.years.find((y) => y.year === 2020)?.source).toContain('延长2020年春节假期');
  });

  it('agrees with the chinese-days data files on every day (holiday, make-up day, or weekly pattern)', () => {
    const mismatches = days.filter((date, i) => {
      const expected =
        date in raw.workdays ? true : date in raw.holidays ? false : ![6, 7].includes(isoWeekday(FIRST + i));
      return calendar.isWorkingDay(date) !== expected;
    });
    expect(mismatches).toEqual([]);
    expect(days).toHaveLength(2557);
  });

  it('lists the same holidays and make-up working days as chinese-days', () => {
    const inRange = (record: Record<string, string>) =>
      Object.keys(record)
        .filter((date) => date >= '2020-01-01' && date <= '2026-12-31')
        .sort();
    const ours = (kind: string) =>
      OFFICIAL_CALENDAR.years
        .flatMap((y) => y.overrides)
        .filter((o) => o.kind === kind)
        .map((o) => o.date)
        .sort();
    expect(ours('holiday')).toEqual(inRange(raw.holidays));
    expect(ours('makeup_workday')).toEqual(inRange(raw.workdays));
  });

  // chinese-days' isWorkday() reads the process time zone (west of UTC it is off by a day), so it is asked
  // in a child process running in Asia/Shanghai.
  it("agrees with chinese-days' own isWorkday() on every day (asked in TZ=Asia/Shanghai)", () => {
    const script = `const { isWorkday } = require('chinese-days');
      const days = JSON.parse(process.argv[1]);
      process.stdout.write(JSON.stringify(days.filter((d) => isWorkday(d))));`;
    const stdout = execFileSync(process.execPath, ['-e', script, JSON.stringify(days)], {
      cwd: __dirname,
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    });
    const theirs: string[] = JSON.parse(stdout);
    expect(days.filter((date) => calendar.isWorkingDay(date))).toEqual(theirs);
    expect(theirs.length).toBeGreaterThan(1700);
  });

  it('officialCalendar() is built once from this data', () => {
    expect(officialCalendar()).toBe(officialCalendar());
    expect(officialCalendar().version).toBe(OFFICIAL_CALENDAR.version);
  });
});
