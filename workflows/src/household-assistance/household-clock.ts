/**
 * The household clocks as pure date arithmetic (no timers, no workflow APIs: deterministic, and testable on its
 * own). Every date is a Shanghai date: Asia/Shanghai is UTC+08:00 all year (no DST since 1991), so a fixed offset
 * is exact and the server's time zone never matters.
 *
 * The policy texts count these promises in calendar days and months ("20 days", "one month"), not working days:
 * day 0 is the day the household was found, the period ends at 24:00 of its last day (00:00 of the next day).
 */
import type { HouseholdClock, HouseholdFollowUp, HouseholdPolicy } from '@platform/contracts';

const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai date (yyyy-mm-dd) of an instant. */
export function shanghaiDate(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Shanghai of a date, as an ISO instant (UTC). */
export function shanghaiMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day N calendar months later; a day the target month lacks becomes its last day (01-31 + 1 → 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** A clock that ends with its due date: breached at 00:00 of the next day, warned `warnDaysBefore` days earlier. */
export function clockDueOn(dueDate: string, warnDaysBefore: number): HouseholdClock {
  const dueAt = shanghaiMidnight(addDays(dueDate, 1));
  return {
    dueDate,
    dueAt,
    warnAt: new Date(Date.parse(dueAt) - warnDaysBefore * DAY_MS).toISOString(),
    warned: false,
    breached: false,
    metAt: null,
  };
}

/** One member in work within `oneEmployedWithinDays` calendar days; day 0 = the Shanghai date of `from`. */
export function oneMemberClock(from: string, policy: HouseholdPolicy): HouseholdClock {
  return clockDueOn(addDays(shanghaiDate(from), policy.oneEmployedWithinDays), policy.warnDaysBefore);
}

/** Two members in work within `doubleEmploymentWithinMonths` calendar months of the household's request. */
export function doubleEmploymentClock(requestedAt: string, policy: HouseholdPolicy): HouseholdClock {
  return clockDueOn(
    addMonths(shanghaiDate(requestedAt), policy.doubleEmploymentWithinMonths),
    policy.warnDaysBefore,
  );
}

/** The follow-ups: 00:00 Shanghai of the day N months after the Shanghai date the household left the status. */
export function followUpsFrom(leftAt: string, policy: HouseholdPolicy): HouseholdFollowUp[] {
  const leftOn = shanghaiDate(leftAt);
  return [...new Set(policy.followUpMonths)]
    .sort((a, b) => a - b)
    .map((month) => ({
      month,
      dueAt: shanghaiMidnight(addMonths(leftOn, month)),
      doneAt: null,
      stillEmployed: null,
    }));
}

/** A well-formed ISO instant, or the fallback (signals cannot be refused: a bad time becomes workflow time). */
export function instantOr(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return fallback;
  return new Date(Date.parse(value)).toISOString();
}
