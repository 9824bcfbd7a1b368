import type { WelfarePool } from './useWelfare';

/** What is left of a pool: open to everyone, and kept for persons with an assistance category. */
export function poolUsage(pool: Pick<WelfarePool, 'fundedSlots' | 'priorityReserve' | 'taken'>): {
  free: number;
  freeForAnyone: number;
  percentUsed: number;
} {
  const free = Math.max(pool.fundedSlots - pool.taken, 0);
  return {
    free,
    freeForAnyone: Math.max(free - pool.priorityReserve, 0),
    percentUsed: pool.fundedSlots ? Math.round((pool.taken / pool.fundedSlots) * 100) : 0,
  };
}
