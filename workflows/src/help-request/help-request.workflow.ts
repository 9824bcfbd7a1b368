import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey } from '@temporalio/common';
import {
  CaseEventTypes,
  HelpRequestEndings,
  HelpRequestErrors,
  promiseOf,
  SearchAttributes,
  TaskQueues,
} from '@platform/contracts';
import type {
  CaseEscalation,
  CasePerson,
  CasePolicy,
  CaseReferral,
  CaseSla,
  CaseSnapshot,
  ConfirmStartRequest,
  EscalateNowRequest,
  EmployersActivities,
  HelpRequestActor,
  HelpRequestInput,
  HelpRequestResult,
  HelpRequestState,
  HelpRequestView,
  HotlineActivities,
  JobsActivities,
  PeopleActivities,
  RecordServiceInput,
  RegistrationFailure,
  TimelineEntry,
  TimelineFacts,
} from '@platform/contracts';
import {
  calendarChangedSignal,
  closeCaseUpdate,
  confirmStartUpdate,
  escalateNowUpdate,
  handOffUpdate,
  matchProfileQuery,
  proposeReferralUpdate,
  recordCallbackUpdate,
  recordContactUpdate,
  recordFollowUpUpdate,
  recordPersonAnswerUpdate,
  referralChangedSignal,
  stateQuery,
  timelineQuery,
} from './messages';
import { isLive, movesForward } from './referral-progress';

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai: fixed UTC+08:00, no DST since 1991
const SYSTEM = 'system';
/** The timeline travels into the next run when help is reopened; older entries stay in the case events. */
const TIMELINE_CARRY_LIMIT = 300;
/** States in which matching may still happen (an operator may propose referrals). */
const WORKING_STATES: readonly HelpRequestState[] = ['registered', 'matching', 'escalated'];
const ENDINGS: readonly string[] = [...HelpRequestEndings, 'closed'];

const SA = {
  status: defineSearchAttributeKey(SearchAttributes.caseStatus, 'KEYWORD'),
  deadline: defineSearchAttributeKey(SearchAttributes.slaDeadline, 'DATETIME'),
  breached: defineSearchAttributeKey(SearchAttributes.slaBreached, 'BOOL'),
  district: defineSearchAttributeKey(SearchAttributes.districtCode, 'KEYWORD'),
  street: defineSearchAttributeKey(SearchAttributes.streetCode, 'KEYWORD'),
  community: defineSearchAttributeKey(SearchAttributes.communityCode, 'KEYWORD'),
  owner: defineSearchAttributeKey(SearchAttributes.caseOwner, 'KEYWORD'),
};

function reject(message: string, type: string = HelpRequestErrors.invalid): never {
  throw ApplicationFailure.create({ message, type, nonRetryable: true });
}

/** A refusal worded in both languages (`english / 中文`); details carry the two apart for the hotline. */
function rejectBilingual(en: string, zh: string, type: string): never {
  throw ApplicationFailure.create({
    message: `${en} / ${zh}`,
    type,
    nonRetryable: true,
    details: [{ en, zh }],
  });
}

function escalationFacts(escalation: CaseEscalation): TimelineFacts {
  return {
    escalationKind: escalation.kind,
    reservationId: escalation.reservationId,
    targetId: escalation.targetId,
  };
}

function sameMilestones(a: CaseSla, b: CaseSla): boolean {
  return (
    a.milestones.half === b.milestones.half &&
    a.milestones.threeQuarters === b.milestones.threeQuarters &&
    a.milestones.oneWorkingDayLeft === b.milestones.oneWorkingDayLeft
  );
}

/** Who answered, as the jobs service reports it: employer_* from the employer, person_* from the person. */
function answerFactsOf(status: CaseReferral['status']): TimelineFacts {
  const [side, answer] = status.split('_') as [string, string | undefined];
  if ((side === 'employer' || side === 'person') && (answer === 'accepted' || answer === 'declined')) {
    return { referralStatus: status, answeredBy: side, answer };
  }
  return { referralStatus: status };
}

/** Why an escalation failed, as the code timeline facts carry. */
function escalationFailureCode(type: string | undefined): string {
  return type === 'NoEscalationCapacity' ? 'no-slot' : 'unavailable';
}

/** An ActivityFailure says only "Activity task failed"; the reason is in its cause. */
function failureOf(err: unknown): { message: string; type: string | undefined } {
  const failure = err as { message?: string; cause?: { message?: string; type?: string } };
  return { message: failure.cause?.message ?? failure.message ?? String(err), type: failure.cause?.type };
}

/**
 * Why a service refused the data for good: its bilingual message and the field errors a `Problem4xx` failure
 * carries in its details (field and rule, never the value: no personal data reaches the timeline).
 */
function refusalOf(err: unknown): RegistrationFailure {
  const { message, type } = failureOf(err);
  const details = (err as { cause?: { details?: unknown[] } }).cause?.details;
  const errors = (Array.isArray(details?.[0]) ? details[0] : []).filter(isFieldError);
  return { type: type ?? null, reason: message, errors };
}

function isFieldError(value: unknown): value is RegistrationFailure['errors'][number] {
  const error = value as RegistrationFailure['errors'][number] | null;
  return (
    typeof error?.field === 'string' &&
    typeof error.rule === 'string' &&
    typeof error.message?.zh === 'string' &&
    typeof error.message?.en === 'string'
  );
}

function requireActor(actor: HelpRequestActor | undefined): HelpRequestActor {
  if (!actor || typeof actor.username !== 'string' || actor.username.trim() === '') {
    reject('actor.username is required');
  }
  return actor;
}

/** A real calendar date written yyyy-mm-dd (2025-02-30 is not). */
function isRealDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') reject(`${field} is required`);
  return value;
}

function activityProxies(input: HelpRequestInput) {
  const queues = input.options.taskQueues ?? TaskQueues;
  // Background steps retry until the service is back (nothing acknowledged is lost); steps an operator waits
  // for give up after a few tries so the update answers with the reason.
  const patient = { startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } } as const;
  const prompt = { startToCloseTimeout: '20 seconds', retry: { maximumAttempts: 3 } } as const;
  return {
    hotline: proxyActivities<HotlineActivities>({ taskQueue: queues.hotlineActivities, ...patient }),
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

/**
 * One help request (workflow ID = case ID), from intake to the last follow-up. An explicit state machine driven
 * by validated updates (operators) and signals (Kafka facts), with the 2-working-day SLA clock as durable timers
 * raced against them. A follow-up that finds the person out of work reopens help by continue-as-new, so each
 * cycle's history stays bounded. See docs/domain.md and docs/case-workflow.md.
 */
export async function helpRequest(input: HelpRequestInput): Promise<HelpRequestResult> {
  const act = activityProxies(input);
  const carry = input.carry;
  const cycle = carry?.cycle ?? 1;
  const clockStart = carry?.reopenedAt ?? input.openedAt;

  let state: HelpRequestState = 'intake'; // until the clock is set (and the person registered)
  let owner = carry?.owner ?? input.openedBy.username;
  let person: CasePerson | null = carry?.person ?? null;
  let policy: CasePolicy | null = null;
  let sla: CaseSla | null = null;
  let reason: string | null = null;
  let breached = false;
  let promiseWaived = false;
  let unjustifiedRefusals = carry?.unjustifiedRefusals ?? 0;
  let placedAt: string | null = null;
  let startedOn: string | null = null;
  let latePlacement = false;
  let escalation: CaseEscalation | null = null;
  /** Escalation is attempted once per cycle: by the milestone, or earlier by a supervisor (`escalateNow`). */
  let escalationTried = false;
  let escalating = false;
  let registrationFailure: RegistrationFailure | null = null;
  let callback: HelpRequestView['callback'] = null;
  const followUps: HelpRequestView['followUps'] = [];
  let reopenRequested = false;
  let placedViaEscalation = false;
  let placing = false;
  let callbacks = 0;
  let followUpCalls = 0;
  let calendarChange: string | null = null;
  let eventSeq = carry?.eventSeq ?? 0;
  let contacts = 0;
  const referrals = new Map<string, CaseReferral>();
  const appliedEvents = new Set<string>();
  const timeline: TimelineEntry[] = carry ? [...carry.timeline] : [];

  // 不挑不选: the 2-working-day promise is made only to a caller who accepts any suitable job; for the others
  // the case is worked without escalation or breach. Cases opened before this rule keep their clock (replay).
  const promiseApplies = input.intake.acceptsAnyJob !== false || !patched('promise-needs-any-job');

  const now = () => new Date().toISOString(); // workflow time: deterministic
  const shanghaiToday = () => new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  /** Every entry carries its facts (references and codes) so the hotline can write it as a sentence. */
  const log = (entry: Omit<TimelineEntry, 'at' | 'facts'> & { facts: TimelineFacts }) =>
    timeline.push({ at: now(), ...entry });
  const ended = () => ENDINGS.includes(state);
  const placed = () => placedAt !== null;
  const promise = () =>
    promiseOf({ applies: promiseApplies, waived: promiseWaived, placed: placed(), latePlacement, breached });

  const upsert = () => {
    // Only non-personal values; skipped explicitly where the server lacks the attributes (test server).
    if (!input.options.upsertSearchAttributes) return;
    upsertSearchAttributes([
      { key: SA.status, value: state },
      ...(sla ? [{ key: SA.deadline, value: new Date(sla.deadline) }] : []),
      { key: SA.breached, value: breached },
      { key: SA.district, value: input.districtCode },
      { key: SA.street, value: input.streetCode },
      { key: SA.community, value: input.communityCode },
      { key: SA.owner, value: owner },
    ]);
  };

  const snapshot = (): CaseSnapshot => ({
    caseId: input.caseId,
    cycle,
    seq: ++eventSeq,
    state,
    owner,
    personId: person?.personId ?? null,
    districtCode: input.districtCode,
    streetCode: input.streetCode,
    communityCode: input.communityCode,
    openedAt: input.openedAt,
    slaStartedAt: sla?.startedAt ?? null,
    deadline: sla?.deadline ?? null,
    dueDate: sla?.dueDate ?? null,
    provisional: sla?.provisional ?? false,
    breached,
    promiseWaived,
    promise: promise(),
    placedAt,
    latePlacement,
    escalationKind: escalation?.kind ?? null,
    callbackDueAt: callback?.dueAt ?? null,
    callbackDoneAt: callback?.doneAt ?? null,
    satisfaction: callback?.satisfaction ?? null,
    nextFollowUpAt: followUps.find((f) => f.doneAt === null)?.dueAt ?? null,
    // Events carry the ending, never the operator's free-text reason (it may name people).
    reason: ended() ? state : null,
  });
  /** Case events feed the supervisors' board; the sequence makes them safe to apply out of order. */
  const publish = (type: string, actor: string, detail?: string) =>
    act.hotline.publishCaseEvent({ type, actor, detail, snapshot: snapshot() });

  const transition = (
    to: HelpRequestState,
    actor: string,
    detail?: string,
    facts: TimelineFacts = {},
    note?: string,
  ) => {
    if (to === state) return;
    log({
      kind: 'transition',
      actor,
      from: state,
      to,
      ...(detail ? { detail } : {}),
      facts,
      ...(note ? { note } : {}),
    });
    state = to;
    upsert();
  };

  const view = (): HelpRequestView => ({
    caseId: input.caseId,
    cycle,
    state,
    owner,
    personId: person?.personId ?? null,
    categories: person?.categories ?? [],
    referrals: [...referrals.values()].map((r) => ({ ...r })),
    unjustifiedRefusals,
    promiseWaived,
    promise: promise(),
    reason,
    escalation,
    registrationFailure,
    sla: sla ? { ...sla, breached, placedAt, latePlacement } : null,
    callback: callback ? { ...callback } : null,
    followUps: followUps.map((f) => ({ ...f })),
  });

  const serviceRecord = (
    actor: HelpRequestActor,
    kind: RecordServiceInput['kind'],
    requestKey: string,
    outcome: string,
    channel: RecordServiceInput['channel'] = 'phone',
  ) =>
    act.people.recordService({
      actor,
      personId: person!.personId,
      kind,
      channel,
      occurredAt: now(),
      outcome,
      requestId: `${input.caseId}:${cycle}:${requestKey}`,
    });

  /** Runs a step an operator is waiting for; a failed activity becomes a clear update failure. */
  async function operatorStep<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const failure = failureOf(err);
      // A refusal by the service (bad state, closed vacancy) is a conflict; retries used up mean it is down.
      const refused = (err as { cause?: { nonRetryable?: boolean } }).cause?.nonRetryable === true;
      return reject(failure.message, refused ? HelpRequestErrors.conflict : HelpRequestErrors.unavailable);
    }
  }

  const referralFor = (referralId: unknown): CaseReferral => {
    const referral = referrals.get(requireText(referralId, 'referralId'));
    if (!referral) reject(`unknown referral ${String(referralId)}`, HelpRequestErrors.unknownReferral);
    return referral;
  };
  const requireOpen = () => {
    if (ended()) reject(`case is ${state}`, HelpRequestErrors.ended);
  };
  const requireWorking = (what: string) => {
    requireOpen();
    if (!WORKING_STATES.includes(state)) reject(`cannot ${what} while ${state}`, HelpRequestErrors.conflict);
  };

  async function markPlaced(actor: string, day: string, detail: string, where: TimelineFacts) {
    if (placed() || ended()) return;
    placedAt = now();
    startedOn = day;
    // The promise is judged against the deadline in force when the start is recorded.
    latePlacement = sla !== null && promiseApplies && !promiseWaived && Date.now() > Date.parse(sla.deadline);
    log({
      kind: 'referral',
      actor,
      detail: `${detail} started on ${day}${latePlacement ? ' (late)' : ''}`,
      facts: { ...where, startedOn: day, late: latePlacement },
    });
    transition('placed', actor, latePlacement ? 'late placement' : 'placed', {
      startedOn: day,
      late: latePlacement,
    });
    await publish(CaseEventTypes.placed, actor, latePlacement ? 'late' : 'within SLA');
  }

  function applyReferralStatus(
    referral: CaseReferral,
    status: CaseReferral['status'],
    reasonText: string | null,
  ) {
    if (!movesForward(referral.status, status)) return false;
    referral.status = status;
    referral.reason = reasonText ?? referral.reason;
    return true;
  }

  // ---- queries ----
  setHandler(stateQuery, view);
  setHandler(timelineQuery, () => timeline.map((e) => ({ ...e })));
  // A query records nothing in the history: adding it leaves existing histories replayable.
  setHandler(matchProfileQuery, () => ({
    registered: person !== null,
    skills: [...input.intake.skills],
    location: input.intake.location ? { ...input.intake.location } : null,
    constraints: { ...input.intake.constraints },
    acceptsAnyJob: input.intake.acceptsAnyJob,
    categories: [...(person?.categories ?? [])],
  }));

  // ---- signals (facts from Kafka) ----
  setHandler(referralChangedSignal, async (event) => {
    // Redelivered events carry the same id; late ones do not move a referral backwards.
    if (appliedEvents.has(event.eventId) || ended()) return;
    appliedEvents.add(event.eventId);
    let referral = referrals.get(event.referralId);
    if (!referral) {
      // Proposed outside this workflow (e.g. by staff in the jobs API) for this case: adopt it.
      referral = {
        referralId: event.referralId,
        vacancyId: event.vacancyId,
        status: 'proposed',
        reason: null,
        unjustifiedRefusal: false,
      };
      referrals.set(referral.referralId, referral);
      if (state === 'registered') transition('matching', event.actor);
    }
    if (!applyReferralStatus(referral, event.status, event.reason)) return;
    log({
      kind: 'answer',
      actor: event.actor,
      detail: `${event.referralId} ${event.status}${event.reason ? `: ${event.reason}` : ''}`,
      facts: {
        referralId: referral.referralId,
        vacancyId: referral.vacancyId,
        ...answerFactsOf(event.status),
      },
      ...(event.reason ? { note: event.reason } : {}),
    });
    if (event.status === 'started' && !placed()) {
      const day = isRealDay(event.occurredOn) ? event.occurredOn! : shanghaiToday();
      await markPlaced(event.actor, day, `referral ${event.referralId}`, {
        referralId: referral.referralId,
        vacancyId: referral.vacancyId,
      });
    } else {
      await publish(CaseEventTypes.referralChanged, event.actor, `${event.referralId} ${event.status}`);
    }
  });

  setHandler(calendarChangedSignal, (change) => {
    // Recomputed by the clock loop (it owns the timers); after a placement the SLA is settled.
    if (!placed() && !ended()) calendarChange = change.calendarVersion;
  });

  // ---- updates (operators) ----
  setHandler(
    proposeReferralUpdate,
    async (req) => {
      const summary = await operatorStep(() =>
        act.jobsNow.proposeReferral({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          caseId: input.caseId,
          caseCommunityCode: input.communityCode,
          vacancyId: req.vacancyId,
          candidate: {
            personId: person!.personId,
            name: person!.name,
            maskedPhone: person!.phoneMasked,
            skills: input.intake.skills,
            experienceSummary: input.intake.wants,
          },
        }),
      );
      if (ended()) return view(); // closed while jobs answered: the referral expires there unanswered
      // The jobs event may have adopted it already; this update still made the proposal, so it is recorded.
      if (!referrals.has(summary.referralId)) {
        referrals.set(summary.referralId, {
          referralId: summary.referralId,
          vacancyId: summary.vacancyId,
          status: summary.status as CaseReferral['status'],
          reason: null,
          unjustifiedRefusal: false,
        });
      }
      log({
        kind: 'referral',
        actor: req.actor.username,
        detail: `proposed ${summary.referralId}`,
        facts: { referralId: summary.referralId, vacancyId: summary.vacancyId, referralStatus: 'proposed' },
      });
      if (state === 'registered') transition('matching', req.actor.username);
      await serviceRecord(req.actor, 'job-referral', `referral:${summary.referralId}`, 'job proposed');
      await publish(CaseEventTypes.referralProposed, req.actor.username, summary.referralId);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireWorking('propose a referral');
        requireText(req.vacancyId, 'vacancyId');
        if (person === null) reject('the person is not registered yet', HelpRequestErrors.conflict);
        const live = [...referrals.values()].find((r) => r.vacancyId === req.vacancyId && isLive(r.status));
        if (live)
          reject(
            `vacancy ${req.vacancyId} is already proposed (${live.referralId})`,
            HelpRequestErrors.conflict,
          );
      },
    },
  );

  setHandler(
    recordPersonAnswerUpdate,
    async (req) => {
      const referral = referralFor(req.referralId);
      const target = req.answer === 'accepted' ? 'person_accepted' : 'person_declined';
      if (referral.status === target) return view(); // the same answer again
      await operatorStep(() =>
        act.jobsNow.recordPersonAnswer({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          referralId: req.referralId,
          answer: req.answer,
          reason: req.answer === 'declined' ? `${req.reasonCode}: ${req.reason ?? ''}`.trim() : undefined,
        }),
      );
      // A concurrent second copy of the same answer finds it applied and counts nothing.
      if (ended() || !applyReferralStatus(referral, target, req.reason ?? null)) return view();
      let detail = `person ${req.answer} ${req.referralId}`;
      if (req.answer === 'declined') {
        // Refusals without a valid reason count against the refusal policy (data, loaded at intake).
        referral.unjustifiedRefusal = !policy!.refusal.validReasonCodes.includes(req.reasonCode!);
        detail += ` (${req.reasonCode}${referral.unjustifiedRefusal ? ', not a valid reason' : ''})`;
        if (referral.unjustifiedRefusal) unjustifiedRefusals += 1;
      }
      log({
        kind: 'answer',
        actor: req.actor.username,
        detail,
        facts: {
          referralId: referral.referralId,
          vacancyId: referral.vacancyId,
          referralStatus: target,
          answeredBy: 'person',
          answer: req.answer,
          ...(req.answer === 'declined'
            ? { reasonCode: req.reasonCode, unjustified: referral.unjustifiedRefusal }
            : {}),
        },
        ...(req.reason ? { note: req.reason } : {}),
      });
      await serviceRecord(req.actor, 'job-referral', `answer:${req.referralId}`, detail);
      await publish(CaseEventTypes.personAnswered, req.actor.username, detail);
      if (!promiseWaived && unjustifiedRefusals >= policy!.refusal.maxUnjustifiedRefusals) {
        promiseWaived = true;
        log({
          kind: 'promise-waived',
          actor: SYSTEM,
          detail: `${unjustifiedRefusals} refusals without a valid reason (policy ${policy!.refusal.version})`,
          facts: { unjustifiedRefusals, policyVersion: policy!.refusal.version },
        });
        await publish(CaseEventTypes.promiseWaived, SYSTEM);
      }
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireWorking('record an answer');
        const referral = referralFor(req.referralId);
        if (req.answer !== 'accepted' && req.answer !== 'declined')
          reject('answer must be accepted|declined');
        if (req.answer === 'declined') requireText(req.reasonCode, 'reasonCode');
        const target = req.answer === 'accepted' ? 'person_accepted' : 'person_declined';
        if (referral.status !== target && referral.status !== 'employer_accepted') {
          reject(
            `referral ${req.referralId} is ${referral.status}; the employer must accept first`,
            HelpRequestErrors.conflict,
          );
        }
      },
    },
  );

  setHandler(
    confirmStartUpdate,
    async (req) => {
      // One start at a time, and no close while it is being confirmed with jobs or employers.
      placing = true;
      try {
        await confirmStart(req);
      } finally {
        placing = false;
      }
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireWorking('confirm a start');
        if (placing) reject('a start is being confirmed already', HelpRequestErrors.conflict);
        if (!isRealDay(requireText(req.startedOn, 'startedOn')))
          reject('startedOn must be a date, yyyy-mm-dd');
        if (req.viaEscalation) {
          if (!escalation) reject('the case has no escalation reservation', HelpRequestErrors.conflict);
          return;
        }
        const referral = referralFor(req.referralId);
        if (referral.status !== 'person_accepted') {
          reject(
            `referral ${req.referralId} is ${referral.status}; both sides must accept first`,
            HelpRequestErrors.conflict,
          );
        }
      },
    },
  );

  async function confirmStart(req: ConfirmStartRequest) {
    if (req.viaEscalation) {
      await operatorStep(() =>
        act.employersNow.confirmReservation({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          reservationId: escalation!.reservationId,
        }),
      );
      placedViaEscalation = true;
      await markPlaced(req.actor.username, req.startedOn, `${escalation!.kind} ${escalation!.targetId}`, {
        escalationKind: escalation!.kind,
        reservationId: escalation!.reservationId,
        targetId: escalation!.targetId,
      });
    } else {
      const referral = referralFor(req.referralId);
      await operatorStep(() =>
        act.jobsNow.confirmStart({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          referralId: referral.referralId,
          startedOn: req.startedOn,
        }),
      );
      applyReferralStatus(referral, 'started', null);
      await markPlaced(req.actor.username, req.startedOn, `referral ${referral.referralId}`, {
        referralId: referral.referralId,
        vacancyId: referral.vacancyId,
      });
    }
  }

  setHandler(
    recordContactUpdate,
    async (req) => {
      const n = ++contacts;
      const detail = `${req.channel}, ${req.reached ? 'reached' : 'not reached'}: ${req.note}`;
      log({
        kind: 'contact',
        actor: req.actor.username,
        detail,
        facts: { channel: req.channel, reached: req.reached },
        note: req.note,
      });
      if (person) await serviceRecord(req.actor, 'visit', `contact:${n}`, detail, req.channel);
      await publish(CaseEventTypes.contactRecorded, req.actor.username);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpen();
        if (!['phone', 'in-person', 'online', 'sms', 'home-visit'].includes(req.channel)) {
          reject('channel must be phone|in-person|online|sms|home-visit');
        }
        if (typeof req.reached !== 'boolean') reject('reached must be true or false');
        requireText(req.note, 'note');
      },
    },
  );

  setHandler(
    recordCallbackUpdate,
    async (req) => {
      const detail = req.reached
        ? `reached; ${req.working ? 'working' : 'not working'}; satisfaction ${req.satisfaction}: ${req.note}`
        : `not reached: ${req.note}`;
      const n = ++callbacks;
      await operatorStep(() => serviceRecord(req.actor, 'callback', `callback:${n}`, detail));
      log({
        kind: 'callback',
        actor: req.actor.username,
        detail,
        facts: req.reached
          ? { reached: true, working: req.working, satisfaction: req.satisfaction }
          : { reached: false },
        note: req.note,
      });
      if (req.reached) {
        callback = { dueAt: callback?.dueAt ?? now(), doneAt: now(), satisfaction: req.satisfaction ?? null };
        if (req.working === false) reopenRequested = true;
      }
      await publish(CaseEventTypes.callbackRecorded, req.actor.username);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpen();
        if (state !== 'placed' && state !== 'callback') {
          reject(`a callback follows a placement; the case is ${state}`, HelpRequestErrors.conflict);
        }
        if (typeof req.reached !== 'boolean') reject('reached must be true or false');
        if (req.reached) {
          if (typeof req.working !== 'boolean') reject('working must be true or false when reached');
          const s = req.satisfaction;
          if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > 5) {
            reject('satisfaction must be an integer 1-5 when reached');
          }
        }
        requireText(req.note, 'note');
      },
    },
  );

  setHandler(
    recordFollowUpUpdate,
    async (req) => {
      const index = followUps.findIndex((f) => f.doneAt === null && Date.parse(f.dueAt) <= Date.now());
      const n = ++followUpCalls;
      const detail = req.reached
        ? `${req.stillEmployed ? 'still employed' : 'out of work'}: ${req.note}`
        : `not reached: ${req.note}`;
      await operatorStep(() => serviceRecord(req.actor, 'follow-up', `follow-up:${index}:${n}`, detail));
      log({
        kind: 'follow-up',
        actor: req.actor.username,
        detail,
        facts: req.reached ? { reached: true, stillEmployed: req.stillEmployed } : { reached: false },
        note: req.note,
      });
      if (req.reached) {
        followUps[index] = { ...followUps[index], doneAt: now(), stillEmployed: req.stillEmployed };
        if (!req.stillEmployed) reopenRequested = true;
      }
      await publish(CaseEventTypes.followUpRecorded, req.actor.username);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpen();
        if (state !== 'following-up')
          reject(`no follow-up is due while ${state}`, HelpRequestErrors.conflict);
        if (!followUps.some((f) => f.doneAt === null && Date.parse(f.dueAt) <= Date.now())) {
          reject('no follow-up is due yet', HelpRequestErrors.conflict);
        }
        if (typeof req.reached !== 'boolean') reject('reached must be true or false');
        if (req.reached && typeof req.stillEmployed !== 'boolean')
          reject('stillEmployed must be true or false');
        requireText(req.note, 'note');
      },
    },
  );

  setHandler(
    handOffUpdate,
    async (req) => {
      const from = owner;
      owner = req.toOwner;
      log({
        kind: 'handoff',
        actor: req.actor.username,
        detail: `owner ${from} → ${owner}: ${req.reason}`,
        facts: { fromOwner: from, toOwner: owner },
        note: req.reason,
      });
      upsert();
      await publish(CaseEventTypes.handedOff, req.actor.username, `${from} → ${owner}`);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpen();
        requireText(req.toOwner, 'toOwner');
        requireText(req.reason, 'reason');
        if (req.toOwner === owner) reject(`${owner} already owns the case`, HelpRequestErrors.conflict);
      },
    },
  );

  setHandler(
    escalateNowUpdate,
    async (req) => {
      // New command in an update handler: only cases that got the update record it (patch `escalate-now`).
      patched('escalate-now');
      const failure = await escalate({ actor: req.actor.username, note: req.reason });
      if (failure === 'no-slot') {
        rejectBilingual(
          'nothing to escalate to: no public-welfare slot or assistance-base place is free',
          '无法升级：没有空余的公益性岗位或援助基地名额',
          HelpRequestErrors.conflict,
        );
      } else if (failure) {
        rejectBilingual(
          'the escalation could not be made now (the employers service did not answer); it is recorded',
          '暂时无法升级（用人单位服务未响应），已记录',
          HelpRequestErrors.unavailable,
        );
      }
      return view();
    },
    { validator: (req) => validateEscalateNow(req) },
  );

  /** Escalation is possible while the promise runs: registered, not escalated yet, not placed, not closed. */
  function validateEscalateNow(req: EscalateNowRequest) {
    requireActor(req?.actor);
    requireText(req.reason, 'reason');
    const no = (en: string, zh: string) =>
      rejectBilingual(`cannot escalate: ${en}`, `无法升级：${zh}`, HelpRequestErrors.conflict);
    if (ended()) {
      rejectBilingual(
        `cannot escalate: the case is ${state}`,
        '无法升级：案件已结束',
        HelpRequestErrors.ended,
      );
    }
    if (placed() || placing) no('the person has started work', '求职者已上岗');
    if (escalation || state === 'escalated') no('the case is already escalated', '案件已升级');
    if (escalating) no('an escalation is being made', '正在升级中');
    if (!promiseApplies)
      no('the caller does not accept any job (no promise)', '来电人不接受任意岗位，不适用两日承诺');
    if (promiseWaived) no('the promise is waived after refusals', '因多次无正当理由拒绝，承诺已失效');
    if (person === null || !WORKING_STATES.includes(state))
      no('the person is not registered yet', '求职者尚未登记');
    if ([...referrals.values()].some((r) => r.status === 'person_accepted')) {
      no('both sides accepted a referral; confirm the start instead', '双方已接受推荐，请确认上岗');
    }
  }

  setHandler(
    closeCaseUpdate,
    async (req) => {
      reason = req.reason;
      transition(req.ending, req.actor.username, req.reason, { ending: req.ending }, req.reason);
      await releaseUnusedEscalation(req.actor.username);
      await publish(CaseEventTypes.closed, req.actor.username, req.ending);
      return view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        requireOpen();
        if (placing) reject('a start is being confirmed; close after it', HelpRequestErrors.conflict);
        if (!(HelpRequestEndings as readonly string[]).includes(req.ending)) {
          reject(`ending must be one of ${HelpRequestEndings.join(', ')}`);
        }
        requireText(req.reason, 'reason');
      },
    },
  );

  /** A held escalation that was not used (market placement, or the case ended) goes back to the pool/base. */
  async function releaseUnusedEscalation(actor: string) {
    if (!escalation || placedViaEscalation) return;
    try {
      await act.employers.releaseReservation({
        actor: { username: actor },
        correlationId: input.caseId,
        reservationId: escalation.reservationId,
      });
      log({
        kind: 'escalation',
        actor,
        detail: `released ${escalation.kind} ${escalation.reservationId}`,
        facts: { ...escalationFacts(escalation), reservation: 'released' },
      });
    } catch (err) {
      log({
        kind: 'escalation-failed',
        actor,
        detail: `release: ${failureOf(err).message}`,
        facts: { ...escalationFacts(escalation), failure: 'release-failed' },
      });
    }
  }

  // ---- intake: policy and SLA (hotline) and registration (people) in parallel, one round trip each ----
  upsert();
  const registration = person
    ? null
    : act.people
        .registerForCase({
          actor: input.openedBy,
          correlationId: input.caseId,
          caseId: input.caseId,
          occurredAt: input.openedAt,
          person: input.intake.person,
        })
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
  const prepared = await act.hotline.prepareCase({ caseId: input.caseId, startedAt: clockStart });
  policy = prepared.policy;
  sla = prepared.sla;
  upsert();
  log({
    kind: carry ? 'reopened' : 'transition',
    actor: owner,
    detail:
      `SLA due ${sla.deadline} (calendar ${sla.calendarVersion}${sla.provisional ? ', provisional' : ''})` +
      (promiseApplies ? '' : '; no promise: the caller does not accept any job'),
    facts: {
      deadline: sla.deadline,
      calendarVersion: sla.calendarVersion,
      provisional: sla.provisional,
      promise: promise(),
      ...(carry ? { cycle } : {}),
    },
  });

  async function finishRegistration(pending: NonNullable<typeof registration>) {
    const outcome = await pending;
    if ('result' in outcome) {
      const { person: registered, categories } = outcome.result;
      person = {
        personId: registered.personId,
        categories,
        name: registered.name,
        phoneMasked: registered.phoneMasked,
      };
      log({
        kind: 'registration',
        actor: owner,
        detail: `person ${person.personId}`,
        facts: { personId: person.personId },
      });
      if (state === 'intake') transition('registered', owner);
      await publish(CaseEventTypes.registered, owner);
    } else {
      // Only non-retryable failures get here (bad data the API did not catch): the attempt ends, the case
      // stays in intake with the reason in its view and timeline, and the operator decides (close, reopen).
      registrationFailure = refusalOf(outcome.error);
      const fields = registrationFailure.errors.map((e) => `${e.message.en} / ${e.message.zh}`).join('; ');
      log({
        kind: 'registration',
        actor: SYSTEM,
        detail: `registration failed: ${registrationFailure.reason}${fields ? ` (${fields})` : ''}`,
        facts: { failure: 'registration-refused' },
      });
      await publish(CaseEventTypes.registrationFailed, SYSTEM, registrationFailure.type ?? undefined);
    }
    registrationDone = true;
  }
  let registrationDone = false;
  let registering: Promise<void> | null = null;
  if (!registration) {
    transition('registered', owner, `help reopened (cycle ${cycle})`, { cycle });
    await publish(CaseEventTypes.reopened, owner);
  } else if (patched('clock-runs-during-registration')) {
    // The clock runs while people registers the person: an outage there must not hold back the breach.
    registering = finishRegistration(registration);
  } else {
    await finishRegistration(registration);
  }

  // ---- the SLA clock: milestones as durable timers raced against "placed, ended, waived or recomputed" ----
  const fired = new Set<string>();
  const clockStopped = () => placed() || ended() || promiseWaived || !promiseApplies;
  while (!placed() && !ended()) {
    if (calendarChange !== null) {
      const version = calendarChange;
      calendarChange = null;
      const previous = sla!;
      sla = await act.hotline.computeCaseSla({
        caseId: input.caseId,
        startedAt: clockStart,
        workingDays: policy.promiseWorkingDays,
      });
      // A recomputation that moves nothing is not news (patch `quiet-unchanged-sla`: older cases also
      // recorded a new calendar version with the same deadline).
      const moved = sla.deadline !== previous.deadline || !sameMilestones(sla, previous);
      if (moved || (sla.calendarVersion !== previous.calendarVersion && !patched('quiet-unchanged-sla'))) {
        log({
          kind: 'sla-recomputed',
          actor: SYSTEM,
          detail: `calendar ${version}: due ${previous.deadline} → ${sla.deadline}`,
          facts: {
            previousDeadline: previous.deadline,
            deadline: sla.deadline,
            calendarVersion: sla.calendarVersion,
          },
        });
        upsert();
        await publish(CaseEventTypes.slaRecomputed, SYSTEM, version);
      }
      continue;
    }
    const next = milestonesOf(sla).find((m) => !fired.has(m.name));
    const wake = () => clockStopped() || calendarChange !== null;
    if (!next || clockStopped()) {
      await condition(() => placed() || ended() || calendarChange !== null);
      continue;
    }
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0 && (await condition(wake, wait))) continue;
    fired.add(next.name);
    await fire(next.name, next.at);
  }

  /** A timer length that is never zero (a zero timeout would mean "no timeout"). */
  function untilInstant(iso: string): number {
    return Math.max(Date.parse(iso) - Date.now(), 1);
  }

  function milestonesOf(current: CaseSla) {
    return [
      { name: 'half', at: current.milestones.half },
      { name: 'threeQuarters', at: current.milestones.threeQuarters },
      { name: 'oneWorkingDayLeft', at: current.milestones.oneWorkingDayLeft },
      { name: 'deadline', at: current.deadline },
    ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async function fire(name: string, dueAt: string) {
    if (name === 'half' || name === 'threeQuarters') {
      const detail = name === 'half' ? 'half of the working time used' : 'three quarters used';
      log({
        kind: 'sla-warning',
        actor: SYSTEM,
        dueAt,
        detail,
        facts: { milestone: name, deadline: sla!.deadline },
      });
      await publish(CaseEventTypes.slaWarning, SYSTEM, name);
    } else if (name === 'oneWorkingDayLeft') {
      // Not again when a supervisor already escalated (or tried to) this cycle.
      if (!escalationTried) await escalate({ actor: SYSTEM, dueAt });
    } else {
      breached = true;
      log({
        kind: 'sla-breach',
        actor: SYSTEM,
        dueAt,
        detail: 'deadline passed; still open',
        facts: { deadline: sla!.deadline },
      });
      upsert();
      await publish(CaseEventTypes.slaBreached, SYSTEM);
    }
  }

  /**
   * Reserves a public-welfare slot or assistance-base place: at the milestone (`dueAt`, by the system), or when a
   * supervisor escalates now (`note`: their reason). Answers the failure code when nothing was reserved.
   */
  async function escalate(trigger: { actor: string; dueAt?: string; note?: string }): Promise<string | null> {
    const { actor, dueAt, note } = trigger;
    const at = {
      ...(dueAt ? { dueAt } : {}),
      ...(note ? { note } : {}),
    };
    const milestone: TimelineFacts = dueAt ? { milestone: 'oneWorkingDayLeft' } : {};
    // An accepted placement (both sides said yes, start pending) needs no escalation.
    if ([...referrals.values()].some((r) => r.status === 'person_accepted') || escalation) return null;
    escalationTried = true;
    if (!person && registering) {
      // Still registering (a call keyed in late reaches its past milestones at once): wait a little for the
      // person, never long enough to hold back the breach.
      await condition(() => registrationDone, '10 minutes');
    }
    if (!person) {
      log({
        kind: 'escalation-failed',
        actor,
        ...at,
        detail: 'the person is not registered',
        facts: { ...milestone, failure: 'not-registered' },
      });
      return 'not-registered';
    }
    escalating = true;
    try {
      const reserve = patched('escalation-gives-up') ? act.escalationBounded : act.escalation;
      const reservation = await reserve.reserveForEscalation({
        actor: { username: actor === SYSTEM ? owner : actor },
        correlationId: input.caseId,
        caseId: input.caseId,
        personId: person.personId,
        categories: person.categories,
        districtCode: input.districtCode,
        // The hold's area: its operators see it (an activity argument, not a command: replay unaffected).
        caseCommunityCode: input.communityCode,
        period: shanghaiToday().slice(0, 7),
      });
      escalation = {
        kind: reservation.kind,
        reservationId: reservation.reservationId,
        targetId: reservation.targetId,
      };
      log({
        kind: 'escalation',
        actor,
        ...at,
        detail: `${reservation.kind} ${reservation.targetId}`,
        facts: { ...milestone, ...escalationFacts(escalation), reservation: 'held' },
      });
      if (ended() || placed()) {
        // Closed or placed while the reservation was being made: give it back at once.
        await releaseUnusedEscalation(SYSTEM);
        return null;
      }
      if (WORKING_STATES.includes(state))
        transition('escalated', actor, undefined, escalationFacts(escalation));
      await publish(CaseEventTypes.escalated, actor, reservation.kind);
      return null;
    } catch (err) {
      // Recorded; the operator keeps working the case by hand and supervisors see it on the board.
      const failure = escalationFailureCode(failureOf(err).type);
      log({
        kind: 'escalation-failed',
        actor,
        ...at,
        detail: failureOf(err).message,
        facts: { ...milestone, failure },
      });
      await publish(CaseEventTypes.escalationFailed, actor, failureOf(err).type);
      return failure;
    } finally {
      escalating = false;
    }
  }

  // Closed while registration was pending: the person's record still completes before the run ends.
  if (registering) await registering;

  // ---- after the placement: callback, then follow-ups ----
  if (!ended()) {
    if (!placedViaEscalation) await releaseUnusedEscalation(SYSTEM);
    const schedule = await act.hotline.schedulePlacement({
      caseId: input.caseId,
      startedOn: startedOn!,
      callbackAfterWorkingDays: policy.callbackAfterWorkingDays,
      followUpMonths: policy.followUpMonths,
    });
    // A callback may already have been recorded before it was due.
    const early = callback as HelpRequestView['callback'];
    callback = {
      dueAt: schedule.callbackAt,
      doneAt: early?.doneAt ?? null,
      satisfaction: early?.satisfaction ?? null,
    };
    // Cases placed before this event existed go on without it (their histories must replay unchanged).
    if (patched('callback-scheduled-event')) await publish(CaseEventTypes.callbackScheduled, SYSTEM);
    const callbackDone = () => (callback !== null && callback.doneAt !== null) || ended();
    if (!(await condition(callbackDone, untilInstant(schedule.callbackAt)))) {
      log({
        kind: 'callback-due',
        actor: SYSTEM,
        dueAt: schedule.callbackAt,
        facts: { startedOn: startedOn! },
      });
      transition('callback', SYSTEM);
      await publish(CaseEventTypes.callbackDue, SYSTEM);
      await condition(callbackDone);
    }
    if (!ended() && !reopenRequested) {
      followUps.push(...schedule.followUpsAt.map((dueAt) => ({ dueAt, doneAt: null, stillEmployed: null })));
      transition('following-up', SYSTEM);
      await publish(CaseEventTypes.followUpsScheduled, SYSTEM);
      const stop = () => ended() || reopenRequested;
      for (let i = 0; i < followUps.length && !stop(); i++) {
        if (await condition(stop, untilInstant(followUps[i].dueAt))) break;
        log({
          kind: 'follow-up-due',
          actor: SYSTEM,
          dueAt: followUps[i].dueAt,
          facts: { startedOn: startedOn! },
        });
        await publish(CaseEventTypes.followUpDue, SYSTEM);
        await condition(() => stop() || followUps[i].doneAt !== null);
      }
      if (!stop()) {
        reason = 'stably employed after the follow-ups';
        transition('closed', SYSTEM, reason);
        await publish(CaseEventTypes.closed, SYSTEM, 'follow-ups done');
      }
    }
  }

  // Let in-flight update handlers finish before the run completes or continues.
  await condition(allHandlersFinished);
  if (reopenRequested && !ended()) {
    log({
      kind: 'reopened',
      actor: SYSTEM,
      detail: `out of work: help reopened with a new clock`,
      facts: { cycle: cycle + 1 },
    });
    return continueAsNew<typeof helpRequest>({
      ...input,
      carry: {
        cycle: cycle + 1,
        reopenedAt: now(),
        person: person!,
        timeline: timeline.slice(-TIMELINE_CARRY_LIMIT),
        owner,
        eventSeq,
        unjustifiedRefusals,
      },
    });
  }
  return { caseId: input.caseId, state, reason };
}
