/**
 * Calendar-date arithmetic on integer day numbers, in the fixed offset of China Standard Time.
 *
 * A day number is the count of days since 1970-01-01 (day 0), counted in UTC+08:00: the Shanghai
 * calendar day that contains an instant is `floor((epochMs + 8 h) / 24 h)`. Asia/Shanghai has kept
 * UTC+08:00 without daylight saving time since 1991, so this fixed offset is exact for every date
 * this library deals with (2020 onwards). Nothing here reads the process time zone: no
 * `Date#getDay()`, `getHours()`, `toLocaleString()` or `Intl`, only `Date.UTC` and epoch milliseconds.
 */

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** UTC+08:00, the offset of Asia/Shanghai (no DST since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * MS_PER_HOUR;

/** The Shanghai calendar day (day number) that contains the instant `epochMs`. */
export function shanghaiDayOf(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
}

/** The instant 00:00 Shanghai time of the day `day`. */
export function startOfShanghaiDay(day: number): number {
  return day * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Day number of a proleptic Gregorian date (month 1-12), pure arithmetic (Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The Gregorian year, month (1-12) and day of month of a day number (Hinnant's civil_from_days). */
export function civilFromDay(day: number): { year: number; month: number; day: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** The Gregorian year of a day number. */
export function yearOfDay(day: number): number {
  return civilFromDay(day).year;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number (years 0-9999). */
export function formatDay(day: number): string {
  const c = civilFromDay(day);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Day number of a `YYYY-MM-DD` date, or `undefined` when it is not a real calendar date. */
export function tryParseDay(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, dayOfMonth] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, dayOfMonth);
}

/** Day number of a `YYYY-MM-DD` date; throws a RangeError naming the text when it is not one. */
export function parseDay(text: string): number {
  const day = typeof text === 'string' ? tryParseDay(text) : undefined;
  if (day === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return day;
}

const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO-8601 / RFC 3339 instant with an explicit offset (`Z` or `±HH:MM`), e.g.
 * `2025-09-26T10:00:00+08:00` or `2025-09-26T02:00Z`. An offset is required: a local date-time alone
 * would mean whatever the process time zone is. `24:00` (end of day) is accepted. Fractions of a
 * millisecond are truncated. Throws a RangeError naming the text when it is not such an instant.
 */
export function parseInstant(text: string): Date {
  const m = typeof text === 'string' ? INSTANT_RE.exec(text) : null;
  const bad = (why: string) =>
    new RangeError(`not an ISO-8601 instant with an offset (${why}): ${JSON.stringify(text)}`);
  if (!m) throw bad('expected e.g. 2025-09-26T10:00:00+08:00 or 2025-09-26T02:00:00Z');
  const day = tryParseDay(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === undefined) throw bad('no such calendar date');
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const millis = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millis === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) throw bad('time out of range');
  let offsetMs = 0;
  if (!m[8]) {
    const [offH, offM] = [Number(m[10]), Number(m[11])];
    if (offH > 23 || offM > 59) throw bad('offset out of range');
    offsetMs = (m[9] === '-' ? -1 : 1) * (offH * MS_PER_HOUR + offM * 60_000);
  }
  const epochMs = day * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000 + second * 1000 + millis - offsetMs;
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw bad('outside the range of dates');
  return date;
}

/**
 * ISO-8601 text of an instant in Shanghai time, e.g. `2025-09-30T00:00:00+08:00`; milliseconds are
 * shown only when not zero. The legal "24:00 of day D" is printed as `D+1T00:00:00+08:00`.
 */
export function formatShanghaiInstant(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  const day = shanghaiDayOf(ms);
  let rest = ms + SHANGHAI_OFFSET_MS - day * MS_PER_DAY;
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${formatDay(day)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fraction}+08:00`;
}

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDateOf(instant: Date): string {
  return formatDay(shanghaiDayOf(instant.getTime()));
}
