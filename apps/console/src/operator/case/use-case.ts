import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { retryServerErrors } from '../api-status';
import type {
  CaseDetail,
  CasePolicySummary,
  HandOffCandidate,
  MatchedVacancy,
  MatchProfile,
} from '../api-types';

/** How often the case (and with it the working-time countdown the hotline computes) is refreshed. */
export const CASE_REFRESH_MS = 30_000;

export function useCaseDetail(caseId: string) {
  return useQuery({
    queryKey: ['operator', 'case', caseId],
    queryFn: () => api<CaseDetail>('hotline', `/cases/${caseId}`),
    refetchInterval: CASE_REFRESH_MS,
    retry: retryServerErrors,
  });
}

/**
 * One action on the case (POST /cases/{id}/<path>). Afterwards the case is read again, and the lists that show
 * it (my cases, agenda) are marked stale.
 */
export function useCaseAction(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      api<unknown>('hotline', `/cases/${caseId}${path}`, { method: 'POST', body }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['operator', 'case', caseId] }),
        queryClient.invalidateQueries({ queryKey: ['operator', 'cases'] }),
        queryClient.invalidateQueries({ queryKey: ['operator', 'agenda'] }),
      ]),
  });
}

/** Who the case can be handed to (read when the handoff dialog opens). */
export function useHandOffCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['operator', 'handoff-candidates', caseId],
    enabled,
    queryFn: () => api<HandOffCandidate[]>('hotline', `/cases/${caseId}/handoff-candidates`),
    retry: retryServerErrors,
    staleTime: 60_000,
  });
}

/** The refusal reason codes that count as justified (GET /case-policy). */
export function useRefusalReasonCodes() {
  return useQuery({
    queryKey: ['operator', 'case-policy'],
    queryFn: () => api<CasePolicySummary>('hotline', '/case-policy'),
    select: (policy) => policy.refusal.validReasonCodes,
    staleTime: 600_000,
  });
}

/**
 * Candidate vacancies: the case's matching profile (no personal identifiers; 409 while still in intake), then
 * the jobs service's ranking for it.
 */
export function useCandidates(caseId: string, registeredPersonId: string | null, enabled: boolean) {
  return useQuery({
    // Keyed by the registered person too: the 409 of a case still in intake is not kept once it registers.
    queryKey: ['operator', 'candidates', caseId, registeredPersonId],
    enabled,
    queryFn: async () => {
      const person = await api<MatchProfile>('hotline', `/cases/${caseId}/match-profile`);
      const answer = await api<{ items: MatchedVacancy[] }>('jobs', '/matching', {
        method: 'POST',
        body: { person, limit: 10 },
      });
      return answer.items;
    },
    retry: retryServerErrors,
    staleTime: 60_000,
  });
}

/** Employer names for the candidate rows (GET /employers/{id}); a row shows the id until its name arrives. */
export function useEmployerNames(employerIds: string[]): Map<string, string> {
  const unique = [...new Set(employerIds)];
  const answers = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['operator', 'employer', id],
      queryFn: () => api<{ id: string; name: string }>('employers', `/employers/${id}`),
      staleTime: 600_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  answers.forEach((answer, index) => {
    if (answer.data) names.set(unique[index], answer.data.name);
  });
  return names;
}
