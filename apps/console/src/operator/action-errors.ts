import type { TFunction } from 'i18next';
import { ApiError } from '../shared/api';
import { errorMessage, type Language } from '../shared/i18n-helpers';

/** An action's failure as an operator can act on it: 409 = the state moved on, 503 = try again later. */
export function actionErrorMessage(error: unknown, language: Language, t: TFunction): string {
  const detail = errorMessage(error, language);
  const colon = language === 'zh' ? '：' : ': ';
  if (error instanceof ApiError && error.status === 409)
    return `${t('operator:action.conflict')}${colon}${detail}`;
  if (error instanceof ApiError && error.status === 503)
    return `${t('operator:action.unavailable')}${colon}${detail}`;
  return detail;
}
