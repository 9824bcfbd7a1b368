/**
 * The `helpRequest` case workflow's input, states and message payloads (workflow ID = case ID). Personal data
 * travels only inside the (encrypted) input's `intake.person`; IDs, search attributes, memo, queries, case
 * events and the timeline carry references, org codes and usernames only.
 */
import type { PersonIntake } from '../api/person-intake';
import type { PeopleActivityActor, RegisterForCaseResult } from './people-activities';
import type { JobHours, PhysicalDemand } from './jobs-activities';

/** Open states in lifecycle order, then the endings (every ending carries a reason). */
export const HelpRequestOpenStates = [
  'intake',
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

/** The SLA computed by the `computeCaseSla` activity with libs/calendar; instants are ISO-8601 strings. */
export interface CaseSla {
  /** The instant the clock started (the call was taken, or help was reopened). */
  startedAt: string;
  deadline: string;
  /** The last counted working day, yyyy-mm-dd (Shanghai). */
  dueDate: string;
  milestones: { half: string; threeQuarters: string; oneWorkingDayLeft: string };
  calendarVersion: string;
  /** True when the computation entered a year whose calendar is not loaded (then `missingYears` names it). */
  provisional: boolean;
  missingYears: number[];
}

/**
 * Refusal policy, held as data in the hotline (`GET /case-policy`) and read at intake: refusals with a reason
 * outside `validReasonCodes` count; at `maxUnjustifiedRefusals` the person is treated as picking and choosing
 * and the 2-working-day promise is waived (the case stays open for the operator to continue or close).
 */
export interface RefusalPolicy {
  version: string;
  validReasonCodes: string[];
  maxUnjustifiedRefusals: number;
}

export interface CasePolicy {
  refusal: RefusalPolicy;
  /** Working days from a confirmed start to the callback (default 1). */
  callbackAfterWorkingDays: number;
  /** Follow-ups after the start, in calendar months (default [1, 3, 6]); each due on the next working day. */
  followUpMonths: number[];
  /** Working days in the promise (default 2). */
  promiseWorkingDays: number;
}

/** What the caller told the operator. Personal data: only ever inside the encrypted workflow input. */
export interface CaseIntake {
  /** Registered with the people service as given (its categories follow from it). */
  person: PersonIntake;
  /** What work the person wants, in their words. */
  wants: string;
  /** 不挑不选: the person accepts any suitable job (the 2-working-day promise applies). */
  acceptsAnyJob: boolean;
  skills: string[];
  constraints: {
    hours?: JobHours[];
    maxDistanceKm?: number;
    maxPhysicalDemand?: PhysicalDemand;
    needsDisabledSuitable?: boolean;
    minWageFen?: number;
  };
  /** Where the person can work from (for matching distance). */
  location?: { lat: number; lng: number };
}

export interface HelpRequestOptions {
  /**
   * Whether to upsert the custom search attributes. The dev server registers them; the time-skipping test
   * server does not, so its specs pass `false`.
   */
  upsertSearchAttributes: boolean;
  /** Task queues of the activities (defaults: `TaskQueues`); tests give each app its own queues. */
  taskQueues?: { people: string; jobs: string; employers: string; hotlineActivities: string };
}

/** Carried over when help is reopened (continue-as-new): registration is not repeated. */
export interface HelpRequestCarry {
  cycle: number;
  /** When help was reopened: the new clock starts here. */
  reopenedAt: string;
  person: CasePerson;
  timeline: TimelineEntry[];
  owner: string;
  /** Event sequence continues so case events stay ordered across runs. */
  eventSeq: number;
  /** Refusals without a valid reason so far: the refusal policy counts across reopens (absent in older carries: 0). */
  unjustifiedRefusals?: number;
}

/** The registered person as the workflow needs them; name and masked phone go to employers with a referral. */
export interface CasePerson {
  personId: string;
  categories: string[];
  name: string;
  phoneMasked: string;
}

export interface HelpRequestInput {
  caseId: string;
  /** ISO instant the call was taken: the SLA clock starts here, not when the workflow happened to start. */
  openedAt: string;
  /** The operator who took the call (首问负责); the people activities act on their behalf. */
  openedBy: PeopleActivityActor;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  intake: CaseIntake;
  options: HelpRequestOptions;
  carry?: HelpRequestCarry;
  /**
   * The policy in force and the SLA from `openedAt`, computed once by the hotline when the call was recorded
   * (the same rule as `prepareCase`, so the promise the caller heard is the one the case keeps). With them the
   * first cycle skips `prepareCase`; a reopened cycle computes its own clock.
   */
  prepared?: CasePreparation;
  /**
   * The caller as people registered them while the operator was on the call (revision 2 on): the case starts
   * registered, without its `registerForCase` round trip. Absent when people did not answer in time, for a case
   * the sweeper started, and in older cases: the workflow registers the caller itself.
   */
  registered?: RegisterForCaseResult;
  /**
   * The workflow revision the case was started on (the workflows' `HELP_REQUEST_REVISION`); absent in cases
   * started before revisions existed (revision 0). Continue-as-new keeps it.
   */
  revision?: number;
}

/** What intake needs from the hotline: the policy in force and the SLA (`prepareCase`). */
export interface CasePreparation {
  policy: CasePolicy;
  sla: CaseSla;
}

/** The staff member acting; the hotline API fills it from the caller's token. */
export type HelpRequestActor = PeopleActivityActor;

export interface ProposeReferralRequest {
  actor: HelpRequestActor;
  vacancyId: string;
}

export interface PersonAnswerRequest {
  actor: HelpRequestActor;
  referralId: string;
  answer: 'accepted' | 'declined';
  /** Required for `declined`: checked against the refusal policy. */
  reasonCode?: string;
  reason?: string;
}

/** The employer confirmed (by phone) that the person started: at a referral's vacancy, or at the escalation. */
export interface ConfirmStartRequest {
  actor: HelpRequestActor;
  /** The referral the person started on; omit with `viaEscalation`. */
  referralId?: string;
  /** The person started at the reserved public-welfare post or assistance base. */
  viaEscalation?: boolean;
  /** yyyy-mm-dd, Asia/Shanghai. */
  startedOn: string;
}

export interface RecordContactRequest {
  actor: HelpRequestActor;
  channel: 'phone' | 'in-person' | 'online' | 'sms' | 'home-visit';
  reached: boolean;
  note: string;
}

export interface RecordCallbackRequest {
  actor: HelpRequestActor;
  reached: boolean;
  /** Did the person start and are they still working. */
  working?: boolean;
  /** 1 (very dissatisfied) … 5 (very satisfied); required when reached. */
  satisfaction?: number;
  note: string;
}

export interface RecordFollowUpRequest {
  actor: HelpRequestActor;
  reached: boolean;
  /** False reopens help with a new 2-working-day clock. */
  stillEmployed: boolean;
  note: string;
}

export interface HandOffRequest {
  actor: HelpRequestActor;
  toOwner: string;
  reason: string;
}

/** A supervisor escalates now instead of waiting for the escalation milestone (from the board). */
export interface EscalateNowRequest {
  actor: HelpRequestActor;
  reason: string;
}

export interface CloseCaseRequest {
  actor: HelpRequestActor;
  ending: HelpRequestEnding;
  reason: string;
}

/** The status of a referral as the jobs service reports it (`jobs.referral.v1`). */
export type CaseReferralStatus =
  | 'proposed'
  | 'employer_accepted'
  | 'employer_declined'
  | 'person_accepted'
  | 'person_declined'
  | 'started'
  | 'ended'
  | 'expired';

/** Signal from the hotline's Kafka consumer of `jobs.referral.v1`. */
export interface ReferralChangedSignal {
  /** The Kafka event id: the workflow applies each event once. */
  eventId: string;
  referralId: string;
  vacancyId: string;
  status: CaseReferralStatus;
  reason: string | null;
  /** yyyy-mm-dd for `started` / `ended`. */
  occurredOn: string | null;
  actor: string;
}

/** Signal sent to open cases when a calendar year they depend on was loaded or corrected. */
export interface CalendarChangedSignal {
  calendarVersion: string;
}

export interface CaseReferral {
  referralId: string;
  vacancyId: string;
  status: CaseReferralStatus;
  reason: string | null;
  /** Whether a person's refusal counted against the refusal policy. */
  unjustifiedRefusal: boolean;
  /** As the jobs service named them at the proposal (absent for referrals adopted from its events). */
  vacancyTitle?: string;
  employerName?: string | null;
}

export type TimelineKind =
  | 'transition'
  | 'registration'
  | 'contact'
  | 'referral'
  | 'answer'
  | 'handoff'
  | 'sla-warning'
  | 'escalation'
  | 'escalation-failed'
  | 'sla-breach'
  | 'sla-recomputed'
  | 'promise-waived'
  | 'callback-due'
  | 'callback'
  | 'follow-up-due'
  | 'follow-up'
  | 'reopened';

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
  /** Developer-facing summary; entries written before `facts` existed carry only this. */
  detail?: string;
  /** What happened, as references and codes: the hotline turns them into sentences with names. */
  facts?: TimelineFacts;
  /** The operator's own words (a contact's note, a hand-off's reason), shown as written. */
  note?: string;
}

/** The structured content of a timeline entry; every field optional, each kind uses the ones it needs. */
export interface TimelineFacts {
  referralId?: string;
  vacancyId?: string;
  referralStatus?: CaseReferralStatus;
  /** Who answered a referral: the person (through the operator) or the employer (through the jobs service). */
  answeredBy?: 'person' | 'employer';
  answer?: 'accepted' | 'declined';
  reasonCode?: string;
  /** A person's refusal that counted against the refusal policy. */
  unjustified?: boolean;
  /** yyyy-mm-dd. */
  startedOn?: string;
  late?: boolean;
  escalationKind?: CaseEscalation['kind'];
  reservationId?: string;
  /** The welfare pool or assistance base the escalation reserved. */
  targetId?: string;
  /** Names for sentences (not personal data): the job and employer at a proposal, the pool or base at an escalation. */
  vacancyTitle?: string;
  employerName?: string | null;
  targetName?: string;
  /** Why an escalation or registration failed, as a code (`not-registered`, `no-slot`, `release-failed`, …). */
  failure?: string;
  fromOwner?: string;
  toOwner?: string;
  channel?: RecordContactRequest['channel'];
  reached?: boolean;
  working?: boolean;
  stillEmployed?: boolean;
  satisfaction?: number;
  /** SLA warnings: which milestone (`half`, `threeQuarters`, `oneWorkingDayLeft`). */
  milestone?: 'half' | 'threeQuarters' | 'oneWorkingDayLeft';
  previousDeadline?: string;
  deadline?: string;
  calendarVersion?: string;
  /** The SLA entered a year whose calendar is not loaded yet. */
  provisional?: boolean;
  /** The promise when the clock was set (`not-applicable` for a caller who picks and chooses). */
  promise?: CasePromise;
  ending?: HelpRequestEnding;
  /** The person's reference in the people service (registration). */
  personId?: string;
  /** The help cycle a reopen starts. */
  cycle?: number;
  /** A registration tried again with the operator's corrections after the people service refused it. */
  retry?: boolean;
  /** What happened to an escalation reservation: `held` when reserved, `released` when given back unused. */
  reservation?: 'held' | 'released';
  /** Promise waived: the count of refusals without a valid reason and the refusal policy's version. */
  unjustifiedRefusals?: number;
  policyVersion?: string;
}

export interface CaseEscalation {
  kind: 'welfare_slot' | 'assistance_base';
  reservationId: string;
  targetId: string;
  /** The pool's or base's name, as the employers service gave it. */
  targetName?: string;
}

export interface HelpRequestView {
  caseId: string;
  cycle: number;
  state: HelpRequestState;
  owner: string;
  personId: string | null;
  categories: string[];
  referrals: CaseReferral[];
  unjustifiedRefusals: number;
  /** True once the refusal policy was exceeded: no escalation, no breach. */
  promiseWaived: boolean;
  /** The 2-working-day promise as one fact (see `promiseOf`); what every screen shows about the clock. */
  promise: CasePromise;
  reason: string | null;
  escalation: CaseEscalation | null;
  /** Why the people service refused to register the person (bad data): the intake is stuck until staff act. */
  registrationFailure?: RegistrationFailure | null;
  sla: HelpRequestSlaView | null;
  callback: { dueAt: string; doneAt: string | null; satisfaction: number | null } | null;
  followUps: Array<{ dueAt: string; doneAt: string | null; stillEmployed: boolean | null }>;
}

/** A non-retryable refusal of the registration: the service's bilingual reason and the fields it named. */
export interface RegistrationFailure {
  /** The failure type, e.g. `Problem400`. */
  type: string | null;
  reason: string;
  errors: Array<{ field: string; rule: string; message: { zh: string; en: string } }>;
}

export interface HelpRequestSlaView extends CaseSla {
  breached: boolean;
  placedAt: string | null;
  /** True when the placement started after the deadline. */
  latePlacement: boolean;
}

/**
 * The 2-working-day promise of a case cycle, derived in one place (`promiseOf`) so the case page, lists and board
 * never disagree: `active` while it runs; `kept` when the person started by the deadline; `late` when the
 * deadline passed first (breached, or placed after it); `waived` after too many refusals without a valid reason;
 * `not-applicable` when the caller picks and chooses (`acceptsAnyJob: false`): no escalation, no breach, but the
 * case is still worked, called back and followed up.
 */
export const CasePromises = ['active', 'kept', 'late', 'waived', 'not-applicable'] as const;
export type CasePromise = (typeof CasePromises)[number];

export function promiseOf(c: {
  /** False when the caller does not accept any suitable job. */
  applies: boolean;
  waived: boolean;
  placed: boolean;
  latePlacement: boolean;
  /** Breached by the workflow, or (for a read model) the deadline is past with nobody placed. */
  breached: boolean;
}): CasePromise {
  if (!c.applies) return 'not-applicable';
  if (c.placed) return c.latePlacement ? 'late' : c.waived ? 'waived' : 'kept';
  if (c.waived) return 'waived';
  return c.breached ? 'late' : 'active';
}

/**
 * What matching needs from a case, without personal identifiers (the `matchProfile` query): the intake's
 * skills, location and constraints, and the categories registration found.
 */
export interface CaseMatchProfile {
  /** False until the person is registered (categories are unknown before). */
  registered: boolean;
  skills: string[];
  location: { lat: number; lng: number } | null;
  constraints: CaseIntake['constraints'];
  acceptsAnyJob: boolean;
  categories: string[];
}

export interface HelpRequestResult {
  caseId: string;
  state: HelpRequestState;
  reason: string | null;
}

/**
 * The people service refused the registration (bad data): the owner or a supervisor sends it again with the
 * corrected person. The case keeps its number and its clock.
 */
export interface RetryRegistrationRequest {
  actor: HelpRequestActor;
  person: PersonIntake;
}

/** Message names, shared by the workflow and the hotline client. */
export const HelpRequestMessages = {
  proposeReferral: 'proposeReferral',
  recordPersonAnswer: 'recordPersonAnswer',
  confirmStart: 'confirmStart',
  recordContact: 'recordContact',
  recordCallback: 'recordCallback',
  recordFollowUp: 'recordFollowUp',
  handOff: 'handOff',
  escalateNow: 'escalateNow',
  retryRegistration: 'retryRegistration',
  close: 'close',
  referralChanged: 'referralChanged',
  calendarChanged: 'calendarChanged',
  state: 'state',
  timeline: 'timeline',
  matchProfile: 'matchProfile',
} as const;

/** Error types the workflow's update validators throw; the hotline maps them to 4xx answers. */
export const HelpRequestErrors = {
  invalid: 'InvalidCaseUpdate',
  ended: 'CaseEnded',
  unknownReferral: 'UnknownReferral',
  conflict: 'CaseConflict',
  /** A service the step needed did not answer (retries used up): try again later (503). */
  unavailable: 'ServiceUnavailable',
} as const;
