import { formatShanghaiInstant, parseInstant } from './day-number';
import { OFFICIAL_CALENDAR } from './data/official-calendar';
import { CalendarData, CalendarDataError, validateCalendarData } from './model';
import { WorkingCalendar } from './working-calendar';

const at = (text: string) => parseInstant(text);
const sh = (date: Date) => formatShanghaiInstant(date);
const HOUR = 3_600_000;

const year = (y: number, overrides: CalendarData['years'][number]['overrides'] = []) => ({
  year: y,
  source: `notice ${y}`,
  overrides,
});
const data = (years: CalendarData['years'], weekend = [6, 7]): CalendarData => ({
  version: 'test-1',
  weekend,
  years,
});

describe('calendar data validation', () => {
  const problemsOf = (d: unknown): string[] => {
    try {
      new WorkingCalendar(d as CalendarData);
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarDataError);
      return (error as CalendarDataError).problems;
    }
    throw new Error('no error thrown');
  };

  it('accepts the official data', () => {
    expect(() => validateCalendarData(OFFICIAL_CALENDAR)).not.toThrow();
  });

  it.each([
    [
      'a date listed twice',
      data([
        year(2025, [
          { date: '2025-10-01', kind: 'holiday' },
          { date: '2025-10-01', kind: 'holiday' },
        ]),
      ]),
      'year 2025: override "2025-10-01" is listed twice',
    ],
    [
      'a date outside its year',
      data([year(2025, [{ date: '2026-01-01', kind: 'holiday' }])]),
      'year 2025: override "2026-01-01" is outside its year',
    ],
    [
      'an unknown kind',
      data([year(2025, [{ date: '2025-10-01', kind: 'day_off' as never }])]),
      'year 2025: override "2025-10-01" has unknown kind "day_off"',
    ],
    [
      'a date that does not exist',
      data([year(2025, [{ date: '2025-02-29', kind: 'holiday' }])]),
      'year 2025: override "2025-02-29" is not a calendar date',
    ],
    [
      'a make-up day on a weekday',
      data([year(2025, [{ date: '2025-10-13', kind: 'makeup_workday' }])]),
      'override "2025-10-13" is a make-up working day on a Monday',
    ],
    ['a year listed twice', data([year(2025), year(2025)]), 'year 2025 is listed twice'],
    [
      'a year without source',
      data([{ year: 2025, source: ' ', overrides: [] }]),
      'year 2025: source must name the notice',
    ],
    ['a bad year', data([year(25)]), 'year 25: year must be a whole number from 1000 to 9999'],
    ['no version', { ...data([]), version: '' }, 'version must be a non-empty string'],
    ['a bad weekday', data([], [6, 8]), 'weekend: 8 is not an ISO weekday'],
    ['no working weekday', data([], [1, 2, 3, 4, 5, 6, 7]), 'weekend leaves no working weekday'],
    [
      'overrides not an array',
      data([{ year: 2025, source: 'x', overrides: null as never }]),
      'year 2025: overrides must be an array',
    ],
  ])('rejects %s, naming the problem', (_what, bad, message) => {
    expect(problemsOf(bad).join('\n')).toContain(message);
    expect(() => new WorkingCalendar(bad)).toThrow(message);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf(
      data([
        year(2025, [
          { date: '2024-12-31', kind: 'holiday' },
          { date: '2025-10-13', kind: 'makeup_workday' },
        ]),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('rejects what is not calendar data at all', () => {
    expect(problemsOf(null)).toEqual(['data is not an object']);
    expect(problemsOf({ version: 'x', weekend: [6, 7] })).toContain('years must be an array');
  });
});

describe('WorkingCalendar (official data)', () => {
  const calendar = new WorkingCalendar(OFFICIAL_CALENDAR);

  it('knows working days: weekly pattern, holidays, make-up days (docs/domain.md, 2025)', () => {
    expect(calendar.isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up
    expect(calendar.isWorkingDay('2025-10-01')).toBe(false); // National Day
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false); // Wednesday, holiday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('takes the Shanghai day of a Date', () => {
    expect(calendar.isWorkingDay(at('2025-09-27T15:59:59Z'))).toBe(false); // Sat 23:59:59 in Shanghai
    expect(calendar.isWorkingDay(at('2025-09-27T16:00:00Z'))).toBe(true); // Sun 00:00, make-up day
  });

  it('rejects a bad date, naming it', () => {
    expect(() => calendar.isWorkingDay('2025-9-28')).toThrow('"2025-9-28"');
    expect(() => calendar.isWorkingDay(new Date(NaN))).toThrow(RangeError);
  });

  it('describes a day, provisional when its year is not loaded', () => {
    expect(calendar.dayInfo('2025-10-06')).toEqual({
      date: '2025-10-06',
      working: false,
      kind: 'holiday',
      name: '中秋',
      provisional: false,
    });
    expect(calendar.dayInfo('2025-10-11')).toMatchObject({
      working: true,
      kind: 'makeup_workday',
      name: '国庆节',
    });
    expect(calendar.dayInfo('2025-10-12')).toEqual({
      date: '2025-10-12',
      working: false,
      kind: 'weekend',
      provisional: false,
    });
    expect(calendar.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      working: true,
      kind: 'workday',
      provisional: true,
    });
    expect(calendar.isCovered(2026)).toBe(true);
    expect(calendar.isCovered(2027)).toBe(false);
  });

  it('finds the Nth working day after a date', () => {
    expect(calendar.nthWorkingDayAfter('2025-09-30', 1)).toEqual({
      date: '2025-10-09',
      provisional: false,
      missingYears: [],
    });
    expect(calendar.nthWorkingDayAfter('2025-09-30', 3).date).toBe('2025-10-11');
    expect(calendar.nthWorkingDayAfter('2026-12-31', 1)).toEqual({
      date: '2027-01-01',
      provisional: true,
      missingYears: [2027],
    });
    expect(calendar.nthWorkingDayAfter('2019-12-20', 300)).toMatchObject({
      provisional: true,
      missingYears: [2019],
    });
    expect(() => calendar.nthWorkingDayAfter('2025-09-30', 0)).toThrow('n must be a whole number');
  });

  describe('deadline', () => {
    it('follows docs/domain.md: start day not counted, due 24:00 of the Nth working day', () => {
      expect(calendar.deadline(at('2025-09-26T10:00:00+08:00'), 2)).toEqual({
        deadline: at('2025-09-30T00:00:00+08:00'),
        dueDate: '2025-09-29',
        provisional: false,
        missingYears: [],
        calendarVersion: OFFICIAL_CALENDAR.version,
      });
      expect(sh(calendar.deadline(at('2025-09-30T10:00:00+08:00'), 2).deadline)).toBe(
        '2025-10-11T00:00:00+08:00',
      );
      expect(sh(calendar.deadline(at('2025-10-11T10:00:00+08:00'), 2).deadline)).toBe(
        '2025-10-15T00:00:00+08:00',
      );
    });

    it('says which years are not loaded, and still answers by the weekly pattern there', () => {
      const result = calendar.deadline(at('2026-12-31T10:00:00+08:00'), 5);
      expect(result).toMatchObject({ dueDate: '2027-01-07', provisional: true, missingYears: [2027] });
      // Far ahead and far behind, every year on the way is named.
      expect(calendar.deadline(at('2026-12-31T10:00:00+08:00'), 600).missingYears).toEqual([
        2027, 2028, 2029,
      ]);
      expect(calendar.deadline(at('2018-06-01T10:00:00+08:00'), 500).missingYears).toEqual([2018, 2019]);
    });

    it('a deadline at 24:00 of 31 December 2026 is not provisional', () => {
      const result = calendar.deadline(at('2026-12-29T10:00:00+08:00'), 2);
      expect(result).toMatchObject({ dueDate: '2026-12-31', provisional: false });
      expect(calendar.remainingWorkingTime(at('2026-12-30T00:00:00+08:00'), result.deadline)).toMatchObject({
        ms: 48 * HOUR,
        provisional: false,
      });
    });

    it('rejects bad arguments, naming them', () => {
      for (const n of [0, -1, 1.5, NaN, Infinity]) {
        expect(() => calendar.deadline(at('2025-09-26T10:00:00+08:00'), n)).toThrow(
          'n must be a whole number',
        );
      }
      expect(() => calendar.deadline(new Date(NaN), 2)).toThrow('instant must be a valid Date');
      expect(() => calendar.deadline('2025-09-26' as never, 2)).toThrow('instant must be a valid Date');
      expect(() => calendar.deadline(new Date(8.64e15), 2)).toThrow('outside the range of dates');
    });

    describe('policy', () => {
      const beforeNoon = { countStartDayBeforeHour: 12 };

      it('counts a working start day taken before the cut-off hour', () => {
        expect(calendar.deadline(at('2025-09-26T11:59:59+08:00'), 2, beforeNoon).dueDate).toBe('2025-09-28');
        expect(calendar.deadline(at('2025-09-26T12:00:00+08:00'), 2, beforeNoon).dueDate).toBe('2025-09-29');
        // cut-off in Shanghai time, whatever offset the start is written in
        expect(calendar.deadline(at('2025-09-26T03:59:59Z'), 2, beforeNoon).dueDate).toBe('2025-09-28');
      });

      it('never counts a start day that is not a working day', () => {
        expect(calendar.deadline(at('2025-09-27T09:00:00+08:00'), 2, beforeNoon).dueDate).toBe('2025-09-29');
        expect(calendar.deadline(at('2025-10-01T09:00:00+08:00'), 2, beforeNoon).dueDate).toBe('2025-10-10');
      });

      it('looks at the start day, so an unloaded start year makes it provisional', () => {
        expect(calendar.deadline(at('2019-12-31T09:00:00+08:00'), 1, beforeNoon)).toMatchObject({
          dueDate: '2019-12-31',
          missingYears: [2019],
        });
        expect(calendar.deadline(at('2019-12-31T13:00:00+08:00'), 1, beforeNoon)).toMatchObject({
          dueDate: '2020-01-02',
          missingYears: [],
        });
      });

      it('can end at close of business', () => {
        const result = calendar.deadline(at('2025-09-26T10:00:00+08:00'), 2, {
          endAt: { closeOfBusinessHour: 17.5 },
        });
        expect(sh(result.deadline)).toBe('2025-09-29T17:30:00+08:00');
        expect(result.dueDate).toBe('2025-09-29');
        const explicit = calendar.deadline(at('2025-09-26T10:00:00+08:00'), 2, { endAt: 'end-of-day' });
        expect(sh(explicit.deadline)).toBe('2025-09-30T00:00:00+08:00');
      });

      it('can be the calendar default', () => {
        const office = new WorkingCalendar(OFFICIAL_CALENDAR, {
          policy: { countStartDayBeforeHour: 12, endAt: { closeOfBusinessHour: 17 } },
        });
        expect(sh(office.deadline(at('2025-09-26T09:00:00+08:00'), 2).deadline)).toBe(
          '2025-09-28T17:00:00+08:00',
        );
        expect(sh(office.deadline(at('2025-09-26T09:00:00+08:00'), 2, {}).deadline)).toBe(
          '2025-09-30T00:00:00+08:00',
        );
      });

      it.each([
        [{ countStartDayBeforeHour: -1 }, 'countStartDayBeforeHour'],
        [{ countStartDayBeforeHour: 25 }, 'countStartDayBeforeHour'],
        [{ countStartDayBeforeHour: NaN }, 'countStartDayBeforeHour'],
        [{ endAt: { closeOfBusinessHour: 0 } }, 'endAt'],
        [{ endAt: { closeOfBusinessHour: 25 } }, 'endAt'],
        [{ endAt: 'noon' as never }, 'endAt'],
      ])('rejects %j', (policy, name) => {
        expect(() => calendar.deadline(at('2025-09-26T10:00:00+08:00'), 2, policy)).toThrow(name);
      });
    });
  });

  describe('working time', () => {
    it('counts only time on working days (whole Shanghai days)', () => {
      // Fri 10:00 → Mon 10:00: 14 h Friday, Saturday off, 24 h Sunday (make-up), 10 h Monday
      const span = calendar.workingTimeBetween(
        at('2025-09-26T10:00:00+08:00'),
        at('2025-09-29T10:00:00+08:00'),
      );
      expect(span).toEqual({ ms: 48 * HOUR, workingDays: 2, provisional: false, missingYears: [] });
      // across National Day: 12 h of Sep 30 and 12 h of Oct 9
      expect(
        calendar.workingTimeBetween(at('2025-09-30T12:00:00+08:00'), at('2025-10-09T12:00:00+08:00')).ms,
      ).toBe(24 * HOUR);
      // inside a holiday, nothing
      expect(
        calendar.workingTimeBetween(at('2025-10-02T00:00:00+08:00'), at('2025-10-05T09:00:00+08:00')).ms,
      ).toBe(0);
    });

    it('is signed and additive', () => {
      const a = at('2025-09-26T10:00:00+08:00');
      const b = at('2025-10-09T03:00:00Z');
      const c = at('2026-02-25T00:00:00+08:00');
      expect(calendar.workingTimeBetween(b, a).ms).toBe(-calendar.workingTimeBetween(a, b).ms);
      expect(calendar.workingTimeBetween(a, b).ms + calendar.workingTimeBetween(b, c).ms).toBe(
        calendar.workingTimeBetween(a, c).ms,
      );
      expect(calendar.workingTimeBetween(a, a)).toEqual({
        ms: 0,
        workingDays: 0,
        provisional: false,
        missingYears: [],
      });
    });

    it('remaining working time goes negative once the deadline has passed', () => {
      const { deadline } = calendar.deadline(at('2025-09-26T10:00:00+08:00'), 2);
      expect(calendar.remainingWorkingTime(at('2025-09-29T18:00:00+08:00'), deadline).ms).toBe(6 * HOUR);
      expect(calendar.remainingWorkingTime(at('2025-09-30T06:00:00+08:00'), deadline).ms).toBe(-6 * HOUR);
    });

    it('is provisional across an unloaded year', () => {
      expect(
        calendar.workingTimeBetween(at('2026-12-31T00:00:00+08:00'), at('2027-01-02T00:00:00+08:00')),
      ).toMatchObject({ ms: 48 * HOUR, provisional: true, missingYears: [2027] });
      expect(
        calendar.workingTimeBetween(at('2027-01-02T00:00:00+08:00'), at('2026-12-31T00:00:00+08:00')),
      ).toMatchObject({ ms: -48 * HOUR, provisional: true, missingYears: [2027] });
    });
  });

  describe('milestones', () => {
    it('50 %, 75 % of the working time and one working day left (docs/domain.md, first example)', () => {
      const start = at('2025-09-26T10:00:00+08:00');
      const { deadline } = calendar.deadline(start, 2);
      // working time: 14 h Fri + 24 h Sun (make-up) + 24 h Mon = 62 h
      const m = calendar.milestones(start, deadline);
      expect([sh(m.half), sh(m.threeQuarters), sh(m.oneWorkingDayLeft)]).toEqual([
        '2025-09-28T17:00:00+08:00', // 31 h: 14 h Fri + 17 h Sun
        '2025-09-29T08:30:00+08:00', // 46.5 h
        '2025-09-29T00:00:00+08:00', // 38 h elapsed, 24 h left
      ]);
      expect(m).toMatchObject({ provisional: false, missingYears: [] });
    });

    it('takes the earliest instant when a milestone falls at a day boundary before days off', () => {
      // 48 h of working time: Sep 30 and Oct 9; half is reached at the end of Sep 30, before the holiday
      const m = calendar.milestones(at('2025-09-30T00:00:00+08:00'), at('2025-10-10T00:00:00+08:00'));
      expect(sh(m.half)).toBe('2025-10-01T00:00:00+08:00');
      expect(sh(m.threeQuarters)).toBe('2025-10-09T12:00:00+08:00');
      expect(sh(m.oneWorkingDayLeft)).toBe('2025-10-01T00:00:00+08:00');
    });

    it('takes other fractions and days left', () => {
      const start = at('2025-03-10T00:00:00+08:00'); // Monday
      const { deadline } = calendar.deadline(at('2025-03-09T12:00:00+08:00'), 10); // 10 working days
      const m = calendar.milestones(start, deadline, { half: 0.2, threeQuarters: 0.9, workingDaysLeft: 2 });
      expect([sh(m.half), sh(m.threeQuarters), sh(m.oneWorkingDayLeft)]).toEqual([
        '2025-03-12T00:00:00+08:00', // 2 of 10 days: end of Tue 03-11
        '2025-03-21T00:00:00+08:00', // 9 of 10 days: end of Thu 03-20
        '2025-03-20T00:00:00+08:00', // 2 days left: end of Wed 03-19
      ]);
    });

    it('collapses to the start when there is (almost) no working time', () => {
      const start = at('2025-10-02T10:00:00+08:00');
      const m = calendar.milestones(start, at('2025-10-05T00:00:00+08:00'));
      expect([m.half, m.threeQuarters, m.oneWorkingDayLeft]).toEqual([start, start, start]);
      const short = calendar.milestones(at('2025-10-09T12:00:00+08:00'), at('2025-10-10T00:00:00+08:00'));
      expect(sh(short.oneWorkingDayLeft)).toBe('2025-10-09T12:00:00+08:00');
      expect(sh(short.half)).toBe('2025-10-09T18:00:00+08:00');
    });

    it('is provisional across an unloaded year, and checks its options', () => {
      const start = at('2026-12-30T10:00:00+08:00');
      const { deadline } = calendar.deadline(start, 3);
      expect(calendar.milestones(start, deadline)).toMatchObject({ provisional: true, missingYears: [2027] });
      expect(() => calendar.milestones(start, deadline, { half: 1.5 })).toThrow('half must be a fraction');
      expect(() => calendar.milestones(start, deadline, { workingDaysLeft: -1 })).toThrow('workingDaysLeft');
    });
  });
});

describe('WorkingCalendar (other data)', () => {
  it('with no year loaded, everything is provisional and follows the weekly pattern', () => {
    const empty = new WorkingCalendar(data([]));
    expect(empty.deadline(at('2025-09-26T10:00:00+08:00'), 2)).toMatchObject({
      dueDate: '2025-09-30',
      provisional: true,
      missingYears: [2025],
      calendarVersion: 'test-1',
    });
    expect(empty.coveredYears).toEqual([]);
  });

  it('names a gap year between loaded years', () => {
    const gappy = new WorkingCalendar(
      data([
        year(2024, [{ date: '2024-12-31', kind: 'holiday' }]),
        year(2026, [{ date: '2026-01-02', kind: 'holiday' }]),
      ]),
    );
    expect(gappy.deadline(at('2024-12-30T10:00:00+08:00'), 1)).toMatchObject({
      dueDate: '2025-01-01',
      missingYears: [2025],
    });
    expect(gappy.deadline(at('2024-12-20T10:00:00+08:00'), 3)).toMatchObject({
      dueDate: '2024-12-25',
      provisional: false,
    });
    expect(gappy.deadline(at('2025-12-31T10:00:00+08:00'), 1)).toMatchObject({
      dueDate: '2026-01-01',
      provisional: false,
    });
    expect(gappy.deadline(at('2025-12-31T10:00:00+08:00'), 2)).toMatchObject({
      dueDate: '2026-01-05',
      provisional: false,
    });
    expect(gappy.nthWorkingDayAfter('2024-12-30', 300)).toMatchObject({ missingYears: [2025] });
  });

  it('supports another weekly pattern (e.g. Friday and Saturday off)', () => {
    const fridaySaturday = new WorkingCalendar(
      data([year(2025, [{ date: '2025-10-03', kind: 'makeup_workday' }])], [5, 6]),
    );
    expect(fridaySaturday.isWorkingDay('2025-09-28')).toBe(true); // Sunday
    expect(fridaySaturday.isWorkingDay('2025-10-03')).toBe(true); // Friday, make-up
    expect(fridaySaturday.deadline(at('2025-09-25T10:00:00+08:00'), 1).dueDate).toBe('2025-09-28');
    expect(fridaySaturday.deadline(at('2024-09-25T10:00:00+08:00'), 1)).toMatchObject({
      dueDate: '2024-09-26',
      missingYears: [2024],
    });
    expect(fridaySaturday.deadline(at('2026-09-24T10:00:00+08:00'), 1)).toMatchObject({
      dueDate: '2026-09-27',
      missingYears: [2026],
    });
  });
});
