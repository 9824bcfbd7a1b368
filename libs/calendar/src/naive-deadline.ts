import { MS_PER_DAY, SHANGHAI_OFFSET_MS, formatDay, isoWeekday, parseDay, yearOfDay } from './day-number';
import { CalendarData, DayKind, validateCalendarData } from './model';
import { DeadlinePolicy, DeadlineResult, LEGAL_POLICY } from './working-calendar';

/**
 * The obvious day-by-day implementation of WorkingCalendar#deadline, kept as an independent reference:
 * the specs check the fast calendar against it, and the benchmark measures the speed-up over it.
 * Same rule, same results; O(days) per call instead of O(1). Not for production use.
 */
export class NaiveCalendar {
  private readonly kinds = new Map<number, DayKind>();
  private readonly covered: Set<number>;
  private readonly weekend: Set<number>;

  constructor(private readonly data: CalendarData) {
    validateCalendarData(data);
    this.covered = new Set(data.years.map((y) => y.year));
    this.weekend = new Set(data.weekend);
    for (const y of data.years) for (const o of y.overrides) this.kinds.set(parseDay(o.date), o.kind);
  }

  isWorkingDay(day: number): boolean {
    const kind = this.kinds.get(day);
    if (kind !== undefined) return kind === 'makeup_workday';
    return !this.weekend.has(isoWeekday(day));
  }

  deadline(instant: Date, n: number, policy: DeadlinePolicy = LEGAL_POLICY): DeadlineResult {
    const local = instant.getTime() + SHANGHAI_OFFSET_MS;
    const startDay = Math.floor(local / MS_PER_DAY);
    let day = startDay;
    let counted = 0;
    const cutoff = policy.countStartDayBeforeHour;
    if (
      cutoff !== undefined &&
      local - startDay * MS_PER_DAY < cutoff * 3_600_000 &&
      this.isWorkingDay(startDay)
    ) {
      counted = 1;
    }
    while (counted < n) {
      day++;
      if (this.isWorkingDay(day)) counted++;
    }
    const firstConsulted =
      cutoff !== undefined && local - startDay * MS_PER_DAY < cutoff * 3_600_000 ? startDay : startDay + 1;
    const missingYears: number[] = [];
    for (let y = yearOfDay(firstConsulted); y <= yearOfDay(day); y++)
      if (!this.covered.has(y)) missingYears.push(y);
    const endAt = policy.endAt ?? 'end-of-day';
    const endMs = endAt === 'end-of-day' ? MS_PER_DAY : endAt.closeOfBusinessHour * 3_600_000;
    return {
      deadline: new Date(day * MS_PER_DAY - SHANGHAI_OFFSET_MS + endMs),
      dueDate: formatDay(day),
      provisional: missingYears.length > 0,
      missingYears,
      calendarVersion: this.data.version,
    };
  }
}
