import { threePlusOneStrings } from './i18n';
import { chosenUnit, daysLeftColour, daysLeftWords, jobWords, kpiUnit, trainingWords } from './worklist-rows';

const count = (confirmed: number, pending: number, target: number) => ({ confirmed, pending, target });

describe('3+1 worklist rows in words', () => {
  it('says the days left, the last day and how long ago a year ended', () => {
    expect(daysLeftWords({ daysLeft: 24 })).toEqual({ key: 'days.left', values: { n: 24 } });
    expect(daysLeftWords({ daysLeft: 0 })).toEqual({ key: 'days.lastDay' });
    expect(daysLeftWords({ daysLeft: -8 })).toEqual({ key: 'days.ended', values: { n: 8 } });
  });

  it('colours the warning orange and an ended year red', () => {
    expect(daysLeftColour({ status: 'at-risk' })).toBe('orange');
    expect(daysLeftColour({ status: 'ended-unmet' })).toBe('red');
    expect(daysLeftColour({ status: 'on-track' })).toBe('default');
  });

  it('tells a confirmed training from one awaiting the person and from none', () => {
    expect(trainingWords({ training: count(1, 0, 1) }).key).toBe('progress.trainingDone');
    expect(trainingWords({ training: count(0, 1, 1) }).key).toBe('progress.trainingPending');
    expect(trainingWords({ training: count(0, 0, 1) }).key).toBe('progress.trainingNone');
  });

  it('counts confirmed job recommendations and names the pending ones apart', () => {
    expect(jobWords({ jobs: count(1, 0, 3) })).toEqual([{ key: 'progress.jobs', values: { confirmed: 1 } }]);
    expect(jobWords({ jobs: count(2, 1, 3) })[1]).toEqual({ key: 'progress.jobsPending', values: { n: 1 } });
  });

  it('narrows the figures to the finest unit chosen', () => {
    expect(kpiUnit({ districtCode: '510107', streetCode: '510107003' })).toBe('510107003');
    expect(kpiUnit({})).toBeUndefined();
  });

  it('narrows the list to the finest level chosen below the user’s own unit', () => {
    const street = { city: '510100', district: '510107', street: '510107003' };
    expect(chosenUnit({ fixed: street, districtCode: '510107', streetCode: '510107003' })).toBeUndefined();
    expect(
      chosenUnit({
        fixed: street,
        districtCode: '510107',
        streetCode: '510107003',
        communityCode: '510107003002',
      }),
    ).toBe('510107003002');
    expect(chosenUnit({ fixed: { district: undefined }, districtCode: '510104' })).toBe('510104');
  });

  it('has the same keys and placeholders in Chinese and English', () => {
    const entries = (strings: object, prefix = ''): Array<[string, string]> =>
      Object.entries(strings).flatMap(([key, value]): Array<[string, string]> =>
        typeof value === 'object' && value !== null
          ? entries(value as object, `${prefix}${key}.`)
          : [[`${prefix}${key}`, String(value)]],
      );
    const zh = new Map(entries(threePlusOneStrings.zh));
    const en = new Map(entries(threePlusOneStrings.en));
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    const placeholders = (text = '') =>
      [...text.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join();
    expect([...zh].filter(([key, text]) => placeholders(text) !== placeholders(en.get(key)))).toEqual([]);
    // Every key the helpers name exists.
    for (const key of ['days.left', 'days.lastDay', 'days.ended', 'progress.jobs', 'progress.jobsPending'])
      expect(zh.has(key) && en.has(key)).toBe(true);
  });
});
