// Pure formatting for the operator desk. Instants are shown in Beijing time (UTC+8, no daylight saving), which
// is the zone the 2-working-day promise is kept in, whatever the browser's zone.
import type { CasePromise } from '@platform/contracts';

const BEIJING_OFFSET_MS = 8 * 3600_000;
const MS_PER_DAY = 24 * 3600_000;

/** "yyyy-mm-dd HH:mm" of an instant in Beijing time. */
export function beijingDateTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/**
 * A deadline as both readings a caller may hear: the instant (midnight after the due day) and the legal
 * wording "24:00 of the due day", e.g. "2025-10-11 00:00 (10-10 24:00)".
 */
export function formatDeadline(deadline: string, dueDate: string): string {
  return `${beijingDateTime(deadline)} (${dueDate.slice(5)} 24:00)`;
}

/** A wall-clock time the operator picked as Beijing time ("yyyy-mm-dd HH:mm") as an ISO instant with offset. */
export function beijingWallClockToIso(wallClock: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(wallClock);
  if (!match) throw new Error(`not a "yyyy-mm-dd HH:mm" time: ${wallClock}`);
  return `${match[1]}T${match[2]}:00+08:00`;
}

export type SlaTone = 'breached' | 'atRisk' | 'onTrack' | 'kept' | 'waived' | 'notApplicable' | 'stopped';

/**
 * How the promise stands, from the one fact the hotline derives (`promise`), so the words and the colour never
 * disagree: late is red, kept green; while active, the working time left decides between on track and at risk
 * (at most one working day), and none left is late already (the breach event may still be on its way).
 */
export function slaTone(input: { promise: CasePromise; remaining: { ms: number } | null }): SlaTone {
  if (input.promise === 'late') return 'breached';
  if (input.promise === 'kept') return 'kept';
  if (input.promise === 'waived') return 'waived';
  if (input.promise === 'not-applicable') return 'notApplicable';
  if (!input.remaining) return 'stopped';
  if (input.remaining.ms < 0) return 'breached';
  return input.remaining.ms <= MS_PER_DAY ? 'atRisk' : 'onTrack';
}

/**
 * A fresh Idempotency-Key for one intake form fill (the hotline accepts 8–128 of [A-Za-z0-9_.:-]). Built from
 * getRandomValues, which, unlike randomUUID, also works on a plain-http intranet origin.
 */
export function newIdempotencyKey(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(16));
  return `intake-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
