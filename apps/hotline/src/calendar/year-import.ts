import ICAL from 'ical.js';
import {
  CalendarDataError,
  CalendarOverride,
  CalendarYear,
  DayKind,
  validateCalendarData,
} from '@platform/calendar';
import { FieldError } from '@platform/nest-kit';

/** A year a supervisor uploaded that cannot be loaded; the field errors say why, in both languages. */
export class YearImportError extends Error {
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((error) => error.message.en).join('; '));
    this.name = 'YearImportError';
  }
}

const fieldError = (field: string, rule: string, en: string, zh: string): FieldError => ({
  field,
  rule,
  message: { en: `${field}: ${en}`, zh: `${field}：${zh}` },
});

/**
 * Checks an uploaded year: what the calendar library checks (real dates inside the year, each once, known
 * kinds, make-up days on weekends) plus completeness — a whole year's notice always includes New Year's Day
 * and National Day, so an upload without them is a fragment, not a year.
 */
export function checkYear(candidate: CalendarYear, field = 'overrides'): CalendarYear {
  const errors: FieldError[] = [];
  try {
    validateCalendarData({ version: 'upload', weekend: [6, 7], years: [candidate] });
  } catch (error) {
    if (!(error instanceof CalendarDataError)) throw error;
    for (const problem of error.problems) {
      errors.push(fieldError(field, 'calendarRule', problem, `日历数据不符合规则（${problem}）`));
    }
  }
  const holidays = new Set(candidate.overrides.filter((o) => o.kind === 'holiday').map((o) => o.date));
  for (const [date, name] of [
    [`${candidate.year}-01-01`, '元旦 New Year'],
    [`${candidate.year}-10-01`, '国庆节 National Day'],
  ]) {
    if (!holidays.has(date)) {
      errors.push(
        fieldError(
          field,
          'completeYear',
          `a complete year lists ${date} (${name}) as a holiday; this upload does not`,
          `完整的年度安排必须包含 ${date}（${name}）假日，本次上传缺少`,
        ),
      );
    }
  }
  if (errors.length) throw new YearImportError(errors);
  return { ...candidate, overrides: [...candidate.overrides].sort((a, b) => a.date.localeCompare(b.date)) };
}

function nextDay(time: ICAL.Time): ICAL.Time {
  const next = time.clone();
  next.adjust(1, 0, 0, 0);
  return next;
}

const ICS_KIND: Array<[RegExp, DayKind]> = [
  [/休/, 'holiday'],
  [/班/, 'makeup_workday'],
];

/**
 * Reads the events of one year from an iCalendar file in the shape the official-holiday calendars use:
 * all-day events (DTEND exclusive) whose summary marks a day off with 休 and a make-up working day
 * with 班, e.g. "国庆节(休)", "国庆节(班)". Events of other years are ignored.
 */
export function yearFromIcs(ics: string, year: number, source: string): CalendarYear {
  let events: ICAL.Event[];
  try {
    events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new YearImportError([
      fieldError(
        'ics',
        'icsSyntax',
        `is not a readable iCalendar file (${reason})`,
        `不是可读取的 iCalendar 文件（${reason}）`,
      ),
    ]);
  }
  const overrides: CalendarOverride[] = [];
  const errors: FieldError[] = [];
  for (const event of events) {
    const start = event.startDate;
    if (!start) continue;
    if (!start.isDate) {
      errors.push(
        fieldError(
          'ics',
          'allDayEvents',
          `event "${event.summary}" is not an all-day event`,
          `事件“${event.summary}”不是全天事件`,
        ),
      );
      continue;
    }
    const kind = ICS_KIND.find(([pattern]) => pattern.test(event.summary ?? ''))?.[1];
    if (!kind) {
      errors.push(
        fieldError(
          'ics',
          'knownKind',
          `event "${event.summary}" says neither 休 (day off) nor 班 (make-up working day)`,
          `事件“${event.summary}”未注明“休”或“班”`,
        ),
      );
      continue;
    }
    const name = (event.summary ?? '').replace(/[(（][休班][)）]/, '').trim();
    // All-day events end on the day after their last day (DTEND is exclusive); no DTEND means one day.
    const end = event.endDate && event.endDate.compare(start) > 0 ? event.endDate : nextDay(start);
    for (const day = start.clone(); day.compare(end) < 0; day.adjust(1, 0, 0, 0)) {
      if (day.year === year) overrides.push({ date: day.toString(), kind, ...(name ? { name } : {}) });
    }
  }
  if (errors.length) throw new YearImportError(errors);
  if (!overrides.length) {
    throw new YearImportError([
      fieldError('ics', 'yearPresent', `contains no events in ${year}`, `不包含 ${year} 年的任何事件`),
    ]);
  }
  return checkYear({ year, source, overrides }, 'ics');
}
