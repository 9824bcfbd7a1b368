import { searchPlan } from './search-plan';

describe('keyword search plan', () => {
  const stats = {
    frequency: new Map([
      ['员', 0.9],
      ['五险', 0.16],
      ['险一', 0.16],
      ['一金', 0.16],
      ['叉', 0.002],
    ]),
    floor: 0.001,
  };

  it('walks the newest vacancies when even the rarest gram is common', () => {
    expect(searchPlan(['员'], stats)).toBe('newest-first');
    expect(searchPlan(['五险', '险一', '一金'], stats)).toBe('newest-first');
  });

  it('uses the n-gram index when a gram is rare, unlisted, or there are no statistics yet', () => {
    expect(searchPlan(['叉'], stats)).toBe('n-gram-index');
    expect(searchPlan(['鲸'], stats)).toBe('n-gram-index');
    expect(searchPlan(['鲸'], { ...stats, floor: 0.01 })).toBe('n-gram-index'); // unlisted: maybe absent
    expect(searchPlan(['五险', '鲸'], stats)).toBe('n-gram-index');
    expect(searchPlan(['员'], { frequency: new Map(), floor: 0 })).toBe('n-gram-index');
  });
});
