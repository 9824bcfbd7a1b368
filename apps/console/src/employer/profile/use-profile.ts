import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';

export interface EmployerContact {
  name: string;
  phone: string;
  title?: string | null;
}

/** The employer's own record (employers service, apps/employers/src/employers/employer.dto.ts EmployerView). */
export interface EmployerProfile {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  districtCode: string;
  streetCode: string;
  communityCode: string | null;
  orgPath: string;
  addressDetail: string;
  contacts: EmployerContact[];
  createdAt: string;
  updatedAt: string;
}

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
