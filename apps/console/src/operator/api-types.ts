// The answers the operator desk reads, as the services send them (instants are ISO-8601 strings).
import type {
  CaseReferralStatus,
  HelpRequestState,
  HelpRequestView,
  MatchedVacancy,
  MatchPersonInput,
  TimelineEntry,
} from '@platform/contracts';

export type { CaseReferralStatus, HelpRequestState, HelpRequestView, MatchedVacancy, TimelineEntry };

export type WorkingTime = { ms: number; workingDays: number };

/** POST /cases (hotline). */
export interface OpenedCase {
  caseId: string;
  openedAt: string;
  state: 'intake';
  owner: string;
  deadline: string;
  dueDate: string;
  provisional: boolean;
}

/** GET /cases/{id} (hotline). `view` is null until the case's workflow has started. */
export interface CaseDetail {
  caseId: string;
  openedAt: string;
  openedBy: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  workflowStartedAt: string | null;
  state: HelpRequestState;
  view: HelpRequestView | null;
  timeline: TimelineEntry[];
  remaining: WorkingTime | null;
}

/** One row of GET /cases (hotline). */
export interface CaseSummary {
  caseId: string;
  cycle: number;
  state: HelpRequestState;
  owner: string;
  personId: string | null;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  openedAt: string;
  deadline: string | null;
  dueDate: string | null;
  breached: boolean;
  atRisk: boolean;
  remaining: WorkingTime | null;
  placedAt: string | null;
  escalationKind: 'welfare_slot' | 'assistance_base' | null;
  callbackDueAt: string | null;
  callbackDoneAt: string | null;
  nextFollowUpAt: string | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
}

/** GET /cases/agenda (hotline). */
export interface AgendaItem {
  caseId: string;
  dueAt: string;
  owner: string;
  state: HelpRequestState;
  overdue: boolean;
}

export interface Agenda {
  day: string;
  callbacks: AgendaItem[];
  followUps: AgendaItem[];
}

/** GET /cases/{id}/match-profile (hotline): exactly what jobs POST /matching takes as `person`. */
export type MatchProfile = MatchPersonInput;

/** A person as GET /persons (people) lists them: identifiers already masked by the service. */
export interface MaskedPerson {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  communityCode: string;
}

/** GET /case-policy (hotline), the part the desk needs. */
export interface CasePolicySummary {
  refusal: { validReasonCodes: string[] };
}
