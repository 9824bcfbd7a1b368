import { againstTarget, trainingKpis } from './training-kpis';

describe('training KPIs against the 90 % targets', () => {
  it('meets the target at exactly 90 % and misses it just below', () => {
    expect(againstTarget(9, 10)).toEqual({
      rate: 0.9,
      numerator: 9,
      denominator: 10,
      target: 0.9,
      met: true,
    });
    expect(againstTarget(89, 100).met).toBe(false);
    expect(againstTarget(899, 1000)).toMatchObject({ rate: 0.899, met: false });
  });

  it('measures nothing on an empty denominator', () => {
    expect(againstTarget(0, 0)).toMatchObject({ rate: null, met: null });
  });

  it('passes over completed enrolments, employment over closed 6-month windows only', () => {
    const kpis = trainingKpis({
      referred: 12,
      enrolled: 10,
      completed: 10,
      passed: 9,
      windowClosed: 4,
      employedAfter: 3,
      employedSoFarOpen: 5,
    });
    expect(kpis.passRate).toMatchObject({ rate: 0.9, met: true });
    expect(kpis.employedAfterTrainingRate).toMatchObject({
      rate: 0.75,
      numerator: 3,
      denominator: 4,
      met: false,
    });
    expect(kpis.employedSoFarWindowOpen).toBe(5);
  });
});
