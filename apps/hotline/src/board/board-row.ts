import { MS_PER_DAY, WorkingCalendar } from '@platform/calendar';
import { HelpRequestEndings, type HelpRequestState } from '@platform/contracts';

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
  promise_waived AS "promiseWaived", placed_at AS "placedAt", late_placement AS "latePlacement",
  escalation_kind AS "escalationKind", callback_done_at AS "callbackDoneAt", satisfaction`;

export const ENDED_STATES: readonly string[] = ['closed', ...HelpRequestEndings];

/**
 * Breached when the workflow said so, or when the deadline has passed with nobody placed (the workflow's
 * breach event may still be on its way). A waived promise or an ended case cannot breach any more.
 */
export function isBreached(row: BoardRow, now: Date): boolean {
  if (row.breached) return true;
  if (!row.deadline || row.placedAt || row.promiseWaived || ENDED_STATES.includes(row.state)) return false;
  return now.getTime() > row.deadline.getTime();
}

export interface BoardFlags {
  remaining: { ms: number; workingDays: number } | null;
  breached: boolean;
  atRisk: boolean;
}

/** At risk: still waiting for a placement, not breached, and at most one working day of the promise left. */
export function boardFlags(row: BoardRow, calendar: WorkingCalendar, now: Date): BoardFlags {
  const breached = isBreached(row, now);
  const remaining = row.deadline ? calendar.remainingWorkingTime(now, row.deadline) : null;
  const atRisk =
    !!remaining &&
    !breached &&
    !row.placedAt &&
    !row.promiseWaived &&
    !ENDED_STATES.includes(row.state) &&
    remaining.ms <= MS_PER_DAY;
  return {
    remaining: remaining ? { ms: remaining.ms, workingDays: remaining.workingDays } : null,
    breached,
    atRisk,
  };
}
