import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { UnitKpis, WeeklyPoint } from './kpi-data';

export interface KpiPeriod {
  unit: string;
  from: string;
  to: string;
}

export function useKpis(period: KpiPeriod) {
  return useQuery({
    queryKey: ['supervisor', 'kpis', period],
    queryFn: () => api<UnitKpis>('hotline', '/kpis', { query: { ...period } }),
  });
}

export function useWeeklyKpis(period: KpiPeriod) {
  return useQuery({
    queryKey: ['supervisor', 'kpis-weekly', period],
    queryFn: () => api<{ series: WeeklyPoint[] }>('hotline', '/kpis/weekly', { query: { ...period } }),
    select: (answer) => answer.series,
  });
}
