import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ReservationStatus,
  ReservationView as Reservation,
  WelfarePoolView as WelfarePool,
} from '@platform/contracts';
import { api, type Page } from '../../shared/api';

// The employers service's answers, defined once in the contracts.
export type { Reservation, ReservationStatus, WelfarePool };

export interface NewPool {
  districtCode: string;
  postType: string;
  period: string;
  fundedSlots: number;
  priorityReserve: number;
}

const WELFARE_KEY = ['supervisor', 'welfare'] as const;

export function usePools(districtCode: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...WELFARE_KEY, 'pools', districtCode, page],
    queryFn: () =>
      api<Page<WelfarePool>>('employers', '/welfare-pools', {
        query: { districtCode, limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export interface ReservationFilter {
  caseId?: string;
  poolId?: string;
  status?: ReservationStatus;
}

export function useReservations(filter: ReservationFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...WELFARE_KEY, 'reservations', filter, page],
    queryFn: () =>
      api<Page<Reservation>>('employers', '/reservations', {
        query: { ...filter, limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePool() {
  const refresh = useWelfareRefresh();
  return useMutation({
    mutationFn: (body: NewPool) => api<WelfarePool>('employers', '/welfare-pools', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/**
 * Gives a stuck hold back to its pool (the person left the post, or the case went on without it). Holds are made
 * and confirmed by the case itself, never here.
 */
export function useReleaseReservation() {
  const refresh = useWelfareRefresh();
  return useMutation({
    mutationFn: (id: string) =>
      api<Reservation>('employers', `/reservations/${id}/release`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

function useWelfareRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: WELFARE_KEY });
}
