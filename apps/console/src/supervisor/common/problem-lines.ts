import { ApiError } from '../../shared/api';
import { errorMessage, type Language, localized } from '../../shared/i18n-helpers';

/**
 * The lines of a failed call for an error box: the problem's detail, then each field error the form does not
 * show next to an input. The servers' field messages already name their field, so they are shown as given.
 */
export function problemLines(
  error: unknown,
  language: Language,
  shownOnForm: readonly string[] = [],
): string[] {
  if (!(error instanceof ApiError)) return [errorMessage(error, language)];
  return [
    localized(error.detail, language),
    ...error.fieldErrors.filter((f) => !shownOnForm.includes(f.field)).map((f) => f.message[language]),
  ];
}
