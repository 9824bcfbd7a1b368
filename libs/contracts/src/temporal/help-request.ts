/**
 * The `helpRequest` case workflow's input, states and message payloads (workflow ID = case ID). Nothing here
 * carries personal data: the person is a reference ID, places are org codes, staff are usernames.
 */

/** Open states in lifecycle order, then the endings (every ending carries a reason). */
export const HelpRequestOpenStates = [
  'registered',
  'matching',
  'escalated',
  'placed',
  'callback',
  'following-up',
] as const;
export const HelpRequestEndings = ['withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere'] as const;

export type HelpRequestOpenState = (typeof HelpRequestOpenStates)[number];
export type HelpRequestEnding = (typeof HelpRequestEndings)[number];
export type HelpRequestState = HelpRequestOpenState | 'closed' | HelpRequestEnding;

/** The SLA computed at intake with libs/calendar; all instants are ISO-8601 strings. */
export interface CaseSla {
  deadline: string;
  milestones: { half: string; threeQuarters: string; oneWorkingDayLeft: string };
  calendarVersion: string;
  provisional: boolean;
}

export interface HelpRequestInput {
  caseId: string;
  personRef: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  /** Username of the owning operator (首问负责). */
  owner: string;
  acceptsAnyJob: boolean;
  /** Assistance category codes (no identity); non-empty → escalation goes to a public-welfare slot. */
  categories: string[];
  sla: CaseSla;
  /** Where an automatic escalation reserves: the welfare pool, or the assistance base. */
  escalation: { welfarePoolId: string; assistanceBaseId: string };
  /**
   * Whether to upsert the custom search attributes. The dev server registers them; the time-skipping test
   * server does not, so its specs pass `false` explicitly.
   */
  upsertSearchAttributes: boolean;
  /** Delay from the confirmed start to the callback: 1 working day, computed by the intake with libs/calendar. */
  callbackAfterMs: number;
  /** Follow-ups after the callback, in months from the start date; default [1, 3, 6]. */
  followUpMonths?: number[];
}

export interface HelpRequestActor {
  username: string;
}

export type ReferralStatus =
  'proposed' | 'employer-accepted' | 'employer-rejected' | 'person-refused' | 'started';

export interface CaseReferral {
  referralId: string;
  vacancyId: string;
  status: ReferralStatus;
  employerAnswer: 'accepted' | 'rejected' | null;
  personAnswer: 'accepted' | 'refused' | null;
}

export interface ProposeReferralRequest {
  actor: HelpRequestActor;
  referralId: string;
  vacancyId: string;
}

export interface EmployerAnswerRequest {
  actor: HelpRequestActor;
  referralId: string;
  answer: 'accepted' | 'rejected';
  reason?: string;
}

export interface PersonAnswerRequest {
  actor: HelpRequestActor;
  referralId: string;
  answer: 'accepted' | 'refused';
  reason?: string;
}

export interface ConfirmStartRequest {
  actor: HelpRequestActor;
  referralId: string;
  /** yyyy-mm-dd, Asia/Shanghai. */
  startedOn: string;
}

export interface HandOffRequest {
  actor: HelpRequestActor;
  toOwner: string;
  reason: string;
}

export interface CloseCaseRequest {
  actor: HelpRequestActor;
  ending: HelpRequestEnding;
  reason: string;
}

export type TimelineKind =
  | 'transition'
  | 'referral'
  | 'answer'
  | 'handoff'
  | 'sla-warning'
  | 'escalation'
  | 'escalation-failed'
  | 'sla-breach'
  | 'callback-due'
  | 'follow-up';

export interface TimelineEntry {
  /** Workflow time, ISO-8601. */
  at: string;
  /** Username, or `system` for timers. */
  actor: string;
  kind: TimelineKind;
  from?: HelpRequestState;
  to?: HelpRequestState;
  /** For timer entries: the instant the timer was due (the milestone). */
  dueAt?: string;
  detail?: string;
}

export interface HelpRequestView {
  caseId: string;
  state: HelpRequestState;
  owner: string;
  referrals: CaseReferral[];
  reason: string | null;
  escalation: { kind: 'welfare_slot' | 'assistance_base'; reservationId: string } | null;
}

export interface HelpRequestSlaView extends CaseSla {
  breached: boolean;
  placedAt: string | null;
  /** True when the placement started after the deadline. */
  latePlacement: boolean;
}

export interface HelpRequestResult {
  caseId: string;
  state: HelpRequestState;
  reason: string | null;
}

export interface FollowUpsInput {
  caseId: string;
  /** yyyy-mm-dd, Asia/Shanghai. */
  startedOn: string;
  months: number[];
}

export interface FollowUpsResult {
  /** Instants the follow-ups were due, ISO-8601. */
  dueAt: string[];
}
