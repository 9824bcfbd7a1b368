import { fixedOrgLevels, rowClassOf, urgencyOf } from './board-rows';

const base = { breached: false, atRisk: false, placedAt: null, promiseWaived: false };

describe('board rows', () => {
  it('ranks breached above every other urgency', () => {
    expect(urgencyOf({ ...base, breached: true, atRisk: true })).toBe('breached');
    expect(urgencyOf({ ...base, breached: true, placedAt: '2026-11-20T10:00:00+08:00' })).toBe('breached');
  });

  it('tells placed, waived, at-risk and on-track cases apart', () => {
    expect(urgencyOf({ ...base, placedAt: '2026-11-20T10:00:00+08:00' })).toBe('placed');
    expect(urgencyOf({ ...base, promiseWaived: true })).toBe('waived');
    expect(urgencyOf({ ...base, atRisk: true })).toBe('at-risk');
    expect(urgencyOf(base)).toBe('on-track');
  });

  it('colours breached rows red and at-risk rows amber', () => {
    expect(rowClassOf({ breached: true, atRisk: false })).toBe('row-breached');
    expect(rowClassOf({ breached: false, atRisk: true })).toBe('row-at-risk');
    expect(rowClassOf({ breached: false, atRisk: false })).toBe('');
  });

  it('reads the levels fixed by the user’s own unit', () => {
    expect(fixedOrgLevels('510100')).toEqual({ city: '510100' });
    expect(fixedOrgLevels('510100/510107/510107003')).toEqual({
      city: '510100',
      district: '510107',
      street: '510107003',
      community: undefined,
    });
  });
});
