import type { Enrolment } from './api-types';
import { actionsFor, outcomeKey, percent, targetColour, targetKey } from './training-words';

const rate = (value: number | null, met: boolean | null) => ({
  rate: value,
  numerator: 0,
  denominator: 0,
  target: 0.9,
  met,
});

describe('training words', () => {
  it('shows shares as percentages, a dash when nothing is measured', () => {
    expect(percent(0.75)).toBe('75%');
    expect(percent(0.9055)).toBe('90.6%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });

  it('says whether a rate met the 90 % target', () => {
    expect(targetKey(rate(0.9, true))).toBe('target.met');
    expect(targetKey(rate(0.5, false))).toBe('target.notMet');
    expect(targetKey(rate(null, null))).toBe('target.none');
    expect(targetColour(rate(0.5, false))).toBe('red');
    expect(targetColour(rate(null, null))).toBeUndefined();
  });

  it('offers only the steps the status allows', () => {
    expect(actionsFor('referred')).toEqual(['enrol', 'drop']);
    expect(actionsFor('enrolled')).toEqual(['attendance', 'completion', 'drop']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('dropped')).toEqual([]);
  });

  it('words the outcome of a finished enrolment', () => {
    const base = { status: 'completed', passed: true, certificateNo: 'ZS-1', dropReason: null } as Enrolment;
    expect(outcomeKey(base)).toEqual({ key: 'outcome.passed', values: { certificate: 'ZS-1' } });
    expect(outcomeKey({ ...base, passed: false })).toEqual({ key: 'outcome.failed' });
    expect(outcomeKey({ ...base, status: 'dropped', dropReason: '搬家' })).toEqual({
      key: 'outcome.dropped',
      values: { reason: '搬家' },
    });
    expect(outcomeKey({ ...base, status: 'enrolled' })).toBeNull();
  });
});
