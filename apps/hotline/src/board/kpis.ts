import { isoWeekday, WorkingCalendar } from '@platform/calendar';
import type { Kpis, WeekFigures } from '@platform/contracts';
import { BoardRow, isBreached } from './board-row';

/** The KPIs of a set of case cycles (those that started in the period, in one unit's subtree). */
export function computeKpis(rows: BoardRow[], calendar: WorkingCalendar, now: Date): Kpis {
  const placedInTime = rows.filter(placedWithinSla).length;
  const toPlacement = rows
    .filter((row) => row.placedAt)
    .map((row) => calendar.workingTimeBetween(row.slaStartedAt ?? row.openedAt, row.placedAt!).workingDays);
  const scores = rows.map((row) => row.satisfaction).filter((score): score is number => score !== null);
  return {
    opened: rows.length,
    placedWithinSla: {
      count: placedInTime,
      percent: rows.length ? round((placedInTime / rows.length) * 100, 1) : null,
    },
    medianWorkingDaysToPlacement: toPlacement.length ? round(median(toPlacement), 3) : null,
    escalations: escalationCounts(rows),
    breaches: rows.filter((row) => isBreached(row, now)).length,
    callbacksDone: rows.filter((row) => row.callbackDoneAt).length,
    satisfaction: {
      mean: scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length, 2) : null,
      n: scores.length,
    },
  };
}

/** Placed no later than the deadline (a placement recorded late counts as late whatever the dates say). */
export function placedWithinSla(row: BoardRow): boolean {
  return (
    row.placedAt !== null &&
    !row.latePlacement &&
    (!row.deadline || row.placedAt.getTime() <= row.deadline.getTime())
  );
}

export function weekFigures(rows: BoardRow[], now: Date): WeekFigures {
  return {
    opened: rows.length,
    placed: rows.filter((row) => row.placedAt).length,
    placedWithinSla: rows.filter(placedWithinSla).length,
    breached: rows.filter((row) => isBreached(row, now)).length,
    escalations: escalationCounts(rows),
  };
}

function escalationCounts(rows: BoardRow[]): Kpis['escalations'] {
  return {
    welfare_slot: rows.filter((row) => row.escalationKind === 'welfare_slot').length,
    assistance_base: rows.filter((row) => row.escalationKind === 'assistance_base').length,
  };
}

/** The Monday (day number, Asia/Shanghai) of the week holding `day`. */
export function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
