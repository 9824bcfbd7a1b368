import { createHash } from 'node:crypto';

/**
 * Deterministic, valid-looking identifiers for demo data: the same input always gives the same value, so a
 * second run finds what the first one created. None of them belongs to a real person or company.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/**
 * A resident ID number (GB 11643): 6-digit area code, birth date, 3-digit sequence (odd = male, even =
 * female), MOD 11-2 check character.
 */
export function idNumber(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumber: area code, birth date or sequence malformed');
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i], 0);
  return `${first17}${ID_CHECK_CHARS[sum % 11]}`;
}

const MOBILE_PREFIXES = ['138', '139', '150', '158', '182', '186', '189', '177'];

/** A mainland mobile number, 1[3-9] + 9 digits, distinct for each index below 10,000. */
export function mobile(index: number): string {
  const prefix = MOBILE_PREFIXES[index % MOBILE_PREFIXES.length];
  return `${prefix}${String(2_806_0000 + index)
    .padStart(8, '0')
    .slice(-8)}`;
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A unified social credit code (GB 32100): "91" (enterprise registered with market regulation), the
 * district's division code, a 9-character organisation code, and the check character.
 */
export function uscc(divisionCode: string, serial: number): string {
  const first17 = `91${divisionCode}MA6C${String(serial).padStart(5, '0')}`;
  const sum = [...first17].reduce((total, c, i) => total + USCC_CHARSET.indexOf(c) * USCC_WEIGHTS[i], 0);
  return `${first17}${USCC_CHARSET[(31 - (sum % 31)) % 31]}`;
}

/**
 * A fixed UUID (version 4 layout) for a demo key, for APIs whose idempotency key must be a UUID: the same key
 * always gives the same UUID, so a rerun repeats the same request instead of making a second one.
 */
export function demoUuid(key: string): string {
  const hex = createHash('sha256').update(`demo-962110:${key}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Day of the week of a yyyy-mm-dd day: 0 Sunday … 6 Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar date (yyyy-mm-dd) of an instant (China has no daylight saving time). */
export function shanghaiDay(instant: Date = new Date()): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** yyyy-mm-dd plus a number of calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The month of a yyyy-mm-dd day plus a number of months, as yyyy-mm (capacity and pool periods). */
export function period(day: string, monthsAhead = 0): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + monthsAhead);
  return date.toISOString().slice(0, 7);
}

/** An instant at a Shanghai wall-clock time on a day, as ISO-8601 with the +08:00 offset. */
export function shanghaiInstant(day: string, time: string): string {
  return `${day}T${time}:00+08:00`;
}
