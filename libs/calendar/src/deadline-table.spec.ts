import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatShanghaiInstant, parseInstant } from './day-number';
import { OFFICIAL_CALENDAR } from './data/official-calendar';
import { NaiveCalendar } from './naive-deadline';
import { DEADLINE_CASES, DeadlineCase, endOfDayText } from './testing/deadline-cases';
import { WorkingCalendar } from './working-calendar';

const REPO_ROOT = join(__dirname, '../../..');

/** Computes every case in the child's own time zone; prints the zone's offset and the results as JSON. */
const CHILD_SCRIPT = `
const { formatShanghaiInstant, parseInstant } = require(${JSON.stringify(join(__dirname, 'day-number.ts'))});
const { OFFICIAL_CALENDAR } = require(${JSON.stringify(join(__dirname, 'data/official-calendar.ts'))});
const { WorkingCalendar } = require(${JSON.stringify(join(__dirname, 'working-calendar.ts'))});
const { DEADLINE_CASES } = require(${JSON.stringify(join(__dirname, 'testing/deadline-cases.ts'))});
const calendar = new WorkingCalendar(OFFICIAL_CALENDAR);
const results = DEADLINE_CASES.map(({ start, n }) => {
  const r = calendar.deadline(parseInstant(start), n);
  return { dueDate: r.dueDate, deadline: formatShanghaiInstant(r.deadline), missingYears: r.missingYears };
});
process.stdout.write(JSON.stringify({ offset: new Date(2025, 0, 1).getTimezoneOffset(), results }));
`;

interface Outcome {
  dueDate: string;
  deadline: string;
  missingYears: number[];
}

const expected = ({ due, missing }: DeadlineCase): Outcome => ({
  dueDate: due,
  deadline: endOfDayText(due),
  missingYears: missing ?? [],
});

describe('deadline table (legal rule), 2020-2026', () => {
  it('has at least 40 cases', () => {
    expect(DEADLINE_CASES.length).toBeGreaterThanOrEqual(40);
  });

  describe(`in this process (TZ=${process.env.TZ ?? 'unset'})`, () => {
    const calendar = new WorkingCalendar(OFFICIAL_CALENDAR);
    const naive = new NaiveCalendar(OFFICIAL_CALENDAR);

    it.each(DEADLINE_CASES)('$why: $start + $n → $due', (c) => {
      const result = calendar.deadline(parseInstant(c.start), c.n);
      expect({
        dueDate: result.dueDate,
        deadline: formatShanghaiInstant(result.deadline),
        missingYears: result.missingYears,
      }).toEqual(expected(c));
      expect(result.provisional).toBe(c.missing !== undefined);
      expect(result.deadline.getTime()).toBe(Date.parse(endOfDayText(c.due)));
      expect(calendar.isWorkingDay(c.due)).toBe(true);
      expect(result.calendarVersion).toBe(OFFICIAL_CALENDAR.version);
      expect(naive.deadline(parseInstant(c.start), c.n)).toEqual(result);
    });
  });

  // The process time zone must not matter: the same table in child processes started with three zones
  // (Jest sandboxes process.env, so this process cannot switch its own zone).
  describe.each([
    ['UTC', 0],
    ['America/New_York', 300],
    ['Asia/Shanghai', -480],
  ])('in a child process with TZ=%s', (zone, offset) => {
    let child: { offset: number; results: Outcome[] };
    beforeAll(async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['-r', '@swc-node/register', '-e', CHILD_SCRIPT],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, TZ: zone },
        },
      );
      child = JSON.parse(stdout);
    });

    it('really runs in that zone', () => {
      expect(child.offset).toBe(offset);
    });

    it.each(DEADLINE_CASES.map((c, i) => ({ ...c, i })))('$why: $start + $n → $due', (c) => {
      expect(child.results[c.i]).toEqual(expected(c));
    });
  });
});
