import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmployerContact, EmployerView as EmployerProfile } from '@platform/contracts';
import { api } from '../../shared/api';

// The employers service's answer, defined once in the contracts.
export type { EmployerContact, EmployerProfile };

const PROFILE = ['employer', 'profile'] as const;

export function useProfile() {
  return useQuery({
    queryKey: PROFILE,
    queryFn: () => api<EmployerProfile>('employers', '/employer/profile'),
    // A missing record (404) will not appear by asking again.
    retry: false,
  });
}

/** An employer may change only its contacts; the rest is registered by the hotline. */
export function useSaveContacts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contacts: EmployerContact[]) =>
      api<EmployerProfile>('employers', '/employer/profile', { method: 'PATCH', body: { contacts } }),
    onSuccess: (profile) => client.setQueryData(PROFILE, profile),
  });
}
