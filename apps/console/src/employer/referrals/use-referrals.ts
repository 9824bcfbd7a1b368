import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Page } from '../../shared/api';
import type { DeclineReasonCode, EmployerReferral, ReferralStatus } from './referral-model';

export const REFERRALS_PAGE_SIZE = 20;
/** New referrals come from operators at any time: the list asks again every 15 s. */
export const REFERRALS_REFRESH_MS = 15_000;
const REFERRALS = ['employer', 'referrals'] as const;

export function useReferrals(status: ReferralStatus | undefined, page: number) {
  return useQuery({
    queryKey: [...REFERRALS, { status, page }],
    queryFn: () =>
      api<Page<EmployerReferral>>('jobs', '/employer/referrals', {
        query: { status, limit: REFERRALS_PAGE_SIZE, offset: (page - 1) * REFERRALS_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
    refetchInterval: REFERRALS_REFRESH_MS,
  });
}

type Decision =
  | { action: 'accept'; id: string }
  | { action: 'decline'; id: string; reasonCode: DeclineReasonCode; reason?: string }
  | { action: 'start'; id: string; startedOn: string };

/** Accept, decline (with a reason) or confirm the start; the service refuses a step the state does not allow (409). */
export function useDecideReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: Decision) =>
      api<EmployerReferral>('jobs', `/employer/referrals/${decision.id}/${decision.action}`, {
        method: 'POST',
        body:
          decision.action === 'decline'
            ? { reasonCode: decision.reasonCode, reason: decision.reason }
            : decision.action === 'start'
              ? { startedOn: decision.startedOn }
              : undefined,
      }),
    // Accepting takes a place of the vacancy: its counters change too.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: REFERRALS }),
        client.invalidateQueries({ queryKey: ['employer', 'vacancies'] }),
      ]),
  });
}
