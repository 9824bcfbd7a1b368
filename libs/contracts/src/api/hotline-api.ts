// What the hotline's case and board routes answer: one definition for the service and the console.
import type {
  CaseIntake,
  CasePromise,
  HelpRequestState,
  HelpRequestView,
  TimelineEntry,
} from '../temporal/help-request';

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

/** An org unit's name in both languages (the English one may be missing). */
export interface OrgUnitName {
  zh: string;
  en: string | null;
}

/** Who called, as lists show them: the phone masked (the full number only through the audited unmask). */
export interface CaseCallerSummary {
  name: string;
  phoneMasked: string;
}

/** The caller as the case page shows them, from the intake the hotline keeps encrypted. */
export interface CaseCaller extends CaseCallerSummary {
  /** Whole years on the day asked (Asia/Shanghai), from the ID number's birth date. */
  age: number | null;
  /** What work the person wants, in their words. */
  wants: string;
  acceptsAnyJob: boolean;
  constraints: CaseIntake['constraints'];
}

/** A timeline entry with its plain sentence, written by the hotline from the kind, the facts and names. */
export interface CaseTimelineEntry extends TimelineEntry {
  text: { zh: string; en: string };
}

/** POST /cases/search: one term (name, phone, ID number or the case number's start), never in a URL. */
export interface CaseSearch {
  term: string;
  open?: boolean;
  mine?: boolean;
  limit?: number;
  offset?: number;
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
  timeline: CaseTimelineEntry[];
  /** Null once placed or ended. */
  remaining: WorkingTime | null;
  /** Null for cases opened before the hotline kept the caller's card. */
  caller: CaseCaller | null;
  communityName: OrgUnitName | null;
  /** The owner's and the opener's display names (the username when the account is gone). */
  ownerName: string;
  openedByName: string;
  /** True when the intake the people service refused is still held, so a corrected registration can be sent. */
  registrationRetryable: boolean;
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

/** One case (its latest cycle) in GET /cases and POST /cases/search: the caller's name and masked phone, the clock. */
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
  caller: CaseCallerSummary | null;
  communityName: OrgUnitName | null;
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
  caller: CaseCallerSummary | null;
  communityName: OrgUnitName | null;
  /** The case's promise now, and whether it is breached (breached cases come first). */
  promise: CasePromise;
  breached: boolean;
}

export interface Agenda {
  day: string;
  callbacks: AgendaItem[];
  followUps: AgendaItem[];
  /** Open items of personal plans (一人一策) past due or due within `planItemsWithinDays` of the day. */
  planItems: PlanAgendaItem[];
  planItemsWithinDays: number;
}

/** An agreed service of a person's plan on the agenda: who, what, when due, by how many days it is late. */
export interface PlanAgendaItem {
  planId: string;
  itemId: string;
  caseId: string;
  person: CaseCallerSummary | null;
  kind: string;
  description: string;
  /** yyyy-mm-dd (Asia/Shanghai). */
  dueOn: string;
  responsible: string;
  responsibleName: string;
  /** Days past the due date on the agenda's day (0 on the due date, negative while still ahead). */
  daysOverdue: number;
  overdue: boolean;
}

/**
 * Why the board says an open case needs a supervisor (docs/domain.md, "The board's at-risk reasons"), most
 * pressing first; a row lists every one that holds.
 */
export const BoardRiskReasons = [
  'escalation-failed',
  'registration-failed',
  'deadline-near',
  'no-referral-yet',
  'employer-silent',
  'person-declined',
  'callback-overdue',
  'follow-up-overdue',
  'owner-unavailable',
] as const;
export type BoardRiskReason = (typeof BoardRiskReasons)[number];

/** One open case on the SLA board (GET /board). */
export interface BoardItem {
  caseId: string;
  cycle: number;
  state: HelpRequestState;
  owner: string;
  /** The owner's display name (null when the account is gone). */
  ownerName: string | null;
  /** The community's name (the board shows names, not codes). */
  communityName: { zh: string; en: string | null } | null;
  /** Why the case is at risk now (empty when nothing is wrong), in `BoardRiskReasons` order. */
  reasons: BoardRiskReason[];
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
