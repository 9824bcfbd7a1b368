import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, Page } from '../../shared/api';
import { retryServerErrors } from '../api-status';

export type ServiceKind =
  'registration' | 'job-referral' | 'training-referral' | 'callback' | 'follow-up' | 'visit';

/** A service record as the people service answers it. */
export interface ServiceRecord {
  id: string;
  kind: ServiceKind;
  occurredAt: string;
  outcome: string;
  confirmation: {
    method: 'otp' | 'signature' | 'station';
    confirmedAt: string;
    witnessMasked: string | null;
  } | null;
  confirmedByBoth: boolean;
}

export interface ThreePlusOne {
  /** The person's 3+1 year, from the registration as unemployed (first and last day). */
  startsOn: string;
  endsOn: string;
  daysLeft: number;
  jobReferrals: number;
  trainingReferrals: number;
  unconfirmedJobReferrals: number;
  unconfirmedTrainingReferrals: number;
  complete: boolean;
}

export interface SentCode {
  codeId: string;
  expiresAt: string;
  sentTo: string;
}

export type PersonConfirmation =
  { method: 'otp'; codeId: string; code: string } | { method: 'station'; witnessName: string };

const keyOf = (personId: string) => ['records', personId];

export function useServiceRecords(personId: string) {
  return useQuery({
    queryKey: [...keyOf(personId), 'list'],
    queryFn: () =>
      api<Page<ServiceRecord>>('people', `/persons/${personId}/service-records`, { query: { limit: 50 } }),
    retry: retryServerErrors,
  });
}

export function useThreePlusOne(personId: string) {
  return useQuery({
    queryKey: [...keyOf(personId), 'three-plus-one'],
    queryFn: () => api<ThreePlusOne>('people', `/persons/${personId}/three-plus-one`),
    retry: retryServerErrors,
  });
}

export function useSendCode(personId: string) {
  return useMutation({
    mutationFn: () => api<SentCode>('people', `/persons/${personId}/confirmation-codes`, { method: 'POST' }),
  });
}

/** Records the person's confirmation; the list and the "3+1" progress are read again. */
export function useConfirmRecord(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ recordId, confirmation }: { recordId: string; confirmation: PersonConfirmation }) =>
      api<ServiceRecord>('people', `/persons/${personId}/service-records/${recordId}/confirmation`, {
        method: 'POST',
        body: confirmation,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keyOf(personId) }),
  });
}
