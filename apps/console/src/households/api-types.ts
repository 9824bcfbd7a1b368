import type {
  HouseholdClock,
  HouseholdEpisodeBasis,
  HouseholdEpisodeStatus,
  HouseholdEpisodeView,
  HouseholdFollowUp,
  HouseholdResolution,
  HouseholdStaffLevel,
} from '@platform/contracts';

// What the hotline's household-episode routes and the people service's household route answer, as the
// console reads them (apps/hotline/src/households, apps/people/src/households).

// The episode's own words are defined once, in the workflow's contract.
export type EpisodeStatus = HouseholdEpisodeStatus;
export type EpisodeResolution = HouseholdResolution;
export type StaffLevel = HouseholdStaffLevel;
export type EpisodeClock = HouseholdClock;
export type EpisodeFollowUp = HouseholdFollowUp;
export type ContactKind = 'call' | 'visit' | 'referral' | 'training' | 'other';

export const STAFF_LEVELS: StaffLevel[] = ['helper', 'community', 'street'];
export const CONTACT_KINDS: ContactKind[] = ['call', 'visit', 'referral', 'training', 'other'];

/** A board row: one episode of a zero-employment household, with its clocks and who helps it. */
export interface EpisodeSummary {
  episodeId: string;
  householdId: string;
  episode: number;
  status: EpisodeStatus;
  basis: HouseholdEpisodeBasis;
  communityCode: string;
  communityName: string | null;
  communityNameEn: string | null;
  foundAt: string;
  /** Last counted day (yyyy-mm-dd, Shanghai); null only in the instant the episode starts. */
  dueDate: string | null;
  dueAt: string | null;
  warned: boolean;
  breached: boolean;
  /** Whole days to the breach, while open. */
  daysLeft: number | null;
  metAt: string | null;
  resolution: EpisodeResolution | null;
  resolvedAt: string | null;
  employedMembers: number;
  helper: string | null;
  helperName: string | null;
  doubleRequestedAt: string | null;
  doubleDueAt: string | null;
  doubleMetAt: string | null;
  doubleBreached: boolean;
  reopenCount: number;
  followUpsDone: number;
  followUpsTotal: number;
  nextFollowUpAt: string | null;
}

/** The workflow's view of the episode, the parts the console reads. */
export type EpisodeView = Pick<
  HouseholdEpisodeView,
  | 'episodeId'
  | 'householdId'
  | 'status'
  | 'foundAt'
  | 'clock'
  | 'doubleEmployment'
  | 'resolution'
  | 'resolvedAt'
  | 'employedMembers'
  | 'memberCases'
  | 'staff'
  | 'followUps'
  | 'reopenCount'
>;

export interface CardLine {
  at: string;
  actor: string;
  actorName: string;
  kind: string;
  personId?: string;
  note?: string;
  sentence: { zh: string; en: string };
}

export interface EpisodeDetail {
  summary: EpisodeSummary;
  view: EpisodeView;
  /** Newest first. */
  card: CardLine[];
}

export interface EpisodeKpis {
  from: string;
  to: string;
  found: number;
  solvedInTime: number;
  solvedInTimeRate: number | null;
  doubleRequested: number;
  doubleInTimeRate: number | null;
  followedUpSixMonths: number;
  stableAtSixMonths: number;
  stableRate: number | null;
  atZeroNow: number;
  breachedOpen: number;
}

export interface StaffCandidate {
  username: string;
  displayName: string;
  orgNameZh: string;
  orgNameEn: string | null;
}

/** The people service's household (names come masked). */
export interface HouseholdMember {
  personId: string;
  name: string;
  relation: string;
  unemploymentStatus: string;
}

export interface Household {
  id: string;
  hukouType: 'urban' | 'rural';
  zeroEmployment: boolean;
  zeroEmploymentSince: string | null;
  members: HouseholdMember[];
}

/** A member's case as GET /cases?personId= lists it (only what the picker shows). */
export interface MemberCase {
  caseId: string;
  state: string;
  openedAt: string;
}
