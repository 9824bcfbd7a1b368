import { isoWeekday, tryParseDay } from './day-number';

/** How a dated override changes a day of the weekly pattern. */
export type DayKind = 'holiday' | 'makeup_workday';

export const DAY_KINDS: readonly DayKind[] = ['holiday', 'makeup_workday'];

/** One dated exception to the weekly pattern: a day off (holiday) or a make-up working day (调休上班). */
export interface CalendarOverride {
  /** `YYYY-MM-DD`, a Shanghai calendar date inside the year it is listed under. */
  date: string;
  kind: DayKind;
  /** E.g. '春节', '国庆节'. */
  name?: string;
}

/** The arrangement of one year, as published by the State Council around November of the year before. */
export interface CalendarYear {
  year: number;
  /** The notice the overrides come from, e.g. '国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号)'. */
  source: string;
  overrides: CalendarOverride[];
}

/** A working calendar: a weekly pattern plus the dated overrides of each loaded ("covered") year. */
export interface CalendarData {
  /** Identifies this data; echoed in every deadline so a stored deadline says which calendar made it. */
  version: string;
  /** ISO weekdays that are days off in the weekly pattern: [6, 7] (Saturday, Sunday). */
  weekend: number[];
  years: CalendarYear[];
}

/** Thrown when calendar data is malformed; the message lists every problem found. */
export class CalendarDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid calendar data: ${problems.join('; ')}`);
    this.name = 'CalendarDataError';
  }
}

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Checks the shape and consistency of calendar data (it may come from a database or a JSON file):
 * a version, a weekend of distinct ISO weekdays leaving at least one working weekday, distinct
 * years, a source for each year, real dates inside their year, each date listed once, known kinds,
 * and make-up working days only on weekend days (on a weekday they would change nothing and are
 * almost certainly a typo). Throws a CalendarDataError naming every problem.
 */
export function validateCalendarData(data: CalendarData): void {
  const problems: string[] = [];
  if (data === null || typeof data !== 'object') throw new CalendarDataError(['data is not an object']);
  if (typeof data.version !== 'string' || data.version.trim() === '') {
    problems.push('version must be a non-empty string');
  }
  const weekend = Array.isArray(data.weekend) ? data.weekend : [];
  if (!Array.isArray(data.weekend)) problems.push('weekend must be an array of ISO weekdays (1-7)');
  for (const wd of weekend) {
    if (!Number.isInteger(wd) || wd < 1 || wd > 7) {
      problems.push(`weekend: ${JSON.stringify(wd)} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
  }
  if (new Set(weekend).size !== weekend.length) problems.push('weekend lists a weekday twice');
  if (new Set(weekend).size >= 7) problems.push('weekend leaves no working weekday');
  if (!Array.isArray(data.years)) {
    problems.push('years must be an array');
    throw new CalendarDataError(problems);
  }
  const seenYears = new Set<number>();
  const seenDates = new Map<string, number>();
  for (const [i, entry] of data.years.entries()) {
    if (entry === null || typeof entry !== 'object') {
      problems.push(`years[${i}] is not an object`);
      continue;
    }
    const { year } = entry;
    const where = Number.isInteger(year) ? `year ${year}` : `years[${i}]`;
    if (!Number.isInteger(year) || year < 1000 || year > 9999) {
      problems.push(`${where}: year must be a whole number from 1000 to 9999, got ${JSON.stringify(year)}`);
    } else if (seenYears.has(year)) {
      problems.push(`${where} is listed twice`);
    } else {
      seenYears.add(year);
    }
    if (typeof entry.source !== 'string' || entry.source.trim() === '') {
      problems.push(`${where}: source must name the notice the year comes from`);
    }
    if (!Array.isArray(entry.overrides)) {
      problems.push(`${where}: overrides must be an array`);
      continue;
    }
    for (const [j, o] of entry.overrides.entries()) {
      if (o === null || typeof o !== 'object') {
        problems.push(`${where}: overrides[${j}] is not an object`);
        continue;
      }
      const day = typeof o.date === 'string' ? tryParseDay(o.date) : undefined;
      const label = `${where}: override ${JSON.stringify(o.date)}`;
      if (day === undefined) {
        problems.push(`${label} is not a calendar date (YYYY-MM-DD)`);
      } else {
        if (Number(o.date.slice(0, 4)) !== year) problems.push(`${label} is outside its year`);
        if (seenDates.has(o.date)) problems.push(`${label} is listed twice`);
        seenDates.set(o.date, day);
        if (o.kind === 'makeup_workday' && !weekend.includes(isoWeekday(day))) {
          problems.push(
            `${label} is a make-up working day on a ${WEEKDAY_NAMES[isoWeekday(day)]}, not a weekend day`,
          );
        }
      }
      if (!DAY_KINDS.includes(o.kind)) {
        problems.push(
          `${label} has unknown kind ${JSON.stringify(o.kind)} (expected ${DAY_KINDS.join(' or ')})`,
        );
      }
      if (o.name !== undefined && typeof o.name !== 'string')
        problems.push(`${label}: name must be a string`);
    }
  }
  if (problems.length > 0) throw new CalendarDataError(problems);
}
