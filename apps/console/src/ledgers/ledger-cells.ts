import type { Language } from '../shared/i18n-helpers';

/**
 * The ledgers keep their word values in both languages ("女 Female", "登记失业 Registered unemployed") because
 * the files and the closed month's snapshot are read in either; the screen shows the reader's language.
 * Anything else (names, dates, numbers, free text) is shown as it is.
 */
const BILINGUAL = /^([^\sA-Za-z]+) ([A-Za-z][A-Za-z ,'()/-]*)$/;

export function cellText(
  value: string | number | null | undefined,
  language: Language,
): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value;
  const both = BILINGUAL.exec(value);
  if (!both) return value;
  return language === 'en' ? both[2] : both[1];
}
