import type { AgreementMethod, PlanItemKind } from './personal-plan.dto';
import type { PlanItemStatus, PlanStatus, ReviewChange } from './personal-plans.repository';

/** A staff member as screens show them: the username and the display name. */
export interface StaffName {
  username: string;
  name: string;
}

export interface PlanItemView {
  id: string;
  kind: PlanItemKind;
  description: string;
  dueOn: string;
  responsible: StaffName;
  status: PlanItemStatus;
  outcome: string | null;
  closedAt: string | null;
  closedBy: StaffName | null;
  /** Days past due today (Asia/Shanghai) for an open item; null once closed. */
  daysOverdue: number | null;
}

export interface PlanReviewView {
  id: string;
  reviewedAt: string;
  reviewedBy: StaffName;
  note: string;
  changes: ReviewChange[];
}

export interface PersonalPlanView {
  id: string;
  status: PlanStatus;
  personId: string;
  caseId: string;
  agreedOn: string;
  agreement: { method: AgreementMethod; witnessMasked: string | null };
  goals: string;
  targetJob: string | null;
  expectedMonthlyIncomeYuan: number | null;
  /** The assistance categories the person had when the plan was agreed. */
  categories: string[];
  agreedBy: StaffName;
  createdAt: string;
  supersededAt: string | null;
  lastReview: { at: string; by: StaffName } | null;
  items: PlanItemView[];
  reviews: PlanReviewView[];
}

/** A superseded agreement, kept as history. */
export interface PlanHistoryEntry {
  id: string;
  agreedOn: string;
  agreedBy: StaffName;
  supersededAt: string | null;
  goals: string;
  items: number;
  itemsDone: number;
}

/** GET /cases/{id}/personal-plan: the case's person's plan, and whether it was reviewed at the last contact. */
export interface CasePersonalPlan {
  caseId: string;
  personId: string | null;
  /** The person has at least one assistance category (就业援助对象): only they get a plan. */
  assistanceTarget: boolean;
  categories: string[];
  plan: PersonalPlanView | null;
  history: PlanHistoryEntry[];
  /** The last contact with the person recorded on this case (a contact, callback or follow-up). */
  lastContact: { at: string; kind: string; by: StaffName } | null;
  /** True when a contact was recorded after the plan was agreed and the plan was not reviewed since. */
  notReviewedAtLastContact: boolean;
}
