import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api';
import { retryServerErrors } from '../api-status';
import type { Missing, ThreePlusOneKpis, WorklistPage } from './api-types';

/** Days are counted in whole days: a minute is fresh enough, and the list is read again after every action. */
const REFRESH_MS = 60_000;

export interface WorklistFilter {
  /** The district, street or community chosen below the user's own unit (none: the user's whole area). */
  unitCode?: string;
  missing?: Missing;
  includeEnded: boolean;
  page: number;
  pageSize: number;
}

/** The caller's area's persons still without 3+1, fewest days left first (the people service's order). */
export function useWorklist(filter: WorklistFilter) {
  return useQuery({
    queryKey: ['three-plus-one', 'worklist', filter],
    queryFn: () =>
      api<WorklistPage>('people', '/three-plus-one/worklist', {
        query: {
          ...unitParameter(filter.unitCode),
          missing: filter.missing,
          includeEnded: filter.includeEnded ? 'true' : undefined,
          limit: filter.pageSize,
          offset: (filter.page - 1) * filter.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** The worklist's filter for a unit code: district (6 digits), street (9) or community (12). */
function unitParameter(code: string | undefined): Record<string, string> {
  if (!code) return {};
  const name = { 6: 'districtCode', 9: 'streetCode', 12: 'communityCode' }[code.length];
  return name ? { [name]: code } : {};
}

/** This month's figures of the caller's area (the service's default period), narrowed to a unit when chosen. */
export function useThreePlusOneKpis(unit: string | undefined) {
  return useQuery({
    queryKey: ['three-plus-one', 'kpis', unit],
    queryFn: () => api<ThreePlusOneKpis>('people', '/three-plus-one/kpis', { query: { unit } }),
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

/**
 * The person's open help case, if any: the hotline knows cases, the people service does not, so the console asks
 * the hotline's case list (scoped to the caller's area) when the operator wants to propose a job.
 */
export function findOpenCase(personId: string): Promise<string | null> {
  return api<Page<{ caseId: string }>>('hotline', '/cases', {
    query: { personId, open: 'true', limit: 1 },
  }).then((page) => page.items[0]?.caseId ?? null);
}

export interface ContactRecord {
  kind: 'callback' | 'follow-up' | 'visit';
  channel: 'phone' | 'in-person' | 'home-visit' | 'sms' | 'online';
  outcome: string;
  /** Idempotency key: a retried submit writes one record. */
  requestId: string;
}

/** Records a contact on the person (awaiting their confirmation); the worklist and their records are read again. */
export function useRecordContact(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contact: ContactRecord) =>
      api('people', `/persons/${personId}/service-records`, {
        method: 'POST',
        body: { ...contact, occurredAt: new Date().toISOString() },
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['three-plus-one'] }),
        queryClient.invalidateQueries({ queryKey: ['records', personId] }),
      ]),
  });
}
