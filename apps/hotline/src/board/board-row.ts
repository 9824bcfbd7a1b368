import { MS_PER_DAY, WorkingCalendar } from '@platform/calendar';
import { HelpRequestEndings, promiseOf, type CasePromise, type HelpRequestState } from '@platform/contracts';

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
}

export const BOARD_ROW_COLUMNS = `
  case_id AS "caseId", cycle, state, owner, district_code AS "districtCode", street_code AS "streetCode",
  community_code AS "communityCode", org_path AS "orgPath", opened_at AS "openedAt",
  sla_started_at AS "slaStartedAt", deadline, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", breached,
  promise_waived AS "promiseWaived", promise, placed_at AS "placedAt", late_placement AS "latePlacement",
  escalation_kind AS "escalationKind", callback_done_at AS "callbackDoneAt", satisfaction`;

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
