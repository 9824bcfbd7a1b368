export {
  MS_PER_DAY,
  MS_PER_HOUR,
  SHANGHAI_OFFSET_MS,
  civilFromDay,
  dayFromCivil,
  formatDay,
  formatShanghaiInstant,
  isoWeekday,
  parseDay,
  parseInstant,
  shanghaiDateOf,
  shanghaiDayOf,
  startOfShanghaiDay,
  tryParseDay,
} from './day-number';
export { CalendarDataError, DAY_KINDS, validateCalendarData } from './model';
export type { CalendarData, CalendarOverride, CalendarYear, DayKind } from './model';
export { LEGAL_POLICY, WorkingCalendar } from './working-calendar';
export type {
  Coverage,
  DayInfo,
  DayInfoKind,
  DeadlinePolicy,
  DeadlineResult,
  MilestoneOptions,
  Milestones,
  WorkingCalendarOptions,
  WorkingDayResult,
  WorkingDuration,
} from './working-calendar';
export { NaiveCalendar } from './naive-deadline';
export { OFFICIAL_CALENDAR } from './data/official-calendar';
export { officialCalendar } from './official';
