import { supervisorStrings } from './i18n';

/** Every [key path, text] of a nested strings object, e.g. ["board.views.all", "全部在办"]. */
function entriesOf(strings: object, prefix = ''): Array<[string, string]> {
  return Object.entries(strings).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'object' && value !== null
      ? entriesOf(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}

describe('supervisor strings', () => {
  const zh = entriesOf(supervisorStrings.zh);
  const en = entriesOf(supervisorStrings.en);

  it('has the same keys in Chinese and English', () => {
    expect(en.map(([key]) => key).sort()).toEqual(zh.map(([key]) => key).sort());
  });

  it('has no empty text', () => {
    expect([...zh, ...en].filter(([, text]) => !text.trim())).toEqual([]);
  });
});
