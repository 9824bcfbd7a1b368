import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { CalendarOverride } from './calendar-days';

export interface LoadedYear {
  year: number;
  source: string;
  version: string;
  holidays: number;
  makeupWorkdays: number;
  updatedAt: string;
}

export interface CalendarYearDetail {
  year: number;
  source: string;
  version: string;
  updatedAt: string;
  overrides: CalendarOverride[];
}

export interface Coverage {
  asOf: string;
  loadedYears: number[];
  currentYear: number;
  nextYear: number;
  currentYearLoaded: boolean;
  nextYearLoaded: boolean;
  warning: boolean;
  message: { zh: string; en: string } | null;
}

export interface YearChange {
  version: string;
  year: number;
  source: string;
  overrides: CalendarOverride[];
  previousOverrides: CalendarOverride[] | null;
  format: 'seed' | 'json' | 'ics';
  reason: string;
  changedBy: string;
  changedAt: string;
}

/** The answer of a load or correction: the new calendar version. */
export interface SavedYear {
  year: number;
  version: string;
  holidays: number;
  makeupWorkdays: number;
  changedBy: string;
  changedAt: string;
}

const CALENDAR_KEY = ['supervisor', 'calendar'] as const;

export function useLoadedYears() {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'years'],
    queryFn: () => api<LoadedYear[]>('hotline', '/calendar/years'),
  });
}

export function useCoverage() {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'coverage'],
    queryFn: () => api<Coverage>('hotline', '/calendar/coverage'),
  });
}

export function useCalendarYear(year: number, loaded: boolean) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'year', year],
    queryFn: () => api<CalendarYearDetail>('hotline', `/calendar/years/${year}`),
    enabled: loaded,
  });
}

/** Also the write check: the API lets only calendar managers read the history, and write. */
export function useYearHistory(year: number) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, 'history', year],
    queryFn: () => api<YearChange[]>('hotline', `/calendar/years/${year}/history`),
    retry: false,
  });
}

export interface ChangeReason {
  source: string;
  reason: string;
}

export function useCorrectYear(year: number) {
  const refresh = useCalendarRefresh();
  return useMutation({
    mutationFn: (body: ChangeReason & { overrides: CalendarOverride[] }) =>
      api<SavedYear>('hotline', `/calendar/years/${year}`, { method: 'PUT', body }),
    onSuccess: refresh,
  });
}

export function useUploadIcs(year: number) {
  const refresh = useCalendarRefresh();
  return useMutation({
    mutationFn: (body: ChangeReason & { ics: string }) =>
      api<SavedYear>('hotline', `/calendar/years/${year}/ics`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

function useCalendarRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
}
