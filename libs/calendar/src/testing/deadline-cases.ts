/**
 * Deadlines worked out by hand from the State Council notices (not from the data under test), for
 * N working days by the legal rule: the start day is not counted, due at 24:00 of the Nth working day.
 * Shared by deadline-table.spec.ts (in-process, several TZ) and calendar-cli.spec.ts (child processes).
 */
export interface DeadlineCase {
  /** What the case is about. */
  why: string;
  start: string;
  n: number;
  /** The last counted working day (Shanghai). */
  due: string;
  /** Years not loaded that the computation entered. */
  missing?: number[];
}

export const DEADLINE_CASES: DeadlineCase[] = [
  // docs/domain.md's examples (2025: National Day Oct 1-8 off; Sun Sep 28 and Sat Oct 11 worked)
  {
    why: 'DOMAIN: Fri before National Day, make-up Sunday is day 1',
    start: '2025-09-26T10:00:00+08:00',
    n: 2,
    due: '2025-09-29',
  },
  { why: 'DOMAIN: Tue before National Day', start: '2025-09-30T10:00:00+08:00', n: 2, due: '2025-10-10' },
  { why: 'DOMAIN: start on make-up Saturday', start: '2025-10-11T10:00:00+08:00', n: 2, due: '2025-10-14' },
  { why: 'start on a holiday (National Day)', start: '2025-10-03T15:00:00+08:00', n: 2, due: '2025-10-10' },
  { why: 'start on make-up Sunday', start: '2025-09-28T09:00:00+08:00', n: 2, due: '2025-09-30' },
  { why: 'last second of Friday in Shanghai', start: '2025-09-26T23:59:59+08:00', n: 2, due: '2025-09-29' },
  {
    why: 'last millisecond of Monday in Shanghai',
    start: '2025-09-29T23:59:59.999+08:00',
    n: 2,
    due: '2025-10-09',
  },
  {
    why: 'midnight: Tuesday begins in Shanghai',
    start: '2025-09-30T00:00:00+08:00',
    n: 2,
    due: '2025-10-10',
  },
  { why: 'UTC, one second before Shanghai midnight', start: '2025-09-29T15:59:59Z', n: 2, due: '2025-10-09' },
  { why: 'UTC, at Shanghai midnight', start: '2025-09-29T16:00:00Z', n: 2, due: '2025-10-10' },
  {
    why: '-05:00, one minute before Shanghai midnight',
    start: '2025-09-29T10:59:00-05:00',
    n: 2,
    due: '2025-10-09',
  },
  { why: '-05:00, at Shanghai midnight', start: '2025-09-29T11:00:00-05:00', n: 2, due: '2025-10-10' },
  { why: '+09:00, still Monday in Shanghai', start: '2025-09-30T00:30:00+09:00', n: 2, due: '2025-10-09' },
  { why: '+05:30, already Tuesday in Shanghai', start: '2025-09-29T21:30:00+05:30', n: 2, due: '2025-10-10' },
  {
    why: 'UTC evening is next morning in Shanghai (Fri)',
    start: '2025-09-25T20:00:00Z',
    n: 2,
    due: '2025-09-29',
  },
  {
    why: 'UTC: Shanghai Saturday (make-up day) begins',
    start: '2025-10-10T16:00:00Z',
    n: 2,
    due: '2025-10-14',
  },
  {
    why: 'UTC: last ms of Shanghai Friday, make-up Sat is day 1',
    start: '2025-10-10T15:59:59.999Z',
    n: 2,
    due: '2025-10-13',
  },
  {
    why: '-04:00 (New York summer time): Shanghai make-up Saturday',
    start: '2025-10-10T12:00:00-04:00',
    n: 2,
    due: '2025-10-14',
  },
  // Spring Festival
  {
    why: 'Spring Festival 2025: eve of the break',
    start: '2025-01-27T10:00:00+08:00',
    n: 2,
    due: '2025-02-06',
  },
  {
    why: 'Spring Festival 2025: make-up Sun Jan 26 is day 1',
    start: '2025-01-24T10:00:00+08:00',
    n: 2,
    due: '2025-01-27',
  },
  {
    why: 'Spring Festival 2025: make-up Sat Feb 8 is day 1',
    start: '2025-02-07T10:00:00+08:00',
    n: 2,
    due: '2025-02-10',
  },
  {
    why: 'Spring Festival 2020, extended to Feb 2 (Sat Feb 1 no longer worked)',
    start: '2020-01-23T10:00:00+08:00',
    n: 2,
    due: '2020-02-04',
  },
  {
    why: 'Spring Festival 2020: make-up Sun Jan 19',
    start: '2020-01-17T12:00:00+08:00',
    n: 2,
    due: '2020-01-20',
  },
  {
    why: 'Spring Festival 2021: make-up Sat Feb 20 is day 3',
    start: '2021-02-10T10:00:00+08:00',
    n: 3,
    due: '2021-02-20',
  },
  {
    why: 'Spring Festival 2021: make-up Sun Feb 7',
    start: '2021-02-05T10:00:00+08:00',
    n: 2,
    due: '2021-02-08',
  },
  {
    why: 'Spring Festival 2022: make-up Sat and Sun are days 1 and 2',
    start: '2022-01-28T10:00:00+08:00',
    n: 2,
    due: '2022-01-30',
  },
  {
    why: 'Spring Festival 2022: start on make-up Sunday',
    start: '2022-01-30T10:00:00+08:00',
    n: 2,
    due: '2022-02-08',
  },
  {
    why: 'Spring Festival 2023: make-up weekend after the break',
    start: '2023-01-20T10:00:00+08:00',
    n: 2,
    due: '2023-01-29',
  },
  {
    why: 'Spring Festival 2024: eve (Feb 9) is worked, then make-up Sun Feb 18',
    start: '2024-02-08T10:00:00+08:00',
    n: 2,
    due: '2024-02-18',
  },
  {
    why: 'Spring Festival 2026: make-up Sat Feb 14, then the 9-day break',
    start: '2026-02-13T10:00:00+08:00',
    n: 2,
    due: '2026-02-24',
  },
  {
    why: 'Spring Festival 2026: make-up Sat Feb 28',
    start: '2026-02-27T10:00:00+08:00',
    n: 1,
    due: '2026-02-28',
  },
  // Qingming
  { why: 'Qingming 2024: make-up Sun Apr 7', start: '2024-04-03T10:00:00+08:00', n: 2, due: '2024-04-08' },
  { why: 'Qingming 2023: one day off', start: '2023-04-04T10:00:00+08:00', n: 1, due: '2023-04-06' },
  {
    why: 'Qingming 2022: make-up Sat Apr 2, then Apr 3-5 off',
    start: '2022-04-01T10:00:00+08:00',
    n: 2,
    due: '2022-04-06',
  },
  { why: 'Qingming 2026: Sat-Mon off', start: '2026-04-03T10:00:00+08:00', n: 1, due: '2026-04-07' },
  { why: 'Qingming 2020', start: '2020-04-03T10:00:00+08:00', n: 2, due: '2020-04-08' },
  // May Day
  { why: 'May Day 2025: make-up Sun Apr 27', start: '2025-04-25T10:00:00+08:00', n: 2, due: '2025-04-28' },
  { why: 'May Day 2025: May 1-5 off', start: '2025-04-30T10:00:00+08:00', n: 2, due: '2025-05-07' },
  { why: 'May Day 2024', start: '2024-04-30T10:00:00+08:00', n: 3, due: '2024-05-08' },
  { why: 'May Day 2024: make-up Sat May 11', start: '2024-05-10T10:00:00+08:00', n: 1, due: '2024-05-11' },
  { why: 'May Day 2023: make-up Sat May 6', start: '2023-05-05T10:00:00+08:00', n: 2, due: '2023-05-08' },
  {
    why: 'May Day 2021: make-up Sat May 8 is day 3',
    start: '2021-04-30T10:00:00+08:00',
    n: 3,
    due: '2021-05-08',
  },
  { why: 'May Day 2026', start: '2026-04-30T10:00:00+08:00', n: 2, due: '2026-05-07' },
  { why: 'May Day 2020: make-up Sun Apr 26', start: '2020-04-24T10:00:00+08:00', n: 1, due: '2020-04-26' },
  // Dragon Boat
  { why: 'Dragon Boat 2025: Sat-Mon off', start: '2025-05-30T10:00:00+08:00', n: 1, due: '2025-06-03' },
  {
    why: 'Dragon Boat 2023: make-up Sun Jun 25',
    start: '2023-06-21T10:00:00+08:00',
    n: 2,
    due: '2023-06-26',
  },
  {
    why: 'Dragon Boat 2020: make-up Sun Jun 28',
    start: '2020-06-24T10:00:00+08:00',
    n: 2,
    due: '2020-06-29',
  },
  { why: 'Dragon Boat 2024', start: '2024-06-07T10:00:00+08:00', n: 1, due: '2024-06-11' },
  { why: 'Dragon Boat 2026', start: '2026-06-18T10:00:00+08:00', n: 1, due: '2026-06-22' },
  // Mid-Autumn
  { why: 'Mid-Autumn 2021: make-up Sat Sep 18', start: '2021-09-17T10:00:00+08:00', n: 2, due: '2021-09-22' },
  { why: 'Mid-Autumn 2024: make-up Sat Sep 14', start: '2024-09-13T10:00:00+08:00', n: 2, due: '2024-09-18' },
  { why: 'Mid-Autumn 2022', start: '2022-09-09T10:00:00+08:00', n: 1, due: '2022-09-13' },
  { why: 'Mid-Autumn 2026', start: '2026-09-24T10:00:00+08:00', n: 2, due: '2026-09-29' },
  // National Day
  { why: 'National Day 2024', start: '2024-09-30T10:00:00+08:00', n: 2, due: '2024-10-09' },
  {
    why: 'National Day 2024: make-up Sun Sep 29',
    start: '2024-09-27T10:00:00+08:00',
    n: 2,
    due: '2024-09-30',
  },
  {
    why: 'National Day 2024: make-up Sat Oct 12',
    start: '2024-10-11T10:00:00+08:00',
    n: 1,
    due: '2024-10-12',
  },
  {
    why: 'Mid-Autumn + National Day 2023: make-up Sat and Sun',
    start: '2023-09-28T10:00:00+08:00',
    n: 2,
    due: '2023-10-08',
  },
  {
    why: 'National Day 2022: make-up Sat and Sun',
    start: '2022-09-30T10:00:00+08:00',
    n: 2,
    due: '2022-10-09',
  },
  {
    why: 'National Day 2020: make-up Sat Oct 10 is day 2',
    start: '2020-09-30T10:00:00+08:00',
    n: 3,
    due: '2020-10-12',
  },
  {
    why: 'National Day 2026: make-up Sat Oct 10 is day 3',
    start: '2026-09-30T10:00:00+08:00',
    n: 3,
    due: '2026-10-10',
  },
  {
    why: 'National Day 2026: make-up Sun Sep 20',
    start: '2026-09-18T10:00:00+08:00',
    n: 1,
    due: '2026-09-20',
  },
  {
    why: 'National Day 2021: make-up Sat Oct 9',
    start: '2021-09-30T10:00:00+08:00',
    n: 2,
    due: '2021-10-09',
  },
  // New Year, across years
  {
    why: 'New Year 2026: make-up Sun Jan 4, across the year end',
    start: '2025-12-31T10:00:00+08:00',
    n: 2,
    due: '2026-01-05',
  },
  { why: 'New Year 2023: Dec 31 - Jan 2 off', start: '2022-12-30T10:00:00+08:00', n: 1, due: '2023-01-03' },
  { why: 'New Year 2024', start: '2023-12-29T10:00:00+08:00', n: 1, due: '2024-01-02' },
  // ordinary weeks
  { why: 'ordinary Wednesday', start: '2025-03-12T09:00:00+08:00', n: 2, due: '2025-03-14' },
  { why: 'ordinary Friday: weekend skipped', start: '2025-03-14T09:00:00+08:00', n: 2, due: '2025-03-18' },
  { why: 'ten working days', start: '2025-03-14T09:00:00+08:00', n: 10, due: '2025-03-28' },
  // beyond the loaded years: provisional, weekends only there
  { why: '2027 not loaded', start: '2026-12-30T10:00:00+08:00', n: 3, due: '2027-01-04', missing: [2027] },
  {
    why: 'start in 2019 (not counted), days in 2020',
    start: '2019-12-31T10:00:00+08:00',
    n: 1,
    due: '2020-01-02',
  },
  { why: '2019 not loaded', start: '2019-12-30T10:00:00+08:00', n: 1, due: '2019-12-31', missing: [2019] },
];

/** 24:00 of `due` as an instant: 00:00:00+08:00 of the next day, in ISO-8601. */
export function endOfDayText(due: string): string {
  const next = new Date(Date.parse(`${due}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T00:00:00+08:00`;
}
