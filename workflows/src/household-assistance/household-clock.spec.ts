import { DEFAULT_HOUSEHOLD_POLICY } from '@platform/contracts';
import {
  addMonths,
  doubleEmploymentClock,
  followUpsFrom,
  instantOr,
  oneMemberClock,
  shanghaiDate,
  shanghaiMidnight,
} from './household-clock';

const policy = DEFAULT_HOUSEHOLD_POLICY;
/** An instant as Shanghai wall time, e.g. `2027-03-26T00:00:00+08:00`. */
const shanghai = (iso: string) =>
  `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

describe('the household clocks (calendar days and months, Shanghai dates)', () => {
  it('counts 20 calendar days from day 0, the Shanghai date the household was found; due at 00:00 after day 20', () => {
    const clock = oneMemberClock('2027-03-05T02:00:00Z', policy); // Friday 10:00 in Shanghai
    expect(clock.dueDate).toBe('2027-03-25');
    expect(shanghai(clock.dueAt)).toBe('2027-03-26T00:00:00+08:00');
    expect(shanghai(clock.warnAt)).toBe('2027-03-21T00:00:00+08:00'); // 5 days before the breach instant
    expect(clock).toMatchObject({ warned: false, breached: false, metAt: null });
  });

  it('takes day 0 in Shanghai, not in UTC: 01:30 on 03-05 in Shanghai is still 03-04 in UTC', () => {
    expect(shanghaiDate('2027-03-04T17:30:00Z')).toBe('2027-03-05');
    expect(oneMemberClock('2027-03-04T17:30:00Z', policy).dueDate).toBe('2027-03-25');
    // One minute before midnight in Shanghai is the day before.
    expect(oneMemberClock('2027-03-04T15:59:00Z', policy).dueDate).toBe('2027-03-24');
  });

  it('crosses a month and a year end by calendar days', () => {
    expect(oneMemberClock('2027-12-20T04:00:00Z', policy).dueDate).toBe('2028-01-09');
    expect(oneMemberClock('2028-02-15T04:00:00Z', policy).dueDate).toBe('2028-03-06'); // 2028 is a leap year
  });

  it('adds calendar months, clamping the day to the end of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-08-31', 1)).toBe('2027-09-30');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
  });

  it('gives double employment one calendar month from the Shanghai date of the request', () => {
    const clock = doubleEmploymentClock('2027-01-31T02:00:00Z', policy);
    expect(clock.dueDate).toBe('2027-02-28');
    expect(shanghai(clock.dueAt)).toBe('2027-03-01T00:00:00+08:00');
    expect(shanghai(clock.warnAt)).toBe('2027-02-24T00:00:00+08:00');
  });

  it('sets the follow-ups at 00:00 Shanghai, 1, 3 and 6 months after the day the household left the status', () => {
    const followUps = followUpsFrom('2027-08-31T01:00:00Z', policy);
    expect(followUps.map((f) => [f.month, shanghai(f.dueAt)])).toEqual([
      [1, '2027-09-30T00:00:00+08:00'],
      [3, '2027-11-30T00:00:00+08:00'],
      [6, '2028-02-29T00:00:00+08:00'],
    ]);
    expect(followUpsFrom('2027-03-24T02:00:00Z', { ...policy, followUpMonths: [3, 1, 3] })).toHaveLength(2);
  });

  it('writes midnights and instants as UTC ISO strings; a bad signal time falls back', () => {
    expect(shanghaiMidnight('2027-03-26')).toBe('2027-03-25T16:00:00.000Z');
    expect(instantOr('2027-03-24T10:00:00+08:00', 'x')).toBe('2027-03-24T02:00:00.000Z');
    expect(instantOr('yesterday', 'fallback')).toBe('fallback');
    expect(instantOr(undefined, 'fallback')).toBe('fallback');
  });
});
