import {
  civilFromDay,
  dayFromCivil,
  formatDay,
  formatShanghaiInstant,
  parseDay,
  parseInstant,
  startOfShanghaiDay,
  WorkingCalendar,
} from '@platform/calendar';
import type { CasePolicy, CasePreparation, CaseSla, PlacementSchedule } from '@platform/contracts';

/**
 * What a case's intake needs (`prepareCase`): the policy in force, without its bookkeeping, and the SLA from
 * the start instant. The same computation when the hotline records the call and carries it in the input.
 */
export function casePreparation(
  stored: CasePolicy & { version: string; updatedBy: string; updatedAt: string },
  calendar: WorkingCalendar,
  startedAt: string,
): CasePreparation {
  const { version: _v, updatedBy: _b, updatedAt: _a, ...policy } = stored;
  return { policy, sla: caseSla(calendar, startedAt, policy.promiseWorkingDays) };
}

/** The SLA of a case cycle: the deadline of the promise and the warning milestones, as Shanghai ISO strings. */
export function caseSla(calendar: WorkingCalendar, startedAt: string, workingDays: number): CaseSla {
  const start = parseInstant(startedAt);
  const due = calendar.deadline(start, workingDays);
  const milestones = calendar.milestones(start, due.deadline);
  const missingYears = [...new Set([...due.missingYears, ...milestones.missingYears])].sort((a, b) => a - b);
  return {
    startedAt: formatShanghaiInstant(start),
    deadline: formatShanghaiInstant(due.deadline),
    dueDate: due.dueDate,
    milestones: {
      half: formatShanghaiInstant(milestones.half),
      threeQuarters: formatShanghaiInstant(milestones.threeQuarters),
      oneWorkingDayLeft: formatShanghaiInstant(milestones.oneWorkingDayLeft),
    },
    calendarVersion: due.calendarVersion,
    provisional: missingYears.length > 0,
    missingYears,
  };
}

/**
 * When the callback and the follow-ups of a placement are due (the rule of `PlacementSchedule`): the callback
 * at 00:00 of the Nth working day after the start day; each follow-up at 00:00 of the start day plus N calendar
 * months (the day clamped to the month's end), moved to the next working day when that day is not one.
 */
export function placementSchedule(
  calendar: WorkingCalendar,
  startedOn: string,
  callbackAfterWorkingDays: number,
  followUpMonths: number[],
): PlacementSchedule {
  const start = civilFromDay(parseDay(startedOn));
  const callback = calendar.nthWorkingDayAfter(startedOn, callbackAfterWorkingDays).date;
  const followUps = followUpMonths.map((months) => {
    const date = formatDay(addMonths(start, months));
    return calendar.isWorkingDay(date) ? date : calendar.nthWorkingDayAfter(date, 1).date;
  });
  return {
    callbackAt: midnight(callback),
    followUpsAt: followUps.map(midnight),
    calendarVersion: calendar.version,
  };
}

function addMonths(start: { year: number; month: number; day: number }, months: number): number {
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const firstOfNext = month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
  const lastDay = civilFromDay(firstOfNext - 1).day;
  return dayFromCivil(year, month, Math.min(start.day, lastDay));
}

const midnight = (date: string): string =>
  formatShanghaiInstant(new Date(startOfShanghaiDay(parseDay(date))));
