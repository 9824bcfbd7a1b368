/**
 * The case's mutable state as one object, and the views built from it (the `state`, `timeline` and
 * `matchProfile` queries, the case events' snapshot, the search attributes). Plain data and pure functions:
 * whatever changes the case goes through `CaseContext` (case-context.ts).
 */
import { promiseOf } from '@platform/contracts';
import type {
  CaseEscalation,
  CaseMatchProfile,
  CasePerson,
  CasePolicy,
  CasePromise,
  CaseReferral,
  CaseSla,
  CaseSnapshot,
  HelpRequestInput,
  HelpRequestState,
  HelpRequestView,
  RegistrationFailure,
  TimelineEntry,
} from '@platform/contracts';
import { ENDINGS } from './case-support';

export interface CaseState {
  /** The help cycle: 1, then +1 each time help is reopened (continue-as-new). */
  readonly cycle: number;
  /** When this cycle's clock started: the call was taken, or help was reopened. */
  readonly clockStart: string;
  /** 不挑不选: false when the caller does not accept any job (no escalation, no breach). */
  readonly promiseApplies: boolean;
  state: HelpRequestState;
  owner: string;
  person: CasePerson | null;
  policy: CasePolicy | null;
  sla: CaseSla | null;
  reason: string | null;
  breached: boolean;
  promiseWaived: boolean;
  unjustifiedRefusals: number;
  placedAt: string | null;
  startedOn: string | null;
  latePlacement: boolean;
  escalation: CaseEscalation | null;
  /** Escalation is attempted once per cycle: by the milestone, or earlier by a supervisor (`escalateNow`). */
  escalationTried: boolean;
  escalating: boolean;
  registrationFailure: RegistrationFailure | null;
  /** The registration still under way while the clock runs (null when none or done). */
  registering: Promise<void> | null;
  registrationDone: boolean;
  callback: HelpRequestView['callback'];
  followUps: HelpRequestView['followUps'];
  reopenRequested: boolean;
  placedViaEscalation: boolean;
  /** A start is being confirmed: no second start and no close meanwhile. */
  placing: boolean;
  callbacks: number;
  followUpCalls: number;
  contacts: number;
  /** A calendar version the clock has still to recompute the SLA for. */
  calendarChange: string | null;
  eventSeq: number;
  referrals: Map<string, CaseReferral>;
  /** Kafka event ids already applied (redeliveries are ignored). */
  appliedEvents: Set<string>;
  timeline: TimelineEntry[];
}

/** A new cycle's state; a reopened case starts from what the previous run carried. */
export function newCaseState(input: HelpRequestInput, promiseApplies: boolean): CaseState {
  const carry = input.carry;
  return {
    cycle: carry?.cycle ?? 1,
    clockStart: carry?.reopenedAt ?? input.openedAt,
    promiseApplies,
    state: 'intake', // until the clock is set (and the person registered)
    owner: carry?.owner ?? input.openedBy.username,
    person: carry?.person ?? null,
    policy: null,
    sla: null,
    reason: null,
    breached: false,
    promiseWaived: false,
    unjustifiedRefusals: carry?.unjustifiedRefusals ?? 0,
    placedAt: null,
    startedOn: null,
    latePlacement: false,
    escalation: null,
    escalationTried: false,
    escalating: false,
    registrationFailure: null,
    registering: null,
    registrationDone: false,
    callback: null,
    followUps: [],
    reopenRequested: false,
    placedViaEscalation: false,
    placing: false,
    callbacks: 0,
    followUpCalls: 0,
    contacts: 0,
    calendarChange: null,
    eventSeq: carry?.eventSeq ?? 0,
    referrals: new Map(),
    appliedEvents: new Set(),
    timeline: carry ? [...carry.timeline] : [],
  };
}

export const isEnded = (s: CaseState) => ENDINGS.includes(s.state);
export const isPlaced = (s: CaseState) => s.placedAt !== null;

export function promiseNow(s: CaseState): CasePromise {
  return promiseOf({
    applies: s.promiseApplies,
    waived: s.promiseWaived,
    placed: isPlaced(s),
    latePlacement: s.latePlacement,
    breached: s.breached,
  });
}

/** The `state` query and every update's answer. */
export function viewOf(input: HelpRequestInput, s: CaseState): HelpRequestView {
  return {
    caseId: input.caseId,
    cycle: s.cycle,
    state: s.state,
    owner: s.owner,
    personId: s.person?.personId ?? null,
    categories: s.person?.categories ?? [],
    referrals: [...s.referrals.values()].map((r) => ({ ...r })),
    unjustifiedRefusals: s.unjustifiedRefusals,
    promiseWaived: s.promiseWaived,
    promise: promiseNow(s),
    reason: s.reason,
    escalation: s.escalation,
    registrationFailure: s.registrationFailure,
    sla: s.sla
      ? { ...s.sla, breached: s.breached, placedAt: s.placedAt, latePlacement: s.latePlacement }
      : null,
    callback: s.callback ? { ...s.callback } : null,
    followUps: s.followUps.map((f) => ({ ...f })),
  };
}

export function timelineOf(s: CaseState): TimelineEntry[] {
  return s.timeline.map((e) => ({ ...e }));
}

/** What matching needs, without personal identifiers. */
export function matchProfileOf(input: HelpRequestInput, s: CaseState): CaseMatchProfile {
  return {
    registered: s.person !== null,
    skills: [...input.intake.skills],
    location: input.intake.location ? { ...input.intake.location } : null,
    constraints: { ...input.intake.constraints },
    acceptsAnyJob: input.intake.acceptsAnyJob,
    categories: [...(s.person?.categories ?? [])],
  };
}

/** The non-personal snapshot a case event carries; takes the next event sequence number. */
export function nextSnapshot(input: HelpRequestInput, s: CaseState): CaseSnapshot {
  return {
    caseId: input.caseId,
    cycle: s.cycle,
    seq: ++s.eventSeq,
    state: s.state,
    owner: s.owner,
    personId: s.person?.personId ?? null,
    districtCode: input.districtCode,
    streetCode: input.streetCode,
    communityCode: input.communityCode,
    openedAt: input.openedAt,
    slaStartedAt: s.sla?.startedAt ?? null,
    deadline: s.sla?.deadline ?? null,
    dueDate: s.sla?.dueDate ?? null,
    provisional: s.sla?.provisional ?? false,
    breached: s.breached,
    promiseWaived: s.promiseWaived,
    promise: promiseNow(s),
    placedAt: s.placedAt,
    latePlacement: s.latePlacement,
    escalationKind: s.escalation?.kind ?? null,
    callbackDueAt: s.callback?.dueAt ?? null,
    callbackDoneAt: s.callback?.doneAt ?? null,
    satisfaction: s.callback?.satisfaction ?? null,
    nextFollowUpAt: s.followUps.find((f) => f.doneAt === null)?.dueAt ?? null,
    // Events carry the ending, never the operator's free-text reason (it may name people).
    reason: isEnded(s) ? s.state : null,
  };
}
