// What the hotline's case and board routes answer: one definition for the service and the console.
import type { CasePromise, HelpRequestState, HelpRequestView, TimelineEntry } from '../temporal/help-request';

/** Working time left until a deadline (negative when overdue). */
export interface WorkingTime {
  ms: number;
  workingDays: number;
}

export type EscalationKind = 'welfare_slot' | 'assistance_base';

/** POST /cases: the first time and on every retry with the same key. */
export interface OpenedCase {
  caseId: string;
  openedAt: string;
  state: 'intake';
  owner: string;
  deadline: string;
  dueDate: string;
  provisional: boolean;
}

/** GET /cases/{id}. `view` is null until the case's workflow has started. */
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
  /** Null once placed or ended. */
  remaining: WorkingTime | null;
}

/** GET /cases/{id}/handoff-candidates: staff accounts whose area holds the case (the owner among them). */
export interface HandOffCandidate {
  username: string;
  displayName: string;
  roles: string[];
  orgCode: string;
  orgNameZh: string;
  orgNameEn: string | null;
}

/** One case (its latest cycle) in GET /cases: references, org codes and the clock; no personal data. */
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
  /** The promise now, as on the board. */
  promise: CasePromise;
  /** Only while a placement is awaited against the promise (null once placed, waived, ended, or no promise). */
  remaining: WorkingTime | null;
  placedAt: string | null;
  escalationKind: EscalationKind | null;
  callbackDueAt: string | null;
  callbackDoneAt: string | null;
  nextFollowUpAt: string | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
}

/** GET /cases/agenda. */
export interface AgendaItem {
  caseId: string;
  dueAt: string;
  owner: string;
  state: HelpRequestState;
  /** Due on a day before the agenda's day and still not done. */
  overdue: boolean;
}

export interface Agenda {
  day: string;
  callbacks: AgendaItem[];
  followUps: AgendaItem[];
}

/** One open case on the SLA board (GET /board). */
export interface BoardItem {
  caseId: string;
  cycle: number;
  state: HelpRequestState;
  owner: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  openedAt: string;
  deadline: string | null;
  dueDate: string | null;
  remaining: WorkingTime | null;
  atRisk: boolean;
  breached: boolean;
  placedAt: string | null;
  latePlacement: boolean;
  escalationKind: EscalationKind | null;
  promiseWaived: boolean;
  /** The promise now (`promiseOf`; `late` once the deadline passed unplaced): what the row shows. */
  promise: CasePromise;
}

/** The KPIs of the case cycles whose clock started in a period, in one unit's subtree (GET /kpis). */
export interface Kpis {
  /** Case cycles whose clock started in the period (a reopened cycle counts again). */
  opened: number;
  /** Placed no later than the deadline; percent of `opened`, one decimal (null when nothing was opened). */
  placedWithinSla: { count: number; percent: number | null };
  /** Median working time from the clock's start to the placement, in working days (3 decimals). */
  medianWorkingDaysToPlacement: number | null;
  escalations: Record<EscalationKind, number>;
  breaches: number;
  callbacksDone: number;
  satisfaction: { mean: number | null; n: number };
}

export interface KpiUnit {
  code: string;
  level: string;
  nameZh: string;
  nameEn: string | null;
}

/** GET /kpis: the unit's figures and each child unit's. */
export interface UnitKpis {
  unit: KpiUnit;
  from: string;
  to: string;
  total: Kpis;
  children: Array<{ unit: KpiUnit } & Kpis>;
}

/** A week's figures of one district: the case cycles whose clock started that week. */
export interface WeekFigures {
  opened: number;
  placed: number;
  placedWithinSla: number;
  breached: number;
  escalations: Record<EscalationKind, number>;
}

/** One point of GET /kpis/weekly (`{ series }`). */
export interface WeeklyKpis extends WeekFigures {
  /** Monday, yyyy-mm-dd. */
  weekStart: string;
  districtCode: string;
  districtName: string;
  districtNameEn: string | null;
}
