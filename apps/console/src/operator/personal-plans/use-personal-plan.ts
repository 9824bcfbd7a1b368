import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api';
import { retryServerErrors } from '../api-status';

export const PLAN_ITEM_KINDS = [
  'job-recommendation',
  'training',
  'policy-subsidy',
  'public-welfare-post',
  'counselling',
  'other',
] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

export interface StaffName {
  username: string;
  name: string;
}

export interface PlanItem {
  id: string;
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: StaffName;
  status: 'open' | 'done' | 'dropped';
  outcome: string | null;
  closedAt: string | null;
  closedBy: StaffName | null;
  daysOverdue: number | null;
}

export interface PersonalPlan {
  id: string;
  status: 'active' | 'superseded';
  caseId: string;
  agreedOn: string;
  agreement: { method: 'station' | 'phone'; witnessMasked: string | null };
  goals: string;
  targetJob: string | null;
  expectedMonthlyIncomeYuan: number | null;
  agreedBy: StaffName;
  lastReview: { at: string; by: StaffName } | null;
  items: PlanItem[];
  reviews: Array<{ id: string; reviewedAt: string; reviewedBy: StaffName; note: string }>;
}

/** GET /cases/{id}/personal-plan */
export interface CasePersonalPlan {
  caseId: string;
  personId: string | null;
  assistanceTarget: boolean;
  plan: PersonalPlan | null;
  history: Array<{
    id: string;
    agreedOn: string;
    agreedBy: StaffName;
    supersededAt: string | null;
    items: number;
    itemsDone: number;
  }>;
  lastContact: { at: string; kind: string; by: StaffName } | null;
  notReviewedAtLastContact: boolean;
}

export interface NewPlanItem {
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: string;
}

export interface Agreement {
  agreedOn: string;
  agreement: { method: 'station'; witnessName: string } | { method: 'phone'; readBackConfirmed: boolean };
  goals: string;
  targetJob?: string;
  expectedMonthlyIncomeYuan?: number;
  items: NewPlanItem[];
}

export interface ReviewChange {
  itemId: string;
  status?: 'done' | 'dropped';
  outcome?: string;
  dueOn?: string;
  reason?: string;
}

const keyOf = (caseId: string) => ['operator', 'personal-plan', caseId];

export function usePersonalPlan(caseId: string) {
  return useQuery({
    queryKey: keyOf(caseId),
    queryFn: () => api<CasePersonalPlan>('hotline', `/cases/${caseId}/personal-plan`),
    retry: retryServerErrors,
  });
}

/** Every change answers the plan; the case's plan (and the agenda) are read again. */
function usePlanMutation<T>(caseId: string, call: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keyOf(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['operator', 'agenda'] });
    },
  });
}

export function useAgreePlan(caseId: string) {
  return usePlanMutation(caseId, (body: Agreement) =>
    api('hotline', `/cases/${caseId}/personal-plan`, { method: 'POST', body }),
  );
}

export function useAddPlanItem(caseId: string, planId: string) {
  return usePlanMutation(caseId, (body: NewPlanItem) =>
    api('hotline', `/personal-plans/${planId}/items`, { method: 'POST', body }),
  );
}

export function useClosePlanItem(caseId: string, planId: string) {
  return usePlanMutation(
    caseId,
    ({ itemId, ...body }: { itemId: string; status: 'done' | 'dropped'; outcome: string }) =>
      api('hotline', `/personal-plans/${planId}/items/${itemId}/status`, { method: 'POST', body }),
  );
}

export function useReviewPlan(caseId: string, planId: string) {
  return usePlanMutation(caseId, (body: { note: string; items: ReviewChange[] }) =>
    api('hotline', `/personal-plans/${planId}/reviews`, { method: 'POST', body }),
  );
}
