import { OFFICIAL_CALENDAR } from './data/official-calendar';
import { WorkingCalendar } from './working-calendar';

let cached: WorkingCalendar | undefined;

/**
 * The built-in official calendar (State Council arrangements 2020-2026), built once on first use.
 * Services that let supervisors load or correct years build their own WorkingCalendar from stored data.
 */
export function officialCalendar(): WorkingCalendar {
  return (cached ??= new WorkingCalendar(OFFICIAL_CALENDAR));
}
