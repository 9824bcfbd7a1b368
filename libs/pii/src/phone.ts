/** Mainland mobile numbers: 1[3-9] + 9 digits, optionally prefixed with +86 or 86 (spaces and dashes ignored). */
export type PhoneResult =
  | { valid: true; normalized: string }
  | { valid: false; rule: 'mobileFormat'; message: { zh: string; en: string } };

export function validateMobile(raw: string): PhoneResult {
  const compact = raw.replace(/[\s-]/g, '');
  const match = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(compact);
  if (!match) {
    return {
      valid: false,
      rule: 'mobileFormat',
      message: {
        zh: '手机号必须为 1[3-9] 开头的 11 位数字，可带 +86 或 86 前缀',
        en: 'must be an 11-digit mobile number starting 1[3-9], optionally prefixed +86 or 86',
      },
    };
  }
  return { valid: true, normalized: match[1] };
}
