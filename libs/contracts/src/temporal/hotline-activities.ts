/** Activities the hotline service runs on task queue `hotline-activities` for the case workflow. */
import type { CasePolicy, CaseSla } from './help-request';
import type { CaseSnapshot } from '../events/hotline-case-events';

export interface ComputeCaseSlaInput {
  caseId: string;
  /** ISO instant the clock starts (the call, or the follow-up that reopened help). */
  startedAt: string;
  /** Working days in the promise (from the case policy). */
  workingDays: number;
}

export interface SchedulePlacementInput {
  caseId: string;
  /** yyyy-mm-dd (Shanghai), the day the person started work. */
  startedOn: string;
  callbackAfterWorkingDays: number;
  followUpMonths: number[];
}

/**
 * When the callback and each follow-up become due: 00:00 (Shanghai) of the due working day. The callback is the
 * Nth working day after the start day; a follow-up is the start day plus N calendar months (day clamped to the
 * month's end), moved to the next working day when that is not one.
 */
export interface PlacementSchedule {
  callbackAt: string;
  followUpsAt: string[];
  calendarVersion: string;
}

export interface PublishCaseEventInput {
  /** `hotline.case.<kind>`, one of `CaseEventTypes`. */
  type: string;
  /** The actor's username or `system`. */
  actor: string;
  detail?: string;
  snapshot: CaseSnapshot;
}

/** For `proxyActivities<HotlineActivities>()` in workflow code. */
export interface HotlineActivities {
  /** The intake's policy and SLA in one round trip (the clock uses the policy's promised working days). */
  prepareCase(input: { caseId: string; startedAt: string }): Promise<{ policy: CasePolicy; sla: CaseSla }>;
  computeCaseSla(input: ComputeCaseSlaInput): Promise<CaseSla>;
  schedulePlacement(input: SchedulePlacementInput): Promise<PlacementSchedule>;
  /** Idempotent per (caseId, seq): the event id is derived from them, so a retried activity adds nothing. */
  publishCaseEvent(input: PublishCaseEventInput): Promise<void>;
}

/**
 * For `proxyLocalActivities<CaseLocalActivities>()`: the hotline's steps the workflow worker runs itself (it is
 * part of the hotline and writes the hotline's outbox), with no activity task on a queue.
 */
export type CaseLocalActivities = Pick<HotlineActivities, 'publishCaseEvent'>;
