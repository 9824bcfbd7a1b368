// The pure steps that turn the KPI answers (GET /kpis, GET /kpis/weekly, the jobs decline report) into chart
// data, rows and text.
import type { EmployerDeclineReason, EmployerDeclineReport, WeeklyKpis } from '@platform/contracts';
import type { Language } from '../../shared/i18n-helpers';
import { unitName } from '../../shared/org-units';

// The hotline's KPI answers are defined once, in the contracts, for the service and the console.
export type { Kpis, KpiUnit, UnitKpis } from '@platform/contracts';
export type WeeklyPoint = WeeklyKpis;

/** Placements within the promise per week (x axis) and district (one stacked series each). */
export interface WeeklyPlacements {
  weeks: string[];
  districts: Array<{ code: string; name: string; values: number[] }>;
}

export function weeklyPlacements(series: readonly WeeklyPoint[], language: Language): WeeklyPlacements {
  const weeks = [...new Set(series.map((point) => point.weekStart))].sort();
  const names = new Map<string, string>();
  for (const point of series)
    names.set(
      point.districtCode,
      unitName({ nameZh: point.districtName, nameEn: point.districtNameEn }, language),
    );
  const districts = [...names.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({
      code,
      name,
      values: weeks.map((week) =>
        series
          .filter((point) => point.weekStart === week && point.districtCode === code)
          .reduce((sum, point) => sum + point.placedWithinSla, 0),
      ),
    }));
  return { weeks, districts };
}

/** Breaches of all districts together, per week. */
export function weeklyBreaches(series: readonly WeeklyPoint[]): Array<{ week: string; breached: number }> {
  const totals = new Map<string, number>();
  for (const point of series)
    totals.set(point.weekStart, (totals.get(point.weekStart) ?? 0) + point.breached);
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, breached]) => ({ week, breached }));
}

/** "12.5%" or a dash when nothing was opened. */
export function formatPercent(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(1)}%`;
}

/** Working days with at most two decimals, or a dash when there was no placement. */
export function formatDays(days: number | null): string {
  return days === null ? '—' : String(Math.round(days * 100) / 100);
}

/** The week with the most of `value`, for the charts' text summaries (null when every week is zero). */
export function peakWeek<T extends { week: string }>(
  rows: readonly T[],
  value: (row: T) => number,
): { week: string; value: number } | null {
  let peak: { week: string; value: number } | null = null;
  for (const row of rows) {
    const current = value(row);
    if (current > 0 && (!peak || current > peak.value)) peak = { week: row.week, value: current };
  }
  return peak;
}

export type ReasonCode = EmployerDeclineReason | 'uncoded';
export interface ReasonRow {
  code: ReasonCode;
  count: number;
  percent: number | null;
}

/** The report's counts as rows, most frequent first (ties in the service's order); empty reasons left out. */
export function reasonRows(report: EmployerDeclineReport): ReasonRow[] {
  return (Object.entries(report.byReason) as Array<[ReasonCode, number]>)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .map(([code, count]) => ({
      code,
      count,
      percent: report.total ? Math.round((count / report.total) * 1000) / 10 : null,
    }));
}
