import { poolUsage } from './pool-usage';

describe('poolUsage', () => {
  it('keeps the priority reserve out of what anyone may take', () => {
    expect(poolUsage({ fundedSlots: 10, priorityReserve: 2, taken: 5 })).toEqual({
      free: 5,
      freeForAnyone: 3,
      percentUsed: 50,
    });
  });

  it('leaves only the reserve once the open slots are taken', () => {
    expect(poolUsage({ fundedSlots: 10, priorityReserve: 2, taken: 9 })).toEqual({
      free: 1,
      freeForAnyone: 0,
      percentUsed: 90,
    });
  });

  it('handles an unfunded pool', () => {
    expect(poolUsage({ fundedSlots: 0, priorityReserve: 0, taken: 0 })).toEqual({
      free: 0,
      freeForAnyone: 0,
      percentUsed: 0,
    });
  });
});
