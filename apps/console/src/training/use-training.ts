import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../shared/api';
import type {
  Course,
  Enrolment,
  Provider,
  ReferredPerson,
  TrainingKpiReport,
  TrainingKpis,
} from './api-types';

/** Courses the user's unit may use: its own, those of the units above it and inside it. */
export function useCourses(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['training', 'courses', page, pageSize],
    queryFn: () =>
      api<Page<Course>>('people', '/training/courses', {
        query: { limit: pageSize, offset: (page - 1) * pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: ['training', 'providers'],
    queryFn: () => api<Page<Provider>>('people', '/training/providers', { query: { limit: 100 } }),
  });
}

export function useCourse(courseId: string) {
  return useQuery({
    queryKey: ['training', 'course', courseId],
    queryFn: () => api<Course>('people', `/training/courses/${encodeURIComponent(courseId)}`),
  });
}

export function useCourseKpis(courseId: string) {
  return useQuery({
    queryKey: ['training', 'course', courseId, 'kpis'],
    queryFn: () => api<TrainingKpis>('people', `/training/courses/${encodeURIComponent(courseId)}/kpis`),
  });
}

export function useEnrolments(courseId: string) {
  return useQuery({
    queryKey: ['training', 'course', courseId, 'enrolments'],
    queryFn: () =>
      api<Page<Enrolment>>('people', `/training/courses/${encodeURIComponent(courseId)}/enrolments`, {
        query: { limit: 100 },
      }),
  });
}

/** The person a referral is for (`?referPerson=`): their name and masked phone from the people service. */
export function useReferredPerson(personId: string | null) {
  return useQuery({
    queryKey: ['training', 'person', personId],
    queryFn: () => api<ReferredPerson>('people', `/persons/${encodeURIComponent(personId!)}`),
    enabled: !!personId,
  });
}

export function useTrainingKpis(period: { from: string; to: string }) {
  return useQuery({
    queryKey: ['training', 'kpis', period],
    queryFn: () => api<TrainingKpiReport>('people', '/training/kpis', { query: period }),
  });
}

export function useRefer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ courseId, personId }: { courseId: string; personId: string }) =>
      api<Enrolment>('people', `/training/courses/${encodeURIComponent(courseId)}/referrals`, {
        method: 'POST',
        body: { personId },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['training'] }),
  });
}

export type EnrolmentAction =
  | { kind: 'enrol' }
  | { kind: 'attendance'; on: string; present: boolean }
  | { kind: 'completion'; passed: boolean; certificateNo?: string }
  | { kind: 'drop'; reason: string };

/** One step of an enrolment; the course's lists and KPIs are read again after it. */
export function useEnrolmentAction(courseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ enrolmentId, action }: { enrolmentId: string; action: EnrolmentAction }) => {
      const { kind, ...body } = action;
      return api<Enrolment>('people', `/training/enrolments/${encodeURIComponent(enrolmentId)}/${kind}`, {
        method: 'POST',
        body,
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['training', 'course', courseId] }),
  });
}

export interface NewCourse {
  providerId?: string;
  /** A provider to create first (of the same unit) when none is picked. */
  newProvider?: string;
  title: string;
  occupation: string;
  level: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  freeForHardship: boolean;
  unitCode: string;
}

/** Supervisors and admins: a course of their unit, with a new provider when none was picked. */
export function useCreateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ providerId, newProvider, ...course }: NewCourse) => {
      const provider =
        providerId ??
        (
          await api<Provider>('people', '/training/providers', {
            method: 'POST',
            body: { name: newProvider?.trim(), unitCode: course.unitCode },
          })
        ).id;
      return api<Course>('people', '/training/courses', {
        method: 'POST',
        body: { ...course, providerId: provider },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['training'] }),
  });
}
