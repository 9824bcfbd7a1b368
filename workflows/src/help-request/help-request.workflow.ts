import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import { SearchAttributes, TaskQueues } from '@platform/contracts';
import type {
  CaseReferral,
  CloseCaseRequest,
  ConfirmStartRequest,
  EmployerAnswerRequest,
  FollowUpsInput,
  FollowUpsResult,
  HandOffRequest,
  HelpRequestActor,
  HelpRequestInput,
  HelpRequestResult,
  HelpRequestSlaView,
  HelpRequestState,
  HelpRequestView,
  PersonAnswerRequest,
  ProposeReferralRequest,
  TimelineEntry,
  EmployersActivities,
  HelpRequestEnding,
} from '@platform/contracts';

const HelpRequestEndings: readonly HelpRequestEnding[] = [
  'withdrawn',
  'unreachable',
  'ineligible',
  'referred-elsewhere',
];
const EMPLOYERS_QUEUE = TaskQueues.employers;
const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: fixed UTC+08:00, no DST since 1991

export const proposeReferralUpdate = defineUpdate<HelpRequestView, [ProposeReferralRequest]>(
  'proposeReferral',
);
export const recordEmployerAnswerUpdate = defineUpdate<HelpRequestView, [EmployerAnswerRequest]>(
  'recordEmployerAnswer',
);
export const recordPersonAnswerUpdate = defineUpdate<HelpRequestView, [PersonAnswerRequest]>(
  'recordPersonAnswer',
);
export const confirmStartUpdate = defineUpdate<HelpRequestView, [ConfirmStartRequest]>('confirmStart');
export const handOffUpdate = defineUpdate<HelpRequestView, [HandOffRequest]>('handOff');
export const closeCaseUpdate = defineUpdate<HelpRequestView, [CloseCaseRequest]>('close');
export const stateQuery = defineQuery<HelpRequestView>('state');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
export const slaQuery = defineQuery<HelpRequestSlaView>('sla');

const SA = {
  status: defineSearchAttributeKey(SearchAttributes.caseStatus, 'KEYWORD'),
  deadline: defineSearchAttributeKey(SearchAttributes.slaDeadline, 'DATETIME'),
  breached: defineSearchAttributeKey(SearchAttributes.slaBreached, 'BOOL'),
  district: defineSearchAttributeKey(SearchAttributes.districtCode, 'KEYWORD'),
  street: defineSearchAttributeKey(SearchAttributes.streetCode, 'KEYWORD'),
  community: defineSearchAttributeKey(SearchAttributes.communityCode, 'KEYWORD'),
  owner: defineSearchAttributeKey(SearchAttributes.caseOwner, 'KEYWORD'),
};

const employers = proxyActivities<EmployersActivities>({
  taskQueue: EMPLOYERS_QUEUE,
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

/** States in which matching may still happen (an operator may propose referrals). */
const WORKING_STATES: HelpRequestState[] = ['registered', 'matching', 'escalated'];
const SYSTEM = 'system';

function reject(message: string, type = 'InvalidCaseUpdate'): never {
  throw ApplicationFailure.create({ message, type, nonRetryable: true });
}

/** An ActivityFailure says only "Activity task failed"; the reason is in its cause. */
function failureMessage(err: unknown): string {
  const failure = err as { message?: string; cause?: { message?: string } };
  return failure.cause?.message ?? failure.message ?? String(err);
}

function requireActor(actor: HelpRequestActor | undefined): string {
  if (!actor || typeof actor.username !== 'string' || actor.username.trim() === '') {
    reject('actor.username is required');
  }
  return actor.username;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') reject(`${field} is required`);
  return value;
}

/** Shanghai midnight of `startedOn` (yyyy-mm-dd) plus `months` calendar months, the day clamped to the month's end. */
export function followUpInstant(startedOn: string, months: number): Date {
  const [year, month, day] = startedOn.split('-').map(Number);
  const firstOfTarget = Date.UTC(year, month - 1 + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(firstOfTarget + (Math.min(day, lastDay) - 1) * 86_400_000 - SHANGHAI_OFFSET_MS);
}

/**
 * Follow-ups after a placement, as a child workflow so the case's own history stays bounded. Minimal for now:
 * it waits for each follow-up instant and reports them; recording the follow-up call is a later slice.
 */
export async function helpRequestFollowUps(input: FollowUpsInput): Promise<FollowUpsResult> {
  const dueAt: string[] = [];
  for (const months of [...input.months].sort((a, b) => a - b)) {
    const due = followUpInstant(input.startedOn, months);
    const wait = due.getTime() - Date.now();
    if (wait > 0) await sleep(wait);
    dueAt.push(due.toISOString());
  }
  return { dueAt };
}

/**
 * One help request (workflow ID = case ID): an explicit state machine driven by validated updates, with the
 * SLA clock as durable timers raced against those updates. See DOMAIN.md "A help request, end to end".
 */
export async function helpRequest(input: HelpRequestInput): Promise<HelpRequestResult> {
  let state: HelpRequestState = 'registered';
  let owner = input.owner;
  let reason: string | null = null;
  let breached = false;
  let placedAt: string | null = null;
  let latePlacement = false;
  let escalation: HelpRequestView['escalation'] = null;
  let startedOn = '';
  const referrals = new Map<string, CaseReferral>();
  const timeline: TimelineEntry[] = [];
  const deadlineMs = Date.parse(input.sla.deadline);

  const now = () => new Date().toISOString(); // workflow time: deterministic
  const log = (entry: Omit<TimelineEntry, 'at'>) => timeline.push({ at: now(), ...entry });
  const ended = () => (HelpRequestEndings as readonly string[]).includes(state) || state === 'closed';
  const placed = () => placedAt !== null;

  const upsert = () => {
    // Only non-personal values; skipped explicitly where the server lacks the attributes (test server).
    if (!input.upsertSearchAttributes) return;
    upsertSearchAttributes([
      { key: SA.status, value: state },
      { key: SA.deadline, value: new Date(deadlineMs) },
      { key: SA.breached, value: breached },
      { key: SA.district, value: input.districtCode },
      { key: SA.street, value: input.streetCode },
      { key: SA.community, value: input.communityCode },
      { key: SA.owner, value: owner },
    ]);
  };
  const transition = (to: HelpRequestState, actor: string, detail?: string) => {
    if (to === state) return;
    log({ kind: 'transition', actor, from: state, to, ...(detail ? { detail } : {}) });
    state = to;
    upsert();
  };
  const view = (): HelpRequestView => ({
    caseId: input.caseId,
    state,
    owner,
    referrals: [...referrals.values()].map((r) => ({ ...r })),
    reason,
    escalation,
  });
  const referralFor = (referralId: unknown): CaseReferral => {
    const referral = referrals.get(requireText(referralId, 'referralId'));
    if (!referral) reject(`unknown referral ${String(referralId)}`, 'UnknownReferral');
    return referral;
  };
  const requireOpen = () => {
    if (ended()) reject(`case is ${state}`, 'CaseEnded');
  };

  setHandler(stateQuery, view);
  setHandler(timelineQuery, () => timeline.map((e) => ({ ...e })));
  setHandler(slaQuery, () => ({ ...input.sla, breached, placedAt, latePlacement }));

  setHandler(
    proposeReferralUpdate,
    (req) => {
      const actor = requireActor(req.actor);
      referrals.set(req.referralId, {
        referralId: req.referralId,
        vacancyId: req.vacancyId,
        status: 'proposed',
        employerAnswer: null,
        personAnswer: null,
      });
      log({ kind: 'referral', actor, detail: `proposed ${req.referralId} (vacancy ${req.vacancyId})` });
      if (state === 'registered') transition('matching', actor);
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        requireText(req.referralId, 'referralId');
        requireText(req.vacancyId, 'vacancyId');
        if (!WORKING_STATES.includes(state)) reject(`cannot propose a referral while ${state}`);
        if (referrals.has(req.referralId)) reject(`referral ${req.referralId} already proposed`);
      },
    },
  );

  setHandler(
    recordEmployerAnswerUpdate,
    (req) => {
      const referral = referralFor(req.referralId);
      // A duplicated employer event (same answer again) is applied once.
      if (referral.employerAnswer === req.answer) return view();
      referral.employerAnswer = req.answer;
      if (req.answer === 'rejected') referral.status = 'employer-rejected';
      else if (referral.status === 'proposed') referral.status = 'employer-accepted';
      log({
        kind: 'answer',
        actor: req.actor.username,
        detail: `employer ${req.answer} ${req.referralId}${req.reason ? `: ${req.reason}` : ''}`,
      });
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        const referral = referralFor(req.referralId);
        if (req.answer !== 'accepted' && req.answer !== 'rejected')
          reject('answer must be accepted|rejected');
        if (referral.employerAnswer !== null && referral.employerAnswer !== req.answer) {
          reject(`employer already answered ${referral.employerAnswer} for ${req.referralId}`);
        }
      },
    },
  );

  setHandler(
    recordPersonAnswerUpdate,
    (req) => {
      const referral = referralFor(req.referralId);
      if (referral.personAnswer === req.answer) return view();
      referral.personAnswer = req.answer;
      if (req.answer === 'refused') referral.status = 'person-refused';
      log({
        kind: 'answer',
        actor: req.actor.username,
        detail: `person ${req.answer} ${req.referralId}${req.reason ? `: ${req.reason}` : ''}`,
      });
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        const referral = referralFor(req.referralId);
        if (req.answer !== 'accepted' && req.answer !== 'refused') reject('answer must be accepted|refused');
        if (referral.personAnswer !== null && referral.personAnswer !== req.answer) {
          reject(`person already answered ${referral.personAnswer} for ${req.referralId}`);
        }
      },
    },
  );

  setHandler(
    confirmStartUpdate,
    (req) => {
      const referral = referralFor(req.referralId);
      referral.status = 'started';
      placedAt = now();
      latePlacement = Date.now() > deadlineMs;
      log({
        kind: 'referral',
        actor: req.actor.username,
        detail: `started ${req.referralId} on ${req.startedOn}${latePlacement ? ' (late)' : ''}`,
      });
      transition('placed', req.actor.username, latePlacement ? 'late placement' : 'placed within the SLA');
      startedOn = req.startedOn;
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        const referral = referralFor(req.referralId);
        if (!WORKING_STATES.includes(state)) reject(`cannot confirm a start while ${state}`);
        if (referral.employerAnswer !== 'accepted' || referral.personAnswer !== 'accepted') {
          reject(`referral ${req.referralId} is not accepted by both employer and person`);
        }
        if (!/^\d{4}-\d{2}-\d{2}$/.test(requireText(req.startedOn, 'startedOn'))) {
          reject('startedOn must be yyyy-mm-dd');
        }
      },
    },
  );

  setHandler(
    handOffUpdate,
    (req) => {
      const from = owner;
      owner = req.toOwner;
      log({ kind: 'handoff', actor: req.actor.username, detail: `owner ${from} → ${owner}: ${req.reason}` });
      upsert();
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        requireText(req.toOwner, 'toOwner');
        requireText(req.reason, 'reason');
        if (req.toOwner === owner) reject(`${owner} already owns the case`);
      },
    },
  );

  setHandler(
    closeCaseUpdate,
    (req) => {
      reason = req.reason;
      transition(req.ending, req.actor.username, req.reason);
      return view();
    },
    {
      validator: (req) => {
        requireOpen();
        requireActor(req?.actor);
        if (!(HelpRequestEndings as readonly string[]).includes(req.ending)) {
          reject(`ending must be one of ${HelpRequestEndings.join(', ')}`);
        }
        requireText(req.reason, 'reason');
      },
    },
  );

  upsert();
  log({ kind: 'transition', actor: owner, to: 'registered', detail: `SLA due ${input.sla.deadline}` });

  // The SLA clock: each milestone is a durable timer raced against "placed or ended".
  const { milestones } = input.sla;
  const clock: Array<{ at: string; fire: () => Promise<void> }> = [
    { at: milestones.half, fire: async () => warn('half of the working time used', milestones.half) },
    { at: milestones.threeQuarters, fire: async () => warn('three quarters used', milestones.threeQuarters) },
    { at: milestones.oneWorkingDayLeft, fire: () => escalate() },
    { at: input.sla.deadline, fire: async () => breach() },
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  function warn(detail: string, dueAt: string) {
    log({ kind: 'sla-warning', actor: SYSTEM, dueAt, detail });
  }
  function breach() {
    breached = true;
    log({
      kind: 'sla-breach',
      actor: SYSTEM,
      dueAt: input.sla.deadline,
      detail: 'deadline passed; still open',
    });
    upsert();
  }
  async function escalate() {
    const dueAt = milestones.oneWorkingDayLeft;
    const welfare = input.categories.length > 0;
    const base = {
      actor: { username: owner },
      correlationId: input.caseId,
      caseId: input.caseId,
      personId: input.personRef,
      categories: input.categories,
    };
    try {
      const reservation = welfare
        ? await employers.reserveWelfareSlot({ ...base, poolId: input.escalation.welfarePoolId })
        : await employers.reserveAssistanceBaseCapacity({
            ...base,
            baseId: input.escalation.assistanceBaseId,
            period: new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7), // Shanghai yyyy-mm
          });
      escalation = { kind: reservation.kind, reservationId: reservation.reservationId };
      log({
        kind: 'escalation',
        actor: SYSTEM,
        dueAt,
        detail: `${reservation.kind} ${reservation.reservationId}`,
      });
    } catch (err) {
      // Recorded; the operator keeps working the case by hand.
      log({ kind: 'escalation-failed', actor: SYSTEM, dueAt, detail: failureMessage(err) });
    }
    if (WORKING_STATES.includes(state) && !placed()) transition('escalated', SYSTEM);
  }

  for (const step of clock) {
    const wait = Date.parse(step.at) - Date.now();
    if (wait > 0 && (await condition(() => placed() || ended(), wait))) break;
    if (placed() || ended()) break;
    await step.fire();
  }
  await condition(() => placed() || ended());

  if (!ended()) {
    // Callback after the start was confirmed; the intake passes the delay (1 working day, from libs/calendar).
    const callbackAt = Date.now() + input.callbackAfterMs;
    if (!(await condition(ended, Math.max(callbackAt - Date.now(), 1)))) {
      log({ kind: 'callback-due', actor: SYSTEM, dueAt: new Date(callbackAt).toISOString() });
      transition('callback', SYSTEM);
      transition('following-up', SYSTEM);
      const child = await startChild(helpRequestFollowUps, {
        workflowId: `${workflowInfo().workflowId}-follow-ups`,
        args: [{ caseId: input.caseId, startedOn, months: input.followUpMonths ?? [1, 3, 6] }],
      });
      let followUps: FollowUpsResult | null = null;
      const done = child.result().then((r) => (followUps = r));
      await Promise.race([done, condition(ended)]);
      if (followUps && !ended()) {
        for (const dueAt of (followUps as FollowUpsResult).dueAt)
          log({ kind: 'follow-up', actor: SYSTEM, dueAt });
        reason = 'follow-ups done';
        transition('closed', SYSTEM, reason);
      }
    }
  }
  // Let in-flight update handlers finish before the run completes.
  await condition(allHandlersFinished);
  return { caseId: input.caseId, state, reason };
}
