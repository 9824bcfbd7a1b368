// Pure helpers of the live board (kept apart from React so they have unit specs).
import type { BoardItem, BoardRiskReason } from '@platform/contracts';

export type { BoardItem, BoardRiskReason };

export type BoardView = 'all' | 'attention' | 'at-risk' | 'breached' | 'placed';
/** `attention`: rows with at least one at-risk reason. */
export const BOARD_VIEWS: readonly BoardView[] = ['all', 'attention', 'at-risk', 'breached', 'placed'];

export type Urgency = 'breached' | 'at-risk' | 'on-track' | 'placed' | 'waived' | 'not-applicable';

/**
 * The row's standing, read from the promise the hotline derived (late outranks a placement: placed after the
 * deadline is shown as breached, never as kept); only an active promise is at risk or on track.
 */
export function urgencyOf(item: Pick<BoardItem, 'promise' | 'atRisk'>): Urgency {
  if (item.promise === 'late') return 'breached';
  if (item.promise === 'kept') return 'placed';
  if (item.promise === 'waived') return 'waived';
  if (item.promise === 'not-applicable') return 'not-applicable';
  return item.atRisk ? 'at-risk' : 'on-track';
}

/** The row class of console.css that colours the row (the urgency is also written out in a tag). */
export function rowClassOf(item: Pick<BoardItem, 'promise' | 'atRisk'>): string {
  if (item.promise === 'late') return 'row-breached';
  if (item.promise === 'active' && item.atRisk) return 'row-at-risk';
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
