import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEADLINE_CASES, endOfDayText } from './testing/deadline-cases';

// The command line (scripts/calendar-cli.ts), run as child processes the way `npm run calendar` runs it,
// under three process time zones.
const REPO_ROOT = join(__dirname, '../../..');
const CLI = join(REPO_ROOT, 'scripts/calendar-cli.ts');
const ZONES = ['UTC', 'America/New_York', 'Asia/Shanghai'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], tz = 'UTC'): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', CLI, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, TZ: tz },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// The examples of docs/domain.md, Shanghai midnight given in several offsets, and the provisional ones. (The whole
// table runs in three process time zones in deadline-table.spec.ts; each CLI run costs a Node start.)
const SUBSET = DEADLINE_CASES.filter((c) =>
  /^DOMAIN|^UTC, |at Shanghai midnight|\+05:30|not loaded/.test(c.why),
);

describe('calendar CLI', () => {
  it('uses a subset of the table with cases around midnight and provisional ones', () => {
    expect(SUBSET.length).toBeGreaterThanOrEqual(9);
    expect(SUBSET.some((c) => c.missing)).toBe(true);
  });

  describe.each(ZONES)('TZ=%s', (tz) => {
    let runs: Run[];
    let workingDays: Run[];
    beforeAll(async () => {
      runs = await Promise.all(SUBSET.map((c) => cli(['deadline', c.start, String(c.n)], tz)));
      workingDays = await Promise.all(
        ['2025-09-28', '2025-10-01', '2025-10-11', '2025-10-12', '2027-01-01'].map((d) =>
          cli(['is-working-day', d], tz),
        ),
      );
    });

    it.each(SUBSET.map((c, i) => ({ ...c, i })))('deadline $start $n → 24:00 of $due', (c) => {
      const suffix = c.missing ? ' provisional' : '';
      expect(runs[c.i]).toEqual({ code: 0, stdout: `${endOfDayText(c.due)}${suffix}\n`, stderr: '' });
    });

    it('is-working-day prints true or false (provisional when the year is not loaded)', () => {
      expect(workingDays.map((r) => r.stdout)).toEqual([
        'true\n',
        'false\n',
        'true\n',
        'false\n',
        'true provisional\n',
      ]);
      expect(workingDays.every((r) => r.code === 0)).toBe(true);
    });
  });

  it.each([
    [['deadline', '2025-09-26T10:00:00', '2'], '<instant> "2025-09-26T10:00:00"'],
    [['deadline', 'tomorrow', '2'], '<instant> "tomorrow"'],
    [['deadline', '2025-02-30T10:00:00Z', '2'], '<instant> "2025-02-30T10:00:00Z"'],
    [['deadline', '2025-09-26T10:00:00Z', '0'], '<N> "0"'],
    [['deadline', '2025-09-26T10:00:00Z', 'two'], '<N> "two"'],
    [['deadline', '2025-09-26T10:00:00Z', '1.5'], '<N> "1.5"'],
    [['deadline', '2025-09-26T10:00:00Z', '-1'], '<N> "-1"'],
    [['deadline', '2025-09-26T10:00:00Z'], 'deadline takes 2 arguments'],
    [['is-working-day', '2025-9-28'], '<date> "2025-9-28"'],
    [['is-working-day', '2025-02-29'], '<date> "2025-02-29"'],
    [['is-working-day'], 'is-working-day takes 1 argument'],
    [['holidays'], '<command> "holidays"'],
    [[], 'missing command'],
  ])('rejects %j with a non-zero exit and a message naming the bad argument', async (args, message) => {
    const run = await cli(args);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('runs as `npm run -s calendar -- deadline <instant> <N>`', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'calendar', '--', 'deadline', '2025-09-26T10:00:00+08:00', '2'],
      { cwd: REPO_ROOT, env: { ...process.env, TZ: 'America/New_York' } },
    );
    expect(stdout).toBe('2025-09-30T00:00:00+08:00\n');
  });
});
