import {
  MS_PER_DAY,
  civilFromDay,
  dayFromCivil,
  formatDay,
  formatShanghaiInstant,
  isoWeekday,
  parseDay,
  parseInstant,
  shanghaiDateOf,
  shanghaiDayOf,
  startOfShanghaiDay,
  tryParseDay,
} from './day-number';

describe('day numbers', () => {
  it('counts days from 1970-01-01 like Date.UTC, for every day 1900-2100', () => {
    const wrong: number[] = [];
    for (let day = dayFromCivil(1900, 1, 1); day <= dayFromCivil(2100, 12, 31); day++) {
      const utc = new Date(day * MS_PER_DAY);
      const c = civilFromDay(day);
      if (
        c.year !== utc.getUTCFullYear() ||
        c.month !== utc.getUTCMonth() + 1 ||
        c.day !== utc.getUTCDate() ||
        dayFromCivil(c.year, c.month, c.day) !== day ||
        isoWeekday(day) !== (utc.getUTCDay() || 7) ||
        formatDay(day) !== utc.toISOString().slice(0, 10)
      ) {
        wrong.push(day);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('works before 1970 and for far years', () => {
    expect(dayFromCivil(1969, 12, 31)).toBe(-1);
    expect(formatDay(-1)).toBe('1969-12-31');
    expect(isoWeekday(-1)).toBe(3);
    expect(formatDay(dayFromCivil(9999, 12, 31))).toBe('9999-12-31');
    expect(formatDay(dayFromCivil(1000, 2, 28) + 1)).toBe('1000-03-01'); // 1000 is not a leap year
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseDay('2024-02-29')).toBe(dayFromCivil(2024, 2, 29));
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-1-5',
      '20250105',
      '2025-01-05T00:00',
      '',
      ' 2025-01-05',
    ]) {
      expect(tryParseDay(bad)).toBeUndefined();
      expect(() => parseDay(bad)).toThrow(RangeError);
    }
    expect(() => parseDay('2025-02-30')).toThrow('"2025-02-30"');
  });

  it('takes the Shanghai day of an instant, whatever the offset it was written in', () => {
    expect(formatDay(shanghaiDayOf(Date.parse('2025-09-29T15:59:59.999Z')))).toBe('2025-09-29');
    expect(formatDay(shanghaiDayOf(Date.parse('2025-09-29T16:00:00Z')))).toBe('2025-09-30');
    expect(shanghaiDateOf(new Date('2025-09-29T12:00:00-04:00'))).toBe('2025-09-30');
    expect(startOfShanghaiDay(parseDay('2025-09-30'))).toBe(Date.parse('2025-09-30T00:00:00+08:00'));
  });
});

describe('parseInstant', () => {
  it.each([
    ['2025-09-26T10:00:00+08:00', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26T10:00+08:00', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26T10:00:00+0800', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26T02:00:00Z', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26t02:00:00z', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26 02:00:00Z', '2025-09-26T02:00:00.000Z'],
    ['2025-09-25T22:00:00-04:00', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26T07:30:00+05:30', '2025-09-26T02:00:00.000Z'],
    ['2025-09-26T02:00:00.5Z', '2025-09-26T02:00:00.500Z'],
    ['2025-09-26T02:00:00,123456Z', '2025-09-26T02:00:00.123Z'],
    ['2025-09-29T24:00:00+08:00', '2025-09-29T16:00:00.000Z'],
    ['2025-09-29T24:00+08:00', '2025-09-29T16:00:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it.each([
    '2025-09-26T10:00:00', // no offset: would depend on the process time zone
    '2025-09-26',
    '2025-02-30T10:00:00Z',
    '2025-09-26T25:00:00Z',
    '2025-09-26T24:00:01Z',
    '2025-09-26T10:60:00Z',
    '2025-09-26T10:00:60Z',
    '2025-09-26T10:00:00+24:00',
    '2025-09-26T10:00:00+08:60',
    'yesterday',
    '',
  ])('rejects %j, naming it', (text) => {
    expect(() => parseInstant(text)).toThrow(RangeError);
    expect(() => parseInstant(text)).toThrow(JSON.stringify(text));
  });
});

describe('formatShanghaiInstant', () => {
  it('prints +08:00, with milliseconds only when there are some', () => {
    expect(formatShanghaiInstant(new Date('2025-09-29T16:00:00Z'))).toBe('2025-09-30T00:00:00+08:00');
    expect(formatShanghaiInstant(new Date('2025-09-29T15:59:59.999Z'))).toBe('2025-09-29T23:59:59.999+08:00');
    expect(formatShanghaiInstant(new Date('1969-12-31T16:00:00Z'))).toBe('1970-01-01T00:00:00+08:00');
    expect(() => formatShanghaiInstant(new Date(NaN))).toThrow(RangeError);
  });

  it('round-trips through parseInstant', () => {
    for (
      let ms = Date.parse('2019-12-31T00:00:00Z');
      ms < Date.parse('2020-01-02T00:00:00Z');
      ms += 3_599_999
    ) {
      expect(parseInstant(formatShanghaiInstant(new Date(ms))).getTime()).toBe(ms);
    }
  });
});
