import { isoWeekday, sameDays, withDay, withoutDay } from './calendar-days';

describe('calendar days', () => {
  const year = [
    { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
    { date: '2027-10-01', kind: 'holiday' as const, name: '国庆节' },
  ];

  it('adds a day in date order and trims its name', () => {
    expect(withDay(year, { date: '2027-02-06', kind: 'makeup_workday', name: ' 春节调休 ' })).toEqual([
      year[0],
      { date: '2027-02-06', kind: 'makeup_workday', name: '春节调休' },
      year[1],
    ]);
  });

  it('replaces the entry of the same date and drops an empty name', () => {
    expect(withDay(year, { date: '2027-01-01', kind: 'makeup_workday', name: '  ' })).toEqual([
      { date: '2027-01-01', kind: 'makeup_workday' },
      year[1],
    ]);
  });

  it('removes a day', () => {
    expect(withoutDay(year, '2027-01-01')).toEqual([year[1]]);
  });

  it('compares lists regardless of order', () => {
    expect(sameDays(year, [year[1], year[0]])).toBe(true);
    expect(sameDays(year, [year[0]])).toBe(false);
    expect(sameDays(year, [year[0], { ...year[1], name: '国庆' }])).toBe(false);
  });

  it('reads the ISO weekday of a civil date', () => {
    expect(isoWeekday('2027-01-01')).toBe(5); // a Friday
    expect(isoWeekday('2027-01-03')).toBe(7); // a Sunday
  });
});
