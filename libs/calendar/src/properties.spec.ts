import fc from 'fast-check';
import {
  MS_PER_DAY,
  dayFromCivil,
  formatDay,
  isoWeekday,
  parseDay,
  shanghaiDayOf,
  startOfShanghaiDay,
} from './day-number';
import { OFFICIAL_CALENDAR } from './data/official-calendar';
import { CalendarData, CalendarOverride } from './model';
import { NaiveCalendar } from './naive-deadline';
import { DeadlinePolicy, WorkingCalendar } from './working-calendar';

const RUNS = { numRuns: 500 };

/** Instants from mid-2018 to mid-2028: mostly inside the official years, partly outside (provisional). */
const instant = fc
  .integer({ min: Date.parse('2018-06-01T00:00:00Z'), max: Date.parse('2028-06-01T00:00:00Z') })
  .map((ms) => new Date(ms));
/** Instants that often sit right at a Shanghai midnight or a few ms around it. */
const edgyInstant = fc.oneof(
  instant,
  fc
    .tuple(
      fc.integer({ min: dayFromCivil(2019, 1, 1), max: dayFromCivil(2027, 12, 31) }),
      fc.integer({ min: -2, max: 2 }),
    )
    .map(([day, ms]) => new Date(startOfShanghaiDay(day) + ms)),
);
const days = fc.integer({ min: 1, max: 40 });
const date = fc.integer({ min: dayFromCivil(2018, 6, 1), max: dayFromCivil(2028, 6, 1) }).map(formatDay);
const policy: fc.Arbitrary<DeadlinePolicy | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      countStartDayBeforeHour: fc.integer({ min: 0, max: 24 }),
      endAt: fc.oneof(
        fc.constant('end-of-day' as const),
        fc.integer({ min: 1, max: 24 }).map((closeOfBusinessHour) => ({ closeOfBusinessHour })),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** Random calendars: a weekly pattern, some loaded years among 2019-2027 (gaps too), random overrides. */
const calendarData: fc.Arbitrary<CalendarData> = fc
  .record({
    weekend: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 0, maxLength: 6 }),
    years: fc.uniqueArray(fc.integer({ min: 2019, max: 2027 }), { maxLength: 5 }),
    picks: fc.array(fc.tuple(fc.integer({ min: 0, max: 365 }), fc.boolean()), { maxLength: 400 }),
  })
  .map(({ weekend, years, picks }) => {
    const perYear = new Map<number, CalendarOverride[]>(years.map((y) => [y, []]));
    const seen = new Set<number>();
    picks.forEach(([offset, makeup], i) => {
      if (years.length === 0) return;
      const y = years[i % years.length];
      const day = Math.min(dayFromCivil(y, 1, 1) + offset, dayFromCivil(y, 12, 31));
      if (seen.has(day)) return;
      seen.add(day);
      const onWeekend = weekend.includes(isoWeekday(day));
      perYear
        .get(y)
        ?.push({ date: formatDay(day), kind: makeup && onWeekend ? 'makeup_workday' : 'holiday' });
    });
    return {
      version: 'random',
      weekend,
      years: years.map((y) => ({ year: y, source: `notice ${y}`, overrides: perYear.get(y) ?? [] })),
    };
  });

const official = new WorkingCalendar(OFFICIAL_CALENDAR);
const officialNaive = new NaiveCalendar(OFFICIAL_CALENDAR);

describe('deadline properties', () => {
  it('a deadline is always the end (24:00) of a working day after the start day, as the naive loop finds', () => {
    fc.assert(
      fc.property(edgyInstant, days, (start, n) => {
        const r = official.deadline(start, n);
        const due = parseDay(r.dueDate);
        expect(official.isWorkingDay(r.dueDate)).toBe(true);
        expect(r.deadline.getTime()).toBe(startOfShanghaiDay(due) + MS_PER_DAY);
        expect(due).toBeGreaterThan(shanghaiDayOf(start.getTime()));
        expect(officialNaive.deadline(start, n)).toEqual(r);
      }),
      RUNS,
    );
  });

  it('the Mth working day after the Nth working day after d is the (N+M)th working day after d', () => {
    fc.assert(
      fc.property(date, days, days, (d, n, m) => {
        const nth = official.nthWorkingDayAfter(d, n).date;
        expect(official.nthWorkingDayAfter(nth, m).date).toBe(official.nthWorkingDayAfter(d, n + m).date);
      }),
      RUNS,
    );
  });

  it('more days never give an earlier deadline, nor does a later start', () => {
    fc.assert(
      fc.property(edgyInstant, edgyInstant, days, days, policy, (a, b, n, m, p) => {
        const [fewer, more] = n <= m ? [n, m] : [m, n];
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(official.deadline(a, more, p).deadline.getTime()).toBeGreaterThanOrEqual(
          official.deadline(a, fewer, p).deadline.getTime(),
        );
        if (more > fewer) {
          expect(official.deadline(a, more, p).deadline.getTime()).toBeGreaterThan(
            official.deadline(a, fewer, p).deadline.getTime(),
          );
        }
        expect(official.deadline(late, n, p).deadline.getTime()).toBeGreaterThanOrEqual(
          official.deadline(early, n, p).deadline.getTime(),
        );
      }),
      RUNS,
    );
  });

  it('remaining working time never increases as time passes, nor falls faster than time', () => {
    fc.assert(
      fc.property(edgyInstant, days, edgyInstant, edgyInstant, (start, n, a, b) => {
        const { deadline } = official.deadline(start, n);
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const r1 = official.remainingWorkingTime(t1, deadline).ms;
        const r2 = official.remainingWorkingTime(t2, deadline).ms;
        expect(r2).toBeLessThanOrEqual(r1);
        expect(r1 - r2).toBeLessThanOrEqual(t2.getTime() - t1.getTime());
      }),
      RUNS,
    );
  });

  it('working time is additive', () => {
    fc.assert(
      fc.property(edgyInstant, edgyInstant, edgyInstant, (a, b, c) => {
        expect(official.workingTimeBetween(a, b).ms + official.workingTimeBetween(b, c).ms).toBe(
          official.workingTimeBetween(a, c).ms,
        );
      }),
      RUNS,
    );
  });

  it('milestones are in order and at the fractions of the working time', () => {
    fc.assert(
      fc.property(edgyInstant, days, (start, n) => {
        const { deadline } = official.deadline(start, n);
        const m = official.milestones(start, deadline);
        const total = official.workingTimeBetween(start, deadline).ms;
        expect(start <= m.half && m.half <= m.threeQuarters && m.threeQuarters <= deadline).toBe(true);
        expect(start <= m.oneWorkingDayLeft && m.oneWorkingDayLeft <= deadline).toBe(true);
        expect(official.workingTimeBetween(start, m.half).ms).toBe(Math.ceil(total / 2));
        expect(official.workingTimeBetween(start, m.threeQuarters).ms).toBe(Math.ceil(total * 0.75));
        expect(official.remainingWorkingTime(m.oneWorkingDayLeft, deadline).ms).toBe(
          Math.min(MS_PER_DAY, total),
        );
        // earliest: a millisecond before, less had elapsed
        if (m.half > start) {
          expect(official.workingTimeBetween(start, new Date(m.half.getTime() - 1)).ms).toBeLessThan(
            Math.ceil(total / 2),
          );
        }
      }),
      RUNS,
    );
  });
});

describe('on random calendars (weekly patterns, gaps, overrides), the fast calendar agrees with the naive loop', () => {
  it('deadlines, coverage and the N+M property', () => {
    fc.assert(
      fc.property(calendarData, edgyInstant, days, days, policy, (d, start, n, m, p) => {
        fc.pre(d.weekend.length < 7);
        const fast = new WorkingCalendar(d);
        const naive = new NaiveCalendar(d);
        const r = fast.deadline(start, n, p);
        expect(r).toEqual(naive.deadline(start, n, p));
        expect(naive.isWorkingDay(parseDay(r.dueDate))).toBe(true);
        const day = formatDay(shanghaiDayOf(start.getTime()));
        const nth = fast.nthWorkingDayAfter(day, n).date;
        expect(fast.nthWorkingDayAfter(nth, m).date).toBe(fast.nthWorkingDayAfter(day, n + m).date);
        expect(fast.nthWorkingDayAfter(day, n).date).toBe(naive.deadline(start, n).dueDate);
      }),
      { numRuns: 300 },
    );
  });
});
