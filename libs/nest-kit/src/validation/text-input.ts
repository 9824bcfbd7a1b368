/**
 * Text is validated as it will be stored: trimmed first (`@Transform(trim)` before the length rules), so a
 * value of spaces breaks its rule and answers 400 instead of being saved blank.
 */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** `trim` for each element of an array of text. */
export const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => trim({ value: item })) : value;
