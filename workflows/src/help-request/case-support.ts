/** Helpers of the case workflow without state: refusals, failures, validation, timeline facts, activity proxies. */
import { ApplicationFailure, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { HelpRequestEndings, HelpRequestErrors, TaskQueues } from '@platform/contracts';
import type {
  CaseEscalation,
  CaseLocalActivities,
  CaseReferral,
  CaseSla,
  EmployersActivities,
  HelpRequestActor,
  HelpRequestInput,
  HelpRequestState,
  HotlineActivities,
  JobsActivities,
  PeopleActivities,
  RegistrationFailure,
  TimelineFacts,
} from '@platform/contracts';

import { type CasePatch, PATCHES_BUILT_IN_SINCE } from './revision';

export const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: fixed UTC+08:00, no DST since 1991
export const SYSTEM = 'system';
/** The timeline travels into the next run when help is reopened; older entries stay in the case events. */
export const TIMELINE_CARRY_LIMIT = 300;
/** States in which matching may still happen (an operator may propose referrals). */
export const WORKING_STATES: readonly HelpRequestState[] = ['registered', 'matching', 'escalated'];
export const ENDINGS: readonly string[] = [...HelpRequestEndings, 'closed'];

/** Whether this case has the change: built in from its revision, or else recorded (and replayed) by `patched()`. */
export function hasPatch(input: HelpRequestInput, patch: CasePatch): boolean {
  return (input.revision ?? 0) >= PATCHES_BUILT_IN_SINCE[patch] || patched(patch);
}

export function reject(message: string, type: string = HelpRequestErrors.invalid): never {
  throw ApplicationFailure.create({ message, type, nonRetryable: true });
}

/** A refusal worded in both languages (`english / 中文`); details carry the two apart for the hotline. */
export function rejectBilingual(en: string, zh: string, type: string): never {
  throw ApplicationFailure.create({
    message: `${en} / ${zh}`,
    type,
    nonRetryable: true,
    details: [{ en, zh }],
  });
}

export function escalationFacts(escalation: CaseEscalation): TimelineFacts {
  return {
    escalationKind: escalation.kind,
    reservationId: escalation.reservationId,
    targetId: escalation.targetId,
    ...(escalation.targetName ? { targetName: escalation.targetName } : {}),
  };
}

export function sameMilestones(a: CaseSla, b: CaseSla): boolean {
  return (
    a.milestones.half === b.milestones.half &&
    a.milestones.threeQuarters === b.milestones.threeQuarters &&
    a.milestones.oneWorkingDayLeft === b.milestones.oneWorkingDayLeft
  );
}

/** Who answered, as the jobs service reports it: employer_* from the employer, person_* from the person. */
export function answerFactsOf(status: CaseReferral['status']): TimelineFacts {
  const [side, answer] = status.split('_') as [string, string | undefined];
  if ((side === 'employer' || side === 'person') && (answer === 'accepted' || answer === 'declined')) {
    return { referralStatus: status, answeredBy: side, answer };
  }
  return { referralStatus: status };
}

/** Why an escalation failed, as the code timeline facts carry. */
export function escalationFailureCode(type: string | undefined): string {
  return type === 'NoEscalationCapacity' ? 'no-slot' : 'unavailable';
}

/** An ActivityFailure says only "Activity task failed"; the reason is in its cause. */
export function failureOf(err: unknown): { message: string; type: string | undefined } {
  const failure = err as { message?: string; cause?: { message?: string; type?: string } };
  return { message: failure.cause?.message ?? failure.message ?? String(err), type: failure.cause?.type };
}

/**
 * Why a service refused the data for good: its bilingual message and the field errors a `Problem4xx` failure
 * carries in its details (field and rule, never the value: no personal data reaches the timeline).
 */
export function refusalOf(err: unknown): RegistrationFailure {
  const { message, type } = failureOf(err);
  const details = (err as { cause?: { details?: unknown[] } }).cause?.details;
  const errors = (Array.isArray(details?.[0]) ? details[0] : []).filter(isFieldError);
  return { type: type ?? null, reason: message, errors };
}

export function isFieldError(value: unknown): value is RegistrationFailure['errors'][number] {
  const error = value as RegistrationFailure['errors'][number] | null;
  return (
    typeof error?.field === 'string' &&
    typeof error.rule === 'string' &&
    typeof error.message?.zh === 'string' &&
    typeof error.message?.en === 'string'
  );
}

export function requireActor(actor: HelpRequestActor | undefined): HelpRequestActor {
  if (!actor || typeof actor.username !== 'string' || actor.username.trim() === '') {
    reject('actor.username is required');
  }
  return actor;
}

/** A real calendar date written yyyy-mm-dd (2025-02-30 is not). */
export function isRealDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') reject(`${field} is required`);
  return value;
}

export function activityProxies(input: HelpRequestInput) {
  const queues = input.options.taskQueues ?? TaskQueues;
  // Background steps retry until the service is back (nothing acknowledged is lost); steps an operator waits
  // for give up after a few tries so the update answers with the reason.
  const patient = { startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } } as const;
  const prompt = { startToCloseTimeout: '20 seconds', retry: { maximumAttempts: 3 } } as const;
  return {
    hotline: proxyActivities<HotlineActivities>({ taskQueue: queues.hotlineActivities, ...patient }),
    // Run by the workflow's own worker (patch `case-events-local`): no activity task, no extra workflow task.
    // No attempt limit and no schedule-to-close: a failing outbox write retries until the database is back
    // (nothing acknowledged is lost). Backoffs under `localRetryThreshold` (1 minute) are waited inside the
    // workflow task, longer ones as a workflow timer before the next attempt.
    hotlineLocal: proxyLocalActivities<CaseLocalActivities>({
      startToCloseTimeout: '10 seconds',
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
    }),
    people: proxyActivities<PeopleActivities>({ taskQueue: queues.people, ...patient }),
    peopleNow: proxyActivities<PeopleActivities>({ taskQueue: queues.people, ...prompt }),
    jobsNow: proxyActivities<JobsActivities>({ taskQueue: queues.jobs, ...prompt }),
    employers: proxyActivities<EmployersActivities>({ taskQueue: queues.employers, ...patient }),
    employersNow: proxyActivities<EmployersActivities>({ taskQueue: queues.employers, ...prompt }),
    // Bounded: a long employers outage must not hold the clock past the deadline.
    escalation: proxyActivities<EmployersActivities>({
      taskQueue: queues.employers,
      startToCloseTimeout: '30 seconds',
      retry: { maximumAttempts: 5, maximumInterval: '1 minute' },
    }),
    // The same, also when no employers worker picks the task up at all (patch `escalation-gives-up`).
    escalationBounded: proxyActivities<EmployersActivities>({
      taskQueue: queues.employers,
      scheduleToCloseTimeout: '10 minutes',
      startToCloseTimeout: '30 seconds',
      retry: { maximumAttempts: 5, maximumInterval: '1 minute' },
    }),
  };
}

/** The proxies one case uses, by how long a step may take. */
export type CaseActivities = ReturnType<typeof activityProxies>;
