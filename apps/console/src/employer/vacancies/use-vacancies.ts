import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../shared/api';
import type { Vacancy, VacancyBody, VacancyStatus } from './vacancy-model';

export const PAGE_SIZE = 20;
const VACANCIES = ['employer', 'vacancies'] as const;

/** The employer's own vacancies, newest first (the service scopes them by the token's employer). */
export function useVacancies(status: VacancyStatus | undefined, page: number) {
  return useQuery({
    queryKey: [...VACANCIES, { status, page }],
    queryFn: () =>
      api<Page<Vacancy>>('jobs', '/employer/vacancies', {
        query: { status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Creates a vacancy, or updates one when an id is given (PATCH with the full record). */
export function useSaveVacancy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: VacancyBody }) =>
      id
        ? api<Vacancy>('jobs', `/employer/vacancies/${id}`, { method: 'PATCH', body })
        : api<Vacancy>('jobs', '/employer/vacancies', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: VACANCIES }),
  });
}

export function useCloseVacancy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Vacancy>('jobs', `/employer/vacancies/${id}/close`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: VACANCIES }),
  });
}
