import { fixedOrgLevels, rowClassOf, urgencyOf } from './board-rows';

const base = { promise: 'active' as const, atRisk: false };

describe('board rows', () => {
  it('shows a late promise as breached, also once placed (never as placed in time)', () => {
    expect(urgencyOf({ promise: 'late', atRisk: false })).toBe('breached');
  });

  it('tells kept, waived, no-promise, at-risk and on-track cases apart', () => {
    expect(urgencyOf({ promise: 'kept', atRisk: false })).toBe('placed');
    expect(urgencyOf({ promise: 'waived', atRisk: false })).toBe('waived');
    expect(urgencyOf({ promise: 'not-applicable', atRisk: false })).toBe('not-applicable');
    expect(urgencyOf({ ...base, atRisk: true })).toBe('at-risk');
    expect(urgencyOf(base)).toBe('on-track');
  });

  it('colours late rows red and at-risk rows amber', () => {
    expect(rowClassOf({ promise: 'late', atRisk: false })).toBe('row-breached');
    expect(rowClassOf({ ...base, atRisk: true })).toBe('row-at-risk');
    expect(rowClassOf(base)).toBe('');
    expect(rowClassOf({ promise: 'not-applicable', atRisk: false })).toBe('');
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
