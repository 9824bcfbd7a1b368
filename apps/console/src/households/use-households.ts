import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../shared/api';
import { retryServerErrors } from '../operator/api-status';
import type {
  EpisodeDetail,
  EpisodeKpis,
  EpisodeStatus,
  EpisodeSummary,
  Household,
  MemberCase,
  StaffCandidate,
} from './api-types';
import { assistedEpisode } from './household-rows';

/** Clocks count days: a minute is fresh enough, and the page is read again after every action. */
const REFRESH_MS = 60_000;

export interface BoardFilter {
  status?: EpisodeStatus;
  atRisk: boolean;
  streetCode?: string;
  communityCode?: string;
  page: number;
  pageSize: number;
}

/** The household board of the caller's area, in the hotline's order (overdue first, then the nearest due date). */
export function useEpisodeBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: ['households', 'board', filter],
    queryFn: () =>
      api<Page<EpisodeSummary>>('hotline', '/household-episodes', {
        query: {
          status: filter.status,
          atRisk: filter.atRisk || undefined,
          streetCode: filter.streetCode,
          communityCode: filter.communityCode,
          limit: filter.pageSize,
          offset: (filter.page - 1) * filter.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** This month's figures of the caller's area (the hotline's default period). */
export function useEpisodeKpis() {
  return useQuery({
    queryKey: ['households', 'kpis'],
    queryFn: () => api<EpisodeKpis>('hotline', '/household-episodes/kpis'),
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

const episodeKey = (episodeId: string) => ['households', 'episode', episodeId];

export function useEpisode(episodeId: string) {
  return useQuery({
    queryKey: episodeKey(episodeId),
    queryFn: () => api<EpisodeDetail>('hotline', `/household-episodes/${encodeURIComponent(episodeId)}`),
    refetchInterval: REFRESH_MS,
    retry: retryServerErrors,
  });
}

/** The household's members, names masked, from the people service (the hotline holds no names). */
export function useHousehold(householdId: string | undefined) {
  return useQuery({
    queryKey: ['households', 'household', householdId],
    enabled: !!householdId,
    queryFn: () => api<Household>('people', `/households/${householdId}`),
    retry: retryServerErrors,
  });
}

/** Staff whose area covers the household, read when the picker opens. */
export function useStaffCandidates(episodeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['households', 'staff-candidates', episodeId],
    enabled,
    queryFn: () =>
      api<StaffCandidate[]>(
        'hotline',
        `/household-episodes/${encodeURIComponent(episodeId)}/staff-candidates`,
      ),
    staleTime: 60_000,
    retry: retryServerErrors,
  });
}

/** A member's open help cases, for linking one to the episode without typing its number. */
export function useMemberCases(personId: string | undefined) {
  return useQuery({
    queryKey: ['households', 'member-cases', personId],
    enabled: !!personId,
    queryFn: () =>
      api<Page<MemberCase>>('hotline', '/cases', { query: { personId, open: 'true', limit: 20 } }).then(
        (page) => page.items,
      ),
    retry: retryServerErrors,
  });
}

/**
 * One action on the episode (POST /household-episodes/{id}/<path>); the answer is the episode again, so the page
 * shows it at once, and the board and its figures are marked stale.
 */
export function useEpisodeAction(episodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api<EpisodeDetail>('hotline', `/household-episodes/${encodeURIComponent(episodeId)}/${path}`, {
        method: 'POST',
        body,
      }),
    onSuccess: (detail) => queryClient.setQueryData(episodeKey(episodeId), detail),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['households', 'board'] }),
        queryClient.invalidateQueries({ queryKey: ['households', 'kpis'] }),
      ]),
  });
}

/**
 * The episode of a case's person's household, for the case page's link: the person's household from people,
 * then that household's episodes; the newest one still open or followed up, or none.
 */
export function usePersonHouseholdEpisode(personId: string | null) {
  const person = useQuery({
    queryKey: ['households', 'person-household', personId],
    enabled: !!personId,
    queryFn: () => api<{ household: { id: string } | null }>('people', `/persons/${personId}`),
    select: (answer) => answer.household?.id ?? null,
    staleTime: 300_000,
    retry: false,
  });
  const householdId = person.data ?? null;
  return useQuery({
    queryKey: ['households', 'of-household', householdId],
    enabled: !!householdId,
    queryFn: () => api<EpisodeSummary[]>('hotline', `/households/${householdId}/episodes`),
    select: assistedEpisode,
    staleTime: 60_000,
    retry: false,
  });
}
