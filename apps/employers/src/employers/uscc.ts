/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set (no I, O, Z,
 * S, V); characters 3–8 are the administrative division code (digits); the last one is a check character.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem = 'length' | 'charset' | 'division' | 'checkCharacter';

/** The check character for the first 17 characters (assumed to be from the charset). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Upper-cases and trims; the code is case-insensitive on paper but stored upper-case. */
export function normalizeUscc(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The first rule the (normalized) code breaks, or null when it is valid. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const c of code) if (!USCC_CHARSET.includes(c)) return 'charset';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'checkCharacter';
  return null;
}

export const USCC_MESSAGES: Record<UsccProblem, { zh: string; en: string }> = {
  length: {
    zh: '统一社会信用代码必须为 18 位',
    en: 'the unified social credit code must have 18 characters',
  },
  charset: {
    zh: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
    en: 'the unified social credit code contains a character outside its set (no I, O, Z, S, V)',
  },
  division: {
    zh: '统一社会信用代码第 3–8 位必须是行政区划代码（数字）',
    en: 'characters 3–8 of the unified social credit code must be the division code (digits)',
  },
  checkCharacter: {
    zh: '统一社会信用代码校验位不正确',
    en: 'the check character of the unified social credit code is wrong',
  },
};
