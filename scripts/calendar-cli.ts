/**
 * Working-day calendar on the command line (the built-in official calendar, 2020-2026):
 *
 *   npm run -s calendar -- deadline <ISO-8601 instant> <N>
 *     → the deadline of N working days from the instant, by the legal rule (start day not counted,
 *       due at 24:00 of the Nth working day), printed as ISO-8601 in +08:00. 24:00 of day D is printed
 *       as the same instant D+1T00:00:00+08:00. ' provisional' follows when the computation entered a
 *       year whose calendar is not loaded (weekends only there), e.g.
 *       2025-09-30T00:00:00+08:00
 *       2027-01-05T00:00:00+08:00 provisional
 *   npm run -s calendar -- is-working-day <YYYY-MM-DD>
 *     → true or false; ' provisional' follows when the date's year is not loaded.
 *
 * The instant needs an explicit offset (Z or ±HH:MM): a bare local time would depend on the machine.
 * Bad input: exit status 2 and a message on stderr naming the bad argument.
 */
import { formatShanghaiInstant, officialCalendar, parseInstant, tryParseDay } from '@platform/calendar';

const USAGE = [
  'usage: calendar deadline <ISO-8601 instant with offset> <N working days>',
  '       calendar is-working-day <YYYY-MM-DD>',
].join('\n');

class UsageError extends Error {}

/** Largest N accepted: far beyond any real time limit, small enough to stay within the range of dates. */
const MAX_N = 100_000;

export function run(args: string[]): string {
  const [command, ...rest] = args;
  switch (command) {
    case 'deadline': {
      if (rest.length !== 2)
        throw new UsageError(`deadline takes 2 arguments (instant, N), got ${rest.length}`);
      const [instantText, nText] = rest;
      let instant: Date;
      try {
        instant = parseInstant(instantText);
      } catch {
        throw new UsageError(
          `bad <instant> ${JSON.stringify(instantText)}: expected an ISO-8601 instant with an offset, e.g. 2025-09-26T10:00:00+08:00 or 2025-09-26T02:00:00Z`,
        );
      }
      const n = /^\d+$/.test(nText) ? Number(nText) : NaN;
      if (!(n >= 1 && n <= MAX_N)) {
        throw new UsageError(
          `bad <N> ${JSON.stringify(nText)}: expected a whole number of working days from 1 to ${MAX_N}`,
        );
      }
      const result = officialCalendar().deadline(instant, n);
      return formatShanghaiInstant(result.deadline) + (result.provisional ? ' provisional' : '');
    }
    case 'is-working-day': {
      if (rest.length !== 1)
        throw new UsageError(`is-working-day takes 1 argument (date), got ${rest.length}`);
      const [dateText] = rest;
      if (tryParseDay(dateText) === undefined) {
        throw new UsageError(`bad <date> ${JSON.stringify(dateText)}: expected a calendar date YYYY-MM-DD`);
      }
      const info = officialCalendar().dayInfo(dateText);
      return String(info.working) + (info.provisional ? ' provisional' : '');
    }
    case undefined:
      throw new UsageError('missing command');
    default:
      throw new UsageError(`bad <command> ${JSON.stringify(command)}: expected deadline or is-working-day`);
  }
}

if (require.main === module) {
  try {
    process.stdout.write(`${run(process.argv.slice(2))}\n`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`calendar: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
