import {
  MS_PER_DAY,
  MS_PER_HOUR,
  SHANGHAI_OFFSET_MS,
  dayFromCivil,
  formatDay,
  isoWeekday,
  parseDay,
  yearOfDay,
} from './day-number';
import { CalendarData, DayKind, validateCalendarData } from './model';

/**
 * How a period in working days is counted. The default (`LEGAL_POLICY`) is the general rule of
 * Chinese law for periods (Civil Code arts. 201, 203): the day the period starts is not counted, and
 * the period ends at 24:00 of its last day, which is a working day.
 */
export interface DeadlinePolicy {
  /**
   * When set (0-24, Shanghai hours, fractions allowed), a start strictly before this hour on a working
   * day counts that day as day 1. E.g. 12: taken at 11:59 on a working day, that day counts.
   */
  countStartDayBeforeHour?: number;
  /** 'end-of-day' (default): 24:00 of the last day; or close of business, e.g. { closeOfBusinessHour: 17.5 }. */
  endAt?: 'end-of-day' | { closeOfBusinessHour: number };
}

/** The legal rule: start day not counted, due at 24:00 of the Nth working day after it. */
export const LEGAL_POLICY: Readonly<DeadlinePolicy> = Object.freeze({ endAt: 'end-of-day' as const });

/**
 * Whether an answer relied only on loaded calendar years. When a computation enters a year whose
 * calendar is not loaded, it goes on with the weekly pattern alone (weekends off, no holidays, no
 * make-up days), marks the answer `provisional` and names the years in `missingYears`.
 */
export interface Coverage {
  provisional: boolean;
  /** Years the computation looked at whose calendar is not loaded, ascending; empty when not provisional. */
  missingYears: number[];
}

export interface DeadlineResult extends Coverage {
  /** The instant the period ends: with the default policy 00:00 Shanghai time of the day after `dueDate`. */
  deadline: Date;
  /** The last counted working day, `YYYY-MM-DD` (Shanghai). */
  dueDate: string;
  calendarVersion: string;
}

export interface WorkingDayResult extends Coverage {
  /** `YYYY-MM-DD` */
  date: string;
}

export interface WorkingDuration extends Coverage {
  /** Working milliseconds: time that falls on working days (Shanghai days, whole 24 h each). Signed. */
  ms: number;
  /** The same in working days (ms / 86,400,000). */
  workingDays: number;
}

export interface MilestoneOptions {
  /** Fraction of the working time for the first warning (default 0.5). */
  half?: number;
  /** Fraction of the working time for the second warning (default 0.75). */
  threeQuarters?: number;
  /** Working days left for the last warning (default 1). */
  workingDaysLeft?: number;
}

export interface Milestones extends Coverage {
  /** Earliest instant at which `half` (default 50 %) of the working time from start to deadline has elapsed. */
  half: Date;
  /** Earliest instant at which `threeQuarters` (default 75 %) of the working time has elapsed. */
  threeQuarters: Date;
  /** Earliest instant at which only `workingDaysLeft` (default 1) working day(s) of working time remain. */
  oneWorkingDayLeft: Date;
}

export type DayInfoKind = 'workday' | 'weekend' | DayKind;

export interface DayInfo {
  date: string;
  working: boolean;
  /** 'workday'/'weekend' from the weekly pattern, or the override that applies. */
  kind: DayInfoKind;
  name?: string;
  /** True when the day's year is not loaded: the answer follows the weekly pattern alone. */
  provisional: boolean;
}

export interface WorkingCalendarOptions {
  /** The policy used when a call passes none; defaults to LEGAL_POLICY. */
  policy?: DeadlinePolicy;
}

interface ResolvedPolicy {
  /** Start-of-day offset (ms) before which a working start day counts, or -1 for never. */
  cutoffMs: number;
  /** Offset (ms) from 00:00 of the due day at which the period ends. */
  endMs: number;
}

/** 1970-01-05, a Monday: origin of the weekly pattern arithmetic. */
const MONDAY = 4;
/** Date's range: ±8.64e15 ms. */
const MAX_EPOCH_MS = 8.64e15;

function resolvePolicy(policy: DeadlinePolicy): ResolvedPolicy {
  if (policy === null || typeof policy !== 'object') throw new TypeError('policy must be an object');
  let cutoffMs = -1;
  const hour = policy.countStartDayBeforeHour;
  if (hour !== undefined) {
    if (typeof hour !== 'number' || !(hour >= 0 && hour <= 24)) {
      throw new RangeError(
        `policy.countStartDayBeforeHour must be an hour from 0 to 24, got ${JSON.stringify(hour)}`,
      );
    }
    cutoffMs = Math.round(hour * MS_PER_HOUR);
  }
  let endMs = MS_PER_DAY;
  const endAt = policy.endAt;
  if (endAt !== undefined && endAt !== 'end-of-day') {
    const close = typeof endAt === 'object' && endAt !== null ? endAt.closeOfBusinessHour : undefined;
    if (typeof close !== 'number' || !(close > 0 && close <= 24)) {
      throw new RangeError(
        `policy.endAt must be 'end-of-day' or { closeOfBusinessHour: hour in (0, 24] }, got ${JSON.stringify(endAt)}`,
      );
    }
    endMs = Math.round(close * MS_PER_HOUR);
  }
  return { cutoffMs, endMs };
}

function epochMsOf(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid Date, got ${String(instant)}`);
  return ms;
}

function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`${what} must be a whole number of working days ≥ 1, got ${JSON.stringify(n)}`);
  }
}

function toDate(epochMs: number): Date {
  if (!(Math.abs(epochMs) <= MAX_EPOCH_MS)) throw new RangeError('result is outside the range of dates');
  return new Date(epochMs);
}

/**
 * The official working-day calendar: a weekly pattern plus dated overrides per loaded year. Pure and
 * deterministic (no I/O, no clock, no process time zone): every date is a Shanghai calendar day
 * (fixed UTC+08:00; Asia/Shanghai has had no DST since 1991), handled as an integer day number.
 *
 * All queries are O(1): over the span of loaded years a table holds, per day, whether it is a
 * working day, the number of working days before it (prefix sum) and the list of working days in
 * order; outside the span (and in unloaded years inside it) the weekly pattern is used arithmetically.
 * The count W(d) of working days before day d is thus defined for every day, and "the Nth working
 * day after d" is the working day of rank W(d + 1) + N - 1.
 */
export class WorkingCalendar {
  readonly version: string;
  /** Loaded years, ascending. */
  readonly coveredYears: readonly number[];

  private readonly weekendMask: boolean[] = new Array<boolean>(8).fill(false);
  private readonly perWeek: number;
  /** weekPrefix[r]: working days among the first r days of a Monday-based week. */
  private readonly weekPrefix: number[] = [0];
  /** Offsets from Monday (0-6) of the working weekdays, in order. */
  private readonly weekWorkOffsets: number[] = [];

  /** Table span [spanLo, spanHi): 1 January of the first loaded year to 1 January after the last. */
  private readonly spanLo: number;
  private readonly spanHi: number;
  private readonly working: Uint8Array;
  /** cum[i]: working days in [spanLo, spanLo + i). */
  private readonly cum: Int32Array;
  private readonly workDays: Int32Array;
  private readonly baseLo: number;
  private readonly baseHi: number;
  private readonly patternHi: number;
  private readonly dateText: (string | undefined)[];

  private readonly covered = new Set<number>();
  /** Every year of the table span is loaded (then coverage of days inside the span needs no year lookup). */
  private readonly gapFree: boolean;
  private readonly overrides = new Map<number, { kind: DayKind; name?: string }>();
  private readonly defaultPolicy: ResolvedPolicy;

  constructor(data: CalendarData, options: WorkingCalendarOptions = {}) {
    validateCalendarData(data);
    this.version = data.version;
    this.defaultPolicy = resolvePolicy(options.policy ?? LEGAL_POLICY);

    for (const wd of data.weekend) this.weekendMask[wd] = true;
    for (let offset = 0; offset < 7; offset++) {
      const off = this.weekendMask[offset + 1];
      if (!off) this.weekWorkOffsets.push(offset);
      this.weekPrefix.push(this.weekPrefix[offset] + (off ? 0 : 1));
    }
    this.perWeek = this.weekWorkOffsets.length;

    for (const y of data.years) {
      this.covered.add(y.year);
      for (const o of y.overrides) {
        this.overrides.set(
          parseDay(o.date),
          o.name === undefined ? { kind: o.kind } : { kind: o.kind, name: o.name },
        );
      }
    }
    this.coveredYears = Object.freeze([...this.covered].sort((a, b) => a - b));
    const first = this.coveredYears[0];
    const last = this.coveredYears[this.coveredYears.length - 1];
    this.spanLo = first === undefined ? 0 : dayFromCivil(first, 1, 1);
    this.spanHi = last === undefined ? 0 : dayFromCivil(last + 1, 1, 1);
    this.gapFree = first !== undefined && last - first + 1 === this.coveredYears.length;

    const length = this.spanHi - this.spanLo;
    this.working = new Uint8Array(length);
    this.cum = new Int32Array(length + 1);
    const workDays: number[] = [];
    for (let i = 0; i < length; i++) {
      const day = this.spanLo + i;
      const isWorking = this.computeIsWorking(day);
      this.working[i] = isWorking ? 1 : 0;
      this.cum[i + 1] = this.cum[i] + (isWorking ? 1 : 0);
      if (isWorking) workDays.push(day);
    }
    this.workDays = Int32Array.from(workDays);
    this.dateText = new Array<string | undefined>(length);
    this.baseLo = this.patternCount(this.spanLo);
    this.baseHi = this.baseLo + this.cum[length];
    this.patternHi = this.patternCount(this.spanHi);
  }

  /** Whether `year`'s calendar is loaded. */
  isCovered(year: number): boolean {
    return this.covered.has(year);
  }

  /**
   * Whether a Shanghai calendar date (`YYYY-MM-DD`, or the Shanghai day containing a Date) is a
   * working day. In a year that is not loaded this follows the weekly pattern alone: use `dayInfo`
   * (or `isCovered`) when that must be told apart.
   */
  isWorkingDay(date: string | Date): boolean {
    return this.isWorkingDayNumber(this.dayOf(date));
  }

  /** What kind of day a date is, and whether the answer is provisional (its year not loaded). */
  dayInfo(date: string | Date): DayInfo {
    const day = this.dayOf(date);
    const provisional = !this.covered.has(yearOfDay(day));
    const override = provisional ? undefined : this.overrides.get(day);
    const text = formatDay(day);
    if (override) {
      const info: DayInfo = {
        date: text,
        working: override.kind === 'makeup_workday',
        kind: override.kind,
        provisional,
      };
      if (override.name !== undefined) info.name = override.name;
      return info;
    }
    const weekend = this.weekendMask[isoWeekday(day)];
    return { date: text, working: !weekend, kind: weekend ? 'weekend' : 'workday', provisional };
  }

  /** The Nth (≥ 1) working day after a date (the date itself not counted). */
  nthWorkingDayAfter(date: string, n: number): WorkingDayResult {
    checkCount(n, 'n');
    const day = parseDay(date);
    const target = this.dayOfRank(this.countBefore(day + 1) + n - 1);
    return this.withCoverage({ date: this.format(target) } as WorkingDayResult, day + 1, target);
  }

  /**
   * The deadline of `n` (≥ 1) working days from `instant`. With the default (legal) policy: the
   * Shanghai calendar day of `instant` is not counted, counting begins the next day, only working
   * days count, and the period ends at 24:00 of the Nth working day — returned as the instant
   * 00:00:00+08:00 of the following day. E.g. taken Fri 2025-09-26 with n = 2 → day 1 Sun 09-28
   * (make-up working day), day 2 Mon 09-29, deadline 2025-09-30T00:00:00+08:00.
   */
  deadline(instant: Date, n: number, policy?: DeadlinePolicy): DeadlineResult {
    const ms = epochMsOf(instant, 'instant');
    checkCount(n, 'n');
    const p = policy === undefined ? this.defaultPolicy : resolvePolicy(policy);
    const local = ms + SHANGHAI_OFFSET_MS;
    const startDay = Math.floor(local / MS_PER_DAY);
    let firstConsulted = startDay + 1;
    let firstCounted = startDay + 1;
    if (p.cutoffMs >= 0 && local - startDay * MS_PER_DAY < p.cutoffMs) {
      firstConsulted = startDay;
      if (this.isWorkingDayNumber(startDay)) firstCounted = startDay;
    }
    const due = this.dayOfRank(this.countBefore(firstCounted) + n - 1);
    const result: DeadlineResult = {
      deadline: toDate(due * MS_PER_DAY - SHANGHAI_OFFSET_MS + p.endMs),
      dueDate: this.format(due),
      provisional: false,
      missingYears: [],
      calendarVersion: this.version,
    };
    return this.withCoverage(result, firstConsulted, due);
  }

  /**
   * Working time from `a` to `b`: the part of [a, b) that falls on working days (each a whole
   * Shanghai day of 24 h). Negative when b is before a.
   */
  workingTimeBetween(a: Date, b: Date): WorkingDuration {
    const msA = epochMsOf(a, 'a');
    const msB = epochMsOf(b, 'b');
    const ms = this.workingClock(msB) - this.workingClock(msA);
    const result = { ms, workingDays: ms / MS_PER_DAY } as WorkingDuration;
    const lo = Math.min(msA, msB);
    const hi = Math.max(msA, msB);
    if (hi === lo) return this.withCoverage(result, 0, -1);
    return this.withCoverage(
      result,
      Math.floor((lo + SHANGHAI_OFFSET_MS) / MS_PER_DAY),
      Math.floor((hi - 1 + SHANGHAI_OFFSET_MS) / MS_PER_DAY),
    );
  }

  /** Working time left from `now` until `deadline`; negative once the deadline has passed (how overdue). */
  remainingWorkingTime(now: Date, deadline: Date): WorkingDuration {
    return this.workingTimeBetween(now, deadline);
  }

  /**
   * Instants for warnings and escalation between `start` and `deadline`: the earliest instants at
   * which 50 % and 75 % of the working time has elapsed, and at which one working day of working
   * time is left (options change the fractions and the days left). A milestone that would fall
   * before `start` is `start`; when there is no working time between them, all three are `start`.
   */
  milestones(start: Date, deadline: Date, options: MilestoneOptions = {}): Milestones {
    const msStart = epochMsOf(start, 'start');
    const msEnd = epochMsOf(deadline, 'deadline');
    const half = options.half ?? 0.5;
    const threeQuarters = options.threeQuarters ?? 0.75;
    const daysLeft = options.workingDaysLeft ?? 1;
    for (const [name, value] of [
      ['half', half],
      ['threeQuarters', threeQuarters],
    ] as const) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new RangeError(
          `milestones: ${name} must be a fraction from 0 to 1, got ${JSON.stringify(value)}`,
        );
      }
    }
    if (typeof daysLeft !== 'number' || !(daysLeft >= 0) || !Number.isFinite(daysLeft)) {
      throw new RangeError(`milestones: workingDaysLeft must be ≥ 0, got ${JSON.stringify(daysLeft)}`);
    }
    const clockStart = this.workingClock(msStart);
    const clockEnd = this.workingClock(msEnd);
    const total = clockEnd - clockStart;
    const at = (clock: number): Date =>
      total <= 0 || clock <= clockStart
        ? new Date(msStart)
        : new Date(Math.max(msStart, this.instantAtClock(clock)));
    const result = {
      half: at(clockStart + Math.ceil(total * half)),
      threeQuarters: at(clockStart + Math.ceil(total * threeQuarters)),
      oneWorkingDayLeft: at(clockEnd - Math.round(daysLeft * MS_PER_DAY)),
    } as Milestones;
    if (msEnd <= msStart) return this.withCoverage(result, 0, -1);
    return this.withCoverage(
      result,
      Math.floor((msStart + SHANGHAI_OFFSET_MS) / MS_PER_DAY),
      Math.floor((msEnd - 1 + SHANGHAI_OFFSET_MS) / MS_PER_DAY),
    );
  }

  // ---- internals -------------------------------------------------------------------------------

  private dayOf(date: string | Date): number {
    if (date instanceof Date) return Math.floor((epochMsOf(date, 'date') + SHANGHAI_OFFSET_MS) / MS_PER_DAY);
    return parseDay(date);
  }

  private computeIsWorking(day: number): boolean {
    if (this.covered.has(yearOfDay(day))) {
      const override = this.overrides.get(day);
      if (override) return override.kind === 'makeup_workday';
    }
    return !this.weekendMask[isoWeekday(day)];
  }

  private isWorkingDayNumber(day: number): boolean {
    const i = day - this.spanLo;
    if (i >= 0 && day < this.spanHi) return this.working[i] === 1;
    return !this.weekendMask[isoWeekday(day)];
  }

  /** Working days before `day` in the weekly pattern alone, counted from the Monday origin. */
  private patternCount(day: number): number {
    const t = day - MONDAY;
    const weeks = Math.floor(t / 7);
    return weeks * this.perWeek + this.weekPrefix[t - weeks * 7];
  }

  /** The working day of rank `k` in the weekly pattern alone (inverse of patternCount). */
  private patternDayOfRank(k: number): number {
    const weeks = Math.floor(k / this.perWeek);
    return MONDAY + weeks * 7 + this.weekWorkOffsets[k - weeks * this.perWeek];
  }

  /** W(day): working days before `day`, continuous across the table and the pattern outside it. */
  private countBefore(day: number): number {
    if (day <= this.spanLo) return this.patternCount(day);
    if (day <= this.spanHi) return this.baseLo + this.cum[day - this.spanLo];
    return this.baseHi + this.patternCount(day) - this.patternHi;
  }

  /** The working day whose rank (W of it) is `k`. */
  private dayOfRank(k: number): number {
    if (k < this.baseLo) return this.patternDayOfRank(k);
    if (k < this.baseHi) return this.workDays[k - this.baseLo];
    return this.patternDayOfRank(k - this.baseHi + this.patternHi);
  }

  /** Working milliseconds from the origin to `epochMs`: a continuous, non-decreasing clock. */
  private workingClock(epochMs: number): number {
    const local = epochMs + SHANGHAI_OFFSET_MS;
    const day = Math.floor(local / MS_PER_DAY);
    const partial = this.isWorkingDayNumber(day) ? local - day * MS_PER_DAY : 0;
    return this.countBefore(day) * MS_PER_DAY + partial;
  }

  /** The earliest instant at which the working clock reads `clock`. */
  private instantAtClock(clock: number): number {
    const k = Math.floor(clock / MS_PER_DAY);
    const rest = clock - k * MS_PER_DAY;
    if (rest > 0) return this.dayOfRank(k) * MS_PER_DAY - SHANGHAI_OFFSET_MS + rest;
    // Exactly k whole working days: the clock reached this at the end of the working day of rank k - 1.
    return (this.dayOfRank(k - 1) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
  }

  private format(day: number): string {
    const i = day - this.spanLo;
    if (i < 0 || day >= this.spanHi) return formatDay(day);
    return (this.dateText[i] ??= formatDay(day));
  }

  /** Marks `result` provisional when a day in [fromDay, toDay] lies in a year that is not loaded. */
  private withCoverage<T extends Coverage>(result: T, fromDay: number, toDay: number): T {
    if (toDay < fromDay || (this.gapFree && fromDay >= this.spanLo && toDay < this.spanHi)) {
      result.provisional = false;
      result.missingYears = [];
      return result;
    }
    const missing: number[] = [];
    for (let y = yearOfDay(fromDay), last = yearOfDay(toDay); y <= last; y++) {
      if (!this.covered.has(y)) missing.push(y);
    }
    result.provisional = missing.length > 0;
    result.missingYears = missing;
    return result;
  }
}
