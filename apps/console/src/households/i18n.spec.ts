import { householdStrings } from './i18n';

/** Every [key path, text] of a nested strings object. */
function entriesOf(strings: object, prefix = ''): Array<[string, string]> {
  return Object.entries(strings).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'object' && value !== null
      ? entriesOf(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

describe('household strings', () => {
  const zh = entriesOf(householdStrings.zh);
  const en = entriesOf(householdStrings.en);

  it('has the same keys in Chinese and English', () => {
    expect(en.map(([key]) => key).sort()).toEqual(zh.map(([key]) => key).sort());
  });

  it('has no empty text', () => {
    expect([...zh, ...en].filter(([, text]) => !text.trim())).toEqual([]);
  });

  it('has the same placeholders on both sides', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const english = new Map(en);
    expect(
      zh.filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? '').join()),
    ).toEqual([]);
  });
});
