// The days of a calendar year as the supervisor edits them before a correction (PUT /calendar/years/{year}).

export type DayKind = 'holiday' | 'makeup_workday';

export interface CalendarOverride {
  date: string;
  kind: DayKind;
  name?: string;
}

/** Adds a day, replacing any entry of the same date (a date is either a holiday or a make-up day). */
export function withDay(days: readonly CalendarOverride[], day: CalendarOverride): CalendarOverride[] {
  const name = day.name?.trim();
  const entry: CalendarOverride = name ? { ...day, name } : { date: day.date, kind: day.kind };
  return [...days.filter((d) => d.date !== day.date), entry].sort((a, b) => a.date.localeCompare(b.date));
}

export function withoutDay(days: readonly CalendarOverride[], date: string): CalendarOverride[] {
  return days.filter((d) => d.date !== date);
}

/** True when both lists hold the same days with the same kinds and names (order aside). */
export function sameDays(a: readonly CalendarOverride[], b: readonly CalendarOverride[]): boolean {
  const key = (days: readonly CalendarOverride[]) =>
    days
      .map((d) => `${d.date}|${d.kind}|${d.name ?? ''}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/** ISO weekday of a yyyy-mm-dd date, Monday = 1 … Sunday = 7 (the date is a civil day, no time zone). */
export function isoWeekday(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}
