import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { retryServerErrors } from '../api-status';
import type { CaseList, MaskedPerson, OpenedCase } from '../api-types';
import type { SetCaseLocation } from '@platform/contracts';
import type { OpenCaseBody } from './intake-body';

/**
 * The registered person with this (valid, normalized) ID number, found through the people service's blind
 * index; the answer is masked. Null when nobody is registered under it.
 */
export function usePersonByIdNumber(idNumber: string | null) {
  return useQuery({
    queryKey: ['operator', 'person-by-id-number', idNumber],
    enabled: idNumber !== null,
    queryFn: async () => {
      // POST: the ID number stays out of URLs (and so out of every proxy's access log).
      const answer = await api<{ items: MaskedPerson[] }>('people', '/persons/lookup', {
        method: 'POST',
        body: { idNumber },
      });
      return answer.items[0] ?? null;
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** The person's open cases (GET /cases?personId=&open=true). */
export function useOpenCasesOf(personId: string | null) {
  return useQuery({
    queryKey: ['operator', 'cases', { personId, open: true }],
    enabled: personId !== null,
    queryFn: () =>
      api<CaseList>('hotline', '/cases', {
        query: { personId: personId ?? undefined, open: true, limit: 10 },
      }),
    retry: retryServerErrors,
  });
}

/** POST /cases; the same key on every retry of one form fill, so a retry never opens a second case. */
export function useOpenCase() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: OpenCaseBody; idempotencyKey: string }) =>
      api<OpenedCase>('hotline', '/cases', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
  });
}

/** The registered person behind an ID number and their open cases, for the duplicate check at intake. */
export function useExistingCaller(idNumber: string | null) {
  const person = usePersonByIdNumber(idNumber);
  const cases = useOpenCasesOf(person.data?.id ?? null);
  const openCases = cases.data?.items ?? [];
  return { person, cases, openCases };
}

export type ExistingCaller = ReturnType<typeof useExistingCaller>;

/** Where the person can work from, saved on the case the intake just opened. */
export function setCaseLocation(caseId: string, body: SetCaseLocation): Promise<unknown> {
  return api<unknown>('hotline', `/cases/${caseId}/location`, { method: 'PUT', body });
}
