// Pure formatting for the operator desk. Instants are shown in Beijing time (UTC+8, no daylight saving), which
// is the zone the 2-working-day promise is kept in, whatever the browser's zone.
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

export type SlaTone = 'breached' | 'atRisk' | 'onTrack' | 'stopped';

/**
 * How the clock stands, with the board's rule: at risk when at most one working day is left and nothing has
 * stopped the clock (placed, waived, ended); breached when the workflow says so or no working time is left.
 */
export function slaTone(input: {
  remaining: { ms: number } | null;
  breached: boolean;
  stopped: boolean;
}): SlaTone {
  if (input.breached) return 'breached';
  if (input.stopped || !input.remaining) return 'stopped';
  if (input.remaining.ms < 0) return 'breached';
  return input.remaining.ms <= MS_PER_DAY ? 'atRisk' : 'onTrack';
}

/** A case list row's standing, from the flags the hotline computed for it. */
export function summaryTone(row: {
  breached: boolean;
  atRisk: boolean;
  remaining: { ms: number } | null;
  placedAt: string | null;
}): SlaTone {
  if (row.breached) return 'breached';
  if (row.atRisk) return 'atRisk';
  return row.remaining && !row.placedAt ? 'onTrack' : 'stopped';
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
