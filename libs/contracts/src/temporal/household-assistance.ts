/**
 * The `householdAssistance` workflow: one episode of a household in zero-employment status (零就业家庭), from the
 * day it was found (or certified) until a member is in stable work. Workflow ID = episode ID
 * `household-<householdId>-<episode>`: references only, never personal data. The hotline starts it from
 * `people.household.v1` and signals it; operators act on it through the updates below.
 */
import type { PeopleActivityActor } from './people-activities';

/** The household clocks as data (held in the hotline, read when an episode starts). */
export interface HouseholdPolicy {
  version: string;
  /**
   * Calendar days from the day the household was found to one member in work (default 20). Day 0 is the
   * Shanghai date the household was found; the episode is due by the end of day N (00:00 Shanghai of day N+1).
   */
  oneEmployedWithinDays: number;
  /** Calendar months from the household's request for double employment (双就业) to a second member in work (default 1). */
  doubleEmploymentWithinMonths: number;
  /** Days before a due date when the warning (预警) is raised (default 5). */
  warnDaysBefore: number;
  /** Follow-ups of the employed member, in calendar months after the household left the status (default [1, 3, 6]). */
  followUpMonths: number[];
}

export const DEFAULT_HOUSEHOLD_POLICY: HouseholdPolicy = {
  version: 'household-2026-1',
  oneEmployedWithinDays: 20,
  doubleEmploymentWithinMonths: 1,
  warnDaysBefore: 5,
  followUpMonths: [1, 3, 6],
};

export type HouseholdEpisodeBasis = 'detected' | 'certified';

export interface HouseholdAssistanceInput {
  /** = workflow ID. */
  episodeId: string;
  householdId: string;
  /** 1 for the household's first episode, then counting. */
  episode: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  /** ISO instant the household entered the status (people's event) or was certified: day 0 of the clock. */
  foundAt: string;
  basis: HouseholdEpisodeBasis;
  policy: HouseholdPolicy;
  /**
   * The members' help-request cases already open when the episode starts: linked from the start (later cases
   * are linked by the `linkMemberCase` update).
   */
  memberCases?: Array<{ personId: string; caseId: string }>;
  /** Task queue of the hotline activities (tests give their own). */
  taskQueues?: { hotlineActivities: string };
  /**
   * The workflow revision the episode was started on (`HOUSEHOLD_ASSISTANCE_REVISION` from
   * `@platform/workflows/household-assistance`; absent = 1). A worker refuses a revision above its own.
   */
  revision?: number;
}

/**
 * open: no member in work yet (the 20-day clock runs) · resolved: a member is in work and the household left the
 * status; stable employment is followed up (1/3/6 months) and falling back reopens the episode · closed: the
 * last follow-up done, the household no longer qualifies, or a supervisor ended it (the workflow completes).
 */
export type HouseholdEpisodeStatus = 'open' | 'resolved' | 'closed';

/** Why an episode left `open`. */
export type HouseholdResolution = 'member-employed' | 'no-longer-qualifies' | 'closed-by-supervisor';

export type HouseholdStaffLevel = 'helper' | 'community' | 'street';

export type HouseholdCardKind =
  | 'found'
  | 'certified'
  | 'warning'
  | 'breached'
  | 'member-employed'
  | 'left-status'
  | 'reentered-status'
  | 'reopened'
  | 'double-requested'
  | 'double-achieved'
  | 'double-warning'
  | 'double-breached'
  | 'follow-up-due'
  | 'follow-up'
  | 'staff-assigned'
  | 'contact'
  | 'case-linked'
  | 'closed';

export type HouseholdContactKind = 'call' | 'visit' | 'referral' | 'training' | 'other';

/** One line of the tracking card (动态跟踪服务卡); references and codes only, the hotline writes the sentences. */
export interface HouseholdCardEntry {
  /** Workflow time, ISO-8601. */
  at: string;
  /** Username, or `system`. */
  actor: string;
  kind: HouseholdCardKind;
  /** The member concerned, when there is one. */
  personId?: string;
  caseId?: string;
  contactKind?: HouseholdContactKind;
  level?: HouseholdStaffLevel;
  /** The username assigned (staff-assigned). */
  assignee?: string;
  /**
   * For clock entries: the breach instant of the clock concerned (found, certified, reopened, warning, breached,
   * double-*: "due by"), or the follow-up's due instant (follow-up-due). `at` says when the entry was written.
   */
  dueAt?: string;
  resolution?: HouseholdResolution;
  /** For follow-up entries: which follow-up (months after the household left the status). */
  month?: number;
  stillEmployed?: boolean;
  /** The operator's own words, shown as written (no personal data beyond what the operator typed). */
  note?: string;
}

export interface HouseholdClock {
  /** Last counted day, yyyy-mm-dd (Shanghai). */
  dueDate: string;
  /** 00:00 Shanghai after the due date: the breach instant. */
  dueAt: string;
  warnAt: string;
  warned: boolean;
  breached: boolean;
  /** When the clock was met (a member employed), or null. */
  metAt: string | null;
}

export interface HouseholdFollowUp {
  month: number;
  dueAt: string;
  doneAt: string | null;
  stillEmployed: boolean | null;
}

export interface HouseholdEpisodeView {
  episodeId: string;
  householdId: string;
  episode: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  basis: HouseholdEpisodeBasis;
  status: HouseholdEpisodeStatus;
  foundAt: string;
  /** The one-member-employed clock (restarted from the re-entry when the episode is reopened). */
  clock: HouseholdClock;
  /** Double employment (双就业), once the household asked for it. */
  doubleEmployment: (HouseholdClock & { requestedAt: string }) | null;
  resolution: HouseholdResolution | null;
  resolvedAt: string | null;
  /** Members placed during the episode (person ids, in order). */
  employedMembers: string[];
  /** Help-request cases linked to the episode, by member. */
  memberCases: Array<{ personId: string; caseId: string }>;
  staff: Partial<Record<HouseholdStaffLevel, string>>;
  followUps: HouseholdFollowUp[];
  reopenCount: number;
  card: HouseholdCardEntry[];
  policyVersion: string;
}

export interface HouseholdAssistanceResult {
  episodeId: string;
  resolution: HouseholdResolution | null;
  /** True when every follow-up found the member still in work. */
  stable: boolean;
}

/** Signals: facts from the people service and the cases, sent by the hotline's consumers. */
export interface HouseholdLeftStatusSignal {
  at: string;
  reason: 'member-employed' | 'no-longer-qualifies';
}
export interface HouseholdReenteredSignal {
  at: string;
}
export interface HouseholdMemberPlacedSignal {
  at: string;
  personId: string;
  caseId?: string;
}

/** Updates: operators and supervisors (the hotline fills `actor` from the caller's token). */
export interface AssignHouseholdStaffRequest {
  actor: PeopleActivityActor;
  level: HouseholdStaffLevel;
  username: string;
  note?: string;
}
export interface RecordHouseholdContactRequest {
  actor: PeopleActivityActor;
  kind: HouseholdContactKind;
  personId?: string;
  note: string;
}
export interface LinkMemberCaseRequest {
  actor: PeopleActivityActor;
  personId: string;
  caseId: string;
}
export interface RequestDoubleEmploymentRequest {
  actor: PeopleActivityActor;
  note?: string;
}
export interface RecordHouseholdFollowUpRequest {
  actor: PeopleActivityActor;
  /** Which follow-up (its month), due or overdue. */
  month: number;
  stillEmployed: boolean;
  note?: string;
}
export interface CloseHouseholdEpisodeRequest {
  actor: PeopleActivityActor;
  note: string;
}

export const HouseholdAssistanceErrors = {
  invalid: 'InvalidHouseholdRequest',
  wrongState: 'HouseholdEpisodeWrongState',
} as const;

export const HouseholdEventTypes = {
  changed: 'hotline.household-episode.changed',
} as const;

/** Activities the hotline runs for the episode (local activities in the workflow worker, which is part of the hotline). */
export interface HouseholdActivities {
  /**
   * Writes the episode's projection (board row, KPIs) and a `hotline.household-episode.changed` event from the
   * view, in one transaction. Idempotent per (episodeId, seq): a retried activity changes nothing twice.
   */
  recordHouseholdEpisode(input: { seq: number; view: HouseholdEpisodeView }): Promise<void>;
}
