/**
 * The episode's mutable state as one object, the `view` built from it (the query, every update's answer and
 * what the hotline's projection receives), and which timed step is due next. Plain data and pure functions:
 * whatever changes the episode goes through `EpisodeContext` (episode-context.ts).
 */
import type {
  HouseholdAssistanceInput,
  HouseholdCardEntry,
  HouseholdClock,
  HouseholdEpisodeStatus,
  HouseholdEpisodeView,
  HouseholdFollowUp,
  HouseholdResolution,
  HouseholdStaffLevel,
} from '@platform/contracts';
import { oneMemberClock } from './household-clock';

export interface EpisodeState {
  status: HouseholdEpisodeStatus;
  /** The one-member-employed clock of the current opening (a reopen starts a new one). */
  clock: HouseholdClock;
  doubleEmployment: (HouseholdClock & { requestedAt: string }) | null;
  resolution: HouseholdResolution | null;
  resolvedAt: string | null;
  employedMembers: string[];
  memberCases: Array<{ personId: string; caseId: string }>;
  staff: Partial<Record<HouseholdStaffLevel, string>>;
  /** The follow-ups since the household last left the status (cleared when it is reopened). */
  followUps: HouseholdFollowUp[];
  /** Follow-ups whose due time was reached and written on the card (by month). */
  followUpsAnnounced: number[];
  reopenCount: number;
  /** Closed after the last follow-up found the member still in work. */
  stable: boolean;
  card: HouseholdCardEntry[];
  /** The last projection sequence number sent to the hotline. */
  seq: number;
}

export function newEpisodeState(input: HouseholdAssistanceInput): EpisodeState {
  return {
    status: 'open',
    clock: oneMemberClock(input.foundAt, input.policy),
    doubleEmployment: null,
    resolution: null,
    resolvedAt: null,
    employedMembers: [],
    memberCases: (input.memberCases ?? []).map((c) => ({ personId: c.personId, caseId: c.caseId })),
    staff: {},
    followUps: [],
    followUpsAnnounced: [],
    reopenCount: 0,
    stable: false,
    card: [],
    seq: 0,
  };
}

export function viewOf(input: HouseholdAssistanceInput, s: EpisodeState): HouseholdEpisodeView {
  return {
    episodeId: input.episodeId,
    householdId: input.householdId,
    episode: input.episode,
    districtCode: input.districtCode,
    streetCode: input.streetCode,
    communityCode: input.communityCode,
    basis: input.basis,
    status: s.status,
    foundAt: input.foundAt,
    clock: { ...s.clock },
    doubleEmployment: s.doubleEmployment ? { ...s.doubleEmployment } : null,
    resolution: s.resolution,
    resolvedAt: s.resolvedAt,
    employedMembers: [...s.employedMembers],
    memberCases: s.memberCases.map((c) => ({ ...c })),
    staff: { ...s.staff },
    followUps: s.followUps.map((f) => ({ ...f })),
    reopenCount: s.reopenCount,
    card: s.card.map((e) => ({ ...e })),
    policyVersion: input.policy.version,
  };
}

/** A step the episode takes by itself when its time comes. */
export interface DueStep {
  kind: 'warning' | 'breached' | 'double-warning' | 'double-breached' | 'follow-up-due';
  at: string;
  month?: number;
}

/** The earliest step still to come, or null (a closed episode has none). */
export function nextDueStep(s: EpisodeState): DueStep | null {
  if (s.status === 'closed') return null;
  const steps: DueStep[] = [];
  const { clock, doubleEmployment } = s;
  if (s.status === 'open' && clock.metAt === null) {
    if (!clock.warned) steps.push({ kind: 'warning', at: clock.warnAt });
    else if (!clock.breached) steps.push({ kind: 'breached', at: clock.dueAt });
  }
  if (doubleEmployment && doubleEmployment.metAt === null) {
    if (!doubleEmployment.warned) steps.push({ kind: 'double-warning', at: doubleEmployment.warnAt });
    else if (!doubleEmployment.breached) steps.push({ kind: 'double-breached', at: doubleEmployment.dueAt });
  }
  if (s.status === 'resolved') {
    const next = s.followUps.find((f) => f.doneAt === null && !s.followUpsAnnounced.includes(f.month));
    if (next) steps.push({ kind: 'follow-up-due', at: next.dueAt, month: next.month });
  }
  // Earliest first; at the same instant the order above (one-member clock, double, follow-up).
  return steps.reduce<DueStep | null>(
    (first, step) => (first === null || Date.parse(step.at) < Date.parse(first.at) ? step : first),
    null,
  );
}

/** Identifies a due step: the clock loop re-plans when the next one changes. */
export function dueStepKey(step: DueStep | null): string {
  return step ? `${step.kind}:${step.at}:${step.month ?? ''}` : 'none';
}
