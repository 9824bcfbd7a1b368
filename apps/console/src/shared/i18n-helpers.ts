import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

export type Language = 'zh' | 'en';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

/** Services answer "English / 中文"; show the side of the console's language. */
export function localized(text: string, language: Language): string {
  const [english, chinese] = text.split(' / ');
  if (chinese === undefined) return text;
  return language === 'zh' ? chinese : english;
}

/** A readable message for any error thrown by a call. */
export function errorMessage(error: unknown, language: Language): string {
  if (error instanceof ApiError) {
    const detail = localized(error.detail, language);
    const fields = error.fieldErrors.map((f) => fieldLine(f.field, f.message[language]));
    return [detail, ...fields].join('；');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Puts a 400's field errors on the form's fields ("person.idNumber" → ["person", "idNumber"]). Returns the
 * errors that match no field, for a general message.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, language: Language): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error, language)];
  const known = new Set(
    Object.keys(flatten(form.getFieldsValue(true) as Record<string, unknown>)).map((key) => key),
  );
  const unmatched: string[] = [];
  const fields = error.fieldErrors
    .filter((f) => {
      if (known.has(f.field)) return true;
      unmatched.push(fieldLine(f.field, f.message[language]));
      return false;
    })
    .map((f) => ({ name: f.field.split('.'), errors: [f.message[language]] }));
  form.setFields(fields);
  if (!error.fieldErrors.length || unmatched.length) unmatched.unshift(localized(error.detail, language));
  return unmatched;
}

/** "field: message", unless the service already named the field in its message. */
function fieldLine(field: string, message: string): string {
  return message.startsWith(field) ? message : `${field}: ${message}`;
}

function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof Date)) {
      Object.assign(out, flatten(inner as Record<string, unknown>, path));
    }
    out[path] = inner;
  }
  return out;
}
