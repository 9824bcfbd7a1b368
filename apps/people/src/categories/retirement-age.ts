/**
 * Statutory retirement ages after the gradual increase decided by the NPC Standing Committee on 2024-09-13 (in
 * force 1 January 2025, 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定, and its annex tables).
 * The new age depends on the birth month: men from 60 to 63 and women cadres from 55 to 58, one month more for
 * every 4 birth months from January 1965 and January 1970; women workers from 50 to 55, one month more for every
 * 2 birth months from January 1975. Whoever was born before the first of those months keeps the old age.
 */
export type RetirementGroup = 'male' | 'female-55' | 'female-50';

interface Schedule {
  /** Age in years before the reform. */
  baseYears: number;
  /** The first birth month (year, month 1-12) whose age is raised. */
  fromYear: number;
  fromMonth: number;
  /** Birth months per extra month of age. */
  monthsPerStep: number;
  /** Extra months at most (the target age). */
  maxExtraMonths: number;
}

const SCHEDULES: Record<RetirementGroup, Schedule> = {
  male: { baseYears: 60, fromYear: 1965, fromMonth: 1, monthsPerStep: 4, maxExtraMonths: 36 },
  'female-55': { baseYears: 55, fromYear: 1970, fromMonth: 1, monthsPerStep: 4, maxExtraMonths: 36 },
  'female-50': { baseYears: 50, fromYear: 1975, fromMonth: 1, monthsPerStep: 2, maxExtraMonths: 60 },
};

/** The retirement age, in months, of a person born on `birthDate` (YYYY-MM-DD). */
export function retirementAgeMonths(group: RetirementGroup, birthDate: string): number {
  const s = SCHEDULES[group];
  const birthMonthIndex = Number(birthDate.slice(0, 4)) * 12 + Number(birthDate.slice(5, 7)) - 1;
  const since = birthMonthIndex - (s.fromYear * 12 + s.fromMonth - 1);
  const extra = since < 0 ? 0 : Math.min(Math.floor(since / s.monthsPerStep) + 1, s.maxExtraMonths);
  return s.baseYears * 12 + extra;
}

/** The day the person reaches the retirement age (YYYY-MM-DD; the month's last day if it has no such day). */
export function retirementDate(group: RetirementGroup, birthDate: string): string {
  const months =
    Number(birthDate.slice(0, 4)) * 12 +
    Number(birthDate.slice(5, 7)) -
    1 +
    retirementAgeMonths(group, birthDate);
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(birthDate.slice(8, 10)), lastDay);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
