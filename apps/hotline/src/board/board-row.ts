import { MS_PER_DAY, WorkingCalendar } from '@platform/calendar';
import {
  BoardRiskReasons,
  HelpRequestEndings,
  promiseOf,
  type BoardRiskReason,
  type CasePromise,
  type HelpRequestState,
} from '@platform/contracts';

/** A `case_board` row as the board and the KPIs read it (no personal data is selected). */
export interface BoardRow {
  caseId: string;
  cycle: number;
  /** A workflow state, as the case's snapshot carried it. */
  state: HelpRequestState;
  owner: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  orgPath: string;
  openedAt: Date;
  slaStartedAt: Date | null;
  deadline: Date | null;
  dueDate: string | null;
  breached: boolean;
  promiseWaived: boolean;
  /** The promise as the last event carried it (null for rows projected before events carried it). */
  promise: CasePromise | null;
  placedAt: Date | null;
  latePlacement: boolean;
  escalationKind: 'welfare_slot' | 'assistance_base' | null;
  callbackDoneAt: Date | null;
  satisfaction: number | null;
  callbackDueAt: Date | null;
  nextFollowUpAt: Date | null;
  /** When the latest referral was proposed, and when jobs last reported news of a referral. */
  referralProposedAt: Date | null;
  referralAnsweredAt: Date | null;
  /** When the person last declined a referral. */
  personDeclinedAt: Date | null;
  /** When an escalation last failed (a later successful one sets `escalationKind`). */
  escalationFailedAt: Date | null;
  /** When registration failed (cleared once the person is registered). */
  registrationFailedAt: Date | null;
}

/** A board row with the names the board shows and whether its owner can still work it. */
export interface BoardRowWithNames extends BoardRow {
  ownerName: string | null;
  /** The owner's account exists, is an operator or supervisor, and its area holds the case. */
  ownerAvailable: boolean;
  communityName: string | null;
  communityNameEn: string | null;
}

export const BOARD_ROW_COLUMNS = `
  case_id AS "caseId", cycle, state, owner, district_code AS "districtCode", street_code AS "streetCode",
  community_code AS "communityCode", org_path AS "orgPath", opened_at AS "openedAt",
  sla_started_at AS "slaStartedAt", deadline, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", breached,
  promise_waived AS "promiseWaived", promise, placed_at AS "placedAt", late_placement AS "latePlacement",
  escalation_kind AS "escalationKind", callback_done_at AS "callbackDoneAt", satisfaction,
  callback_due_at AS "callbackDueAt", next_follow_up_at AS "nextFollowUpAt",
  referral_proposed_at AS "referralProposedAt", referral_answered_at AS "referralAnsweredAt",
  person_declined_at AS "personDeclinedAt", escalation_failed_at AS "escalationFailedAt",
  registration_failed_at AS "registrationFailedAt"`;

export const ENDED_STATES: readonly string[] = ['closed', ...HelpRequestEndings];

/**
 * Breached when the workflow said so, or when the deadline has passed with nobody placed (the workflow's
 * breach event may still be on its way). A waived promise, a caller who picks and chooses (no promise) or an
 * ended case cannot breach any more.
 */
export function isBreached(row: BoardRow, now: Date): boolean {
  if (row.breached) return true;
  if (!row.deadline || row.placedAt || row.promiseWaived || row.promise === 'not-applicable') return false;
  if (ENDED_STATES.includes(row.state)) return false;
  return now.getTime() > row.deadline.getTime();
}

/** The promise now: the workflow's fact, turned `late` as soon as the deadline passes unplaced. */
export function promiseNow(row: BoardRow, now: Date): CasePromise {
  return promiseOf({
    applies: row.promise !== 'not-applicable',
    waived: row.promiseWaived,
    placed: row.placedAt !== null,
    latePlacement: row.latePlacement,
    breached: isBreached(row, now),
  });
}

export interface BoardFlags {
  promise: CasePromise;
  /** Working time left (negative when overdue) while the case still waits for a placement against the promise. */
  remaining: { ms: number; workingDays: number } | null;
  breached: boolean;
  atRisk: boolean;
}

/**
 * The clock counts only while a placement is awaited against the promise (active, or late and still unplaced):
 * placed, waived, ended cases and callers without a promise show no remaining time. At risk: active with at most
 * one working day left.
 */
export function boardFlags(row: BoardRow, calendar: WorkingCalendar, now: Date): BoardFlags {
  const promise = promiseNow(row, now);
  const counting =
    !!row.deadline &&
    !row.placedAt &&
    !ENDED_STATES.includes(row.state) &&
    (promise === 'active' || promise === 'late');
  const remaining = counting ? calendar.remainingWorkingTime(now, row.deadline!) : null;
  return {
    promise,
    remaining: remaining ? { ms: remaining.ms, workingDays: remaining.workingDays } : null,
    breached: isBreached(row, now),
    atRisk: promise === 'active' && !!remaining && remaining.ms <= MS_PER_DAY,
  };
}

/** The board's at-risk policy: `BOARD_EMPLOYER_SILENT_WORKING_HOURS` of the hotline config. */
export interface RiskPolicy {
  employerSilentWorkingHours: number;
}

const HOUR_MS = 3_600_000;
/** A callback or follow-up left undone for a whole working day after it fell due is overdue. */
export const OVERDUE_AFTER_MS = MS_PER_DAY;

/**
 * Why an open case needs a supervisor now, from the projected facts and `now` (the injected clock), in
 * `BoardRiskReasons` order (docs/domain.md, "The board's at-risk reasons"):
 * - escalation-failed: an escalation failed and none succeeded since, nobody placed;
 * - registration-failed: registration failed and the person is still not registered (stuck in intake);
 * - deadline-near: the promise is active with at most one working day left (`atRisk`);
 * - no-referral-yet: registered, half the promise's working time gone, no referral proposed;
 * - employer-silent: the latest referral has had no news from jobs for the policy's working hours;
 * - person-declined: the person declined and no referral was proposed since;
 * - callback-overdue / follow-up-overdue: due over a working day ago and not recorded;
 * - owner-unavailable: the owner's account is gone, is no staff, or its area no longer holds the case.
 */
export function riskReasons(
  row: BoardRowWithNames,
  flags: BoardFlags,
  calendar: WorkingCalendar,
  now: Date,
  policy: RiskPolicy,
): BoardRiskReason[] {
  if (ENDED_STATES.includes(row.state)) return [];
  const placed = row.placedAt !== null;
  const workedSince = (at: Date) => calendar.workingTimeBetween(at, now).ms;
  const found = new Set<BoardRiskReason>();
  if (row.escalationFailedAt && !row.escalationKind && !placed) found.add('escalation-failed');
  if (row.registrationFailedAt && !placed) found.add('registration-failed');
  if (flags.atRisk) found.add('deadline-near');
  if (
    row.state === 'registered' &&
    !placed &&
    flags.remaining &&
    row.slaStartedAt &&
    row.deadline &&
    now.getTime() >= calendar.milestones(row.slaStartedAt, row.deadline).half.getTime()
  )
    found.add('no-referral-yet');
  const proposed = row.referralProposedAt;
  const declinedSinceProposal = !!row.personDeclinedAt && (!proposed || row.personDeclinedAt >= proposed);
  if (
    proposed &&
    !placed &&
    !declinedSinceProposal &&
    (!row.referralAnsweredAt || row.referralAnsweredAt < proposed) &&
    workedSince(proposed) >= policy.employerSilentWorkingHours * HOUR_MS
  )
    found.add('employer-silent');
  if (declinedSinceProposal && !placed) found.add('person-declined');
  if (row.callbackDueAt && !row.callbackDoneAt && workedSince(row.callbackDueAt) >= OVERDUE_AFTER_MS)
    found.add('callback-overdue');
  if (row.nextFollowUpAt && workedSince(row.nextFollowUpAt) >= OVERDUE_AFTER_MS)
    found.add('follow-up-overdue');
  if (!row.ownerAvailable) found.add('owner-unavailable');
  return BoardRiskReasons.filter((reason) => found.has(reason));
}
