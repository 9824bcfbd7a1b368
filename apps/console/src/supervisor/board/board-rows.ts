// Pure helpers of the live board (kept apart from React so they have unit specs).
import type { BoardItem } from '@platform/contracts';

export type { BoardItem };

export type BoardView = 'all' | 'at-risk' | 'breached' | 'placed';
export const BOARD_VIEWS: readonly BoardView[] = ['all', 'at-risk', 'breached', 'placed'];

export type Urgency = 'breached' | 'at-risk' | 'on-track' | 'placed' | 'waived';

/** Breached outranks everything; a placed or waived case no longer runs against the clock. */
export function urgencyOf(
  item: Pick<BoardItem, 'breached' | 'atRisk' | 'placedAt' | 'promiseWaived'>,
): Urgency {
  if (item.breached) return 'breached';
  if (item.placedAt) return 'placed';
  if (item.promiseWaived) return 'waived';
  if (item.atRisk) return 'at-risk';
  return 'on-track';
}

/** The row class of console.css that colours the row (the urgency is also written out in a tag). */
export function rowClassOf(item: Pick<BoardItem, 'breached' | 'atRisk'>): string {
  if (item.breached) return 'row-breached';
  if (item.atRisk) return 'row-at-risk';
  return '';
}

/**
 * The org filter fixed by the user's own unit: a district supervisor's board is their district, so that
 * select is set and locked. Paths are "city/district/street/community" codes.
 */
export function fixedOrgLevels(orgPath: string): {
  city: string;
  district?: string;
  street?: string;
  community?: string;
} {
  const [city, district, street, community] = orgPath.split('/');
  return { city, district, street, community };
}
