/**
 * Resident ID numbers (居民身份证号) per GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberRule = 'length' | 'format' | 'legacy15' | 'birthDate' | 'birthDateFuture' | 'checkChar';

export type IdNumberResult =
  | { valid: true; normalized: string; birthDate: string; gender: 'male' | 'female'; areaCode: string }
  | { valid: false; rule: IdNumberRule; message: { zh: string; en: string } };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trims, upper-cases a final `x`; everything else must already be exact. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * Validates an ID number. Unknown area codes are accepted on purpose: retired codes stay valid on issued
 * cards. `today` (YYYY-MM-DD, Asia/Shanghai) bounds the birth date. Messages never echo the value.
 */
export function validateIdNumber(raw: string, today: string = shanghaiToday()): IdNumberResult {
  const value = normalizeIdNumber(raw);
  if (/^\d{15}$/.test(value)) {
    return fail(
      'legacy15',
      '15 位旧身份证号已停止使用，请提供 18 位身份证号',
      'a 15-digit (pre-1999) ID number is no longer valid; give the 18-character number',
    );
  }
  if (value.length !== 18) {
    return fail('length', '身份证号必须为 18 位', 'must be 18 characters long');
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return fail(
      'format',
      '身份证号前 17 位必须为数字，最后一位为数字或 X',
      'must be 17 digits then a digit or X',
    );
  }
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') {
    return fail('birthDate', '身份证号中的出生日期不存在', 'the birth date inside it is not a real date');
  }
  if (birthDate > today) {
    return fail('birthDateFuture', '身份证号中的出生日期在未来', 'the birth date inside it is in the future');
  }
  if (idCheckChar(value) !== value[17]) {
    return fail('checkChar', '身份证号校验位错误', 'the check character (MOD 11-2) does not match');
  }
  return {
    valid: true,
    normalized: value,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    areaCode: value.slice(0, 6),
  };
}

export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD, whatever the server's zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

function fail(rule: IdNumberRule, zh: string, en: string): IdNumberResult {
  return { valid: false, rule, message: { zh, en } };
}
