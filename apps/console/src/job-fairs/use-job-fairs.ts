import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../shared/api';
import { retryServerErrors } from '../operator/api-status';
import type { AssistanceMonth, FairApplication, FairDetail, FairSummary, PickedVacancy } from './api-types';

const REFRESH_MS = 30_000;

export function useFairs(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['fairs', 'list', page, pageSize],
    queryFn: () =>
      api<Page<FairSummary>>('hotline', '/job-fairs', {
        query: { limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

const fairKey = (id: string) => ['fairs', 'one', id];

/** The fair with its employers, applications and results; read again while applications are on their way. */
export function useFair(id: string) {
  return useQuery({
    queryKey: fairKey(id),
    queryFn: () => api<FairDetail>('hotline', `/job-fairs/${encodeURIComponent(id)}`),
    refetchInterval: (query) =>
      query.state.data?.applications.some(
        (a) => a.status === 'opening-case' || a.status === 'awaiting-registration',
      )
        ? 3_000
        : REFRESH_MS,
    retry: retryServerErrors,
  });
}

export function useAssistanceMonth(unit: string | undefined, year: number) {
  return useQuery({
    queryKey: ['fairs', 'month', unit, year],
    enabled: !!unit,
    queryFn: () => api<AssistanceMonth>('hotline', '/job-fairs/assistance-month', { query: { unit, year } }),
    retry: retryServerErrors,
  });
}

function useFairChange<T>(id: string, call: (body: T) => Promise<FairDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (fair) => {
      client.setQueryData(fairKey(id), fair);
      void client.invalidateQueries({ queryKey: ['fairs', 'list'] });
    },
  });
}

export function useFairStatus(id: string) {
  return useFairChange(id, (status: 'held' | 'cancelled') =>
    api<FairDetail>('hotline', `/job-fairs/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } }),
  );
}

export function useRecordVisitors(id: string) {
  return useFairChange(id, (count: number) =>
    api<FairDetail>('hotline', `/job-fairs/${encodeURIComponent(id)}/visitors`, {
      method: 'PUT',
      body: { count },
    }),
  );
}

export interface ApplicationBody {
  requestId: string;
  vacancyId: string;
  caseId?: string;
  intake?: Record<string, unknown>;
}

export function useApply(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationBody) =>
      api<FairApplication>('hotline', `/job-fairs/${encodeURIComponent(id)}/applications`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['fairs'] }),
  });
}

export interface CreateFairBody {
  title: string;
  heldOn: string;
  unitCode: string;
  venue: string;
  assistanceMonth: boolean;
  vacancies: PickedVacancy[];
}

export function useCreateFair() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateFairBody) => api<FairDetail>('hotline', '/job-fairs', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['fairs'] }),
  });
}

/** An open case found by name, mobile or ID number (in the body, never in a URL). */
export interface FoundCase {
  caseId: string;
  caller: { name: string; phoneMasked: string } | null;
  communityName?: string | null;
}

export function useCaseSearch() {
  return useMutation({
    mutationFn: (term: string) =>
      api<{ items: FoundCase[] }>('hotline', '/cases/search', {
        method: 'POST',
        body: { term, open: true, limit: 10 },
      }).then((answer) => answer.items),
  });
}

interface VacancyListItem {
  id: string;
  title: string;
  employerId: string;
}

/**
 * Open vacancies by title from the jobs service, each named with its employer from the employers service
 * (as the case page names its candidates): staff pick by names, the fair keeps the ids behind them.
 */
export function useVacancySearch(term: string) {
  return useQuery({
    queryKey: ['fairs', 'vacancies', term],
    enabled: term.trim().length > 0,
    queryFn: async (): Promise<PickedVacancy[]> => {
      const page = await api<Page<VacancyListItem>>('jobs', '/vacancies', {
        query: { q: term.trim(), status: 'open', limit: 20 },
      });
      const names = new Map<string, string>();
      await Promise.all(
        [...new Set(page.items.map((v) => v.employerId))].map(async (employerId) => {
          const employer = await api<{ name: string }>('employers', `/employers/${employerId}`).catch(
            () => null,
          );
          if (employer) names.set(employerId, employer.name);
        }),
      );
      return page.items.map((v) => ({
        vacancyId: v.id,
        vacancyTitle: v.title,
        employerId: v.employerId,
        employerName: names.get(v.employerId) ?? '',
      }));
    },
    staleTime: 60_000,
  });
}
