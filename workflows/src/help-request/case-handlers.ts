/**
 * The messages a case answers: queries (views), signals (facts from Kafka and the hotline) and updates
 * (operators' and supervisors' actions, each validated before anything is written).
 */
import { setHandler } from '@temporalio/workflow';
import { CaseEventTypes, HelpRequestEndings, HelpRequestErrors } from '@platform/contracts';
import type {
  CaseReferral,
  ConfirmStartRequest,
  EscalateNowRequest,
  ReferralChangedSignal,
  TimelineFacts,
} from '@platform/contracts';
import type { CaseContext } from './case-context';
import { matchProfileOf, timelineOf } from './case-state';
import {
  answerFactsOf,
  hasPatch,
  isRealDay,
  reject,
  rejectBilingual,
  requireActor,
  requireText,
  SYSTEM,
  WORKING_STATES,
} from './case-support';
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
  retryRegistrationUpdate,
  referralChangedSignal,
  stateQuery,
  timelineQuery,
} from './messages';
import { retryRegistration } from './intake';
import { isLive, movesForward } from './referral-progress';
import { escalate, releaseUnusedEscalation } from './sla-clock';

export function registerHandlers(ctx: CaseContext): void {
  registerQueries(ctx);
  registerSignals(ctx);
  registerMatchingUpdates(ctx);
  registerAftercareUpdates(ctx);
  registerCaseUpdates(ctx);
}

// A query records nothing in the history: queries may be added freely.
function registerQueries(ctx: CaseContext) {
  setHandler(stateQuery, () => ctx.view());
  setHandler(timelineQuery, () => timelineOf(ctx.s));
  setHandler(matchProfileQuery, () => matchProfileOf(ctx.input, ctx.s));
}

function registerSignals(ctx: CaseContext) {
  const { s } = ctx;
  setHandler(referralChangedSignal, (event) => referralChanged(ctx, event));
  setHandler(calendarChangedSignal, (change) => {
    // Recomputed by the clock loop (it owns the timers); after a placement the SLA is settled.
    if (!ctx.placed() && !ctx.ended()) s.calendarChange = change.calendarVersion;
  });
}

/** The employer's answers and starts, from the jobs service's events. */
async function referralChanged(ctx: CaseContext, event: ReferralChangedSignal) {
  const { s } = ctx;
  // Redelivered events carry the same id; late ones do not move a referral backwards.
  if (s.appliedEvents.has(event.eventId) || ctx.ended()) return;
  s.appliedEvents.add(event.eventId);
  let referral = s.referrals.get(event.referralId);
  if (!referral) {
    // Proposed outside this workflow (e.g. by staff in the jobs API) for this case: adopt it.
    referral = {
      referralId: event.referralId,
      vacancyId: event.vacancyId,
      status: 'proposed',
      reason: null,
      unjustifiedRefusal: false,
    };
    s.referrals.set(referral.referralId, referral);
    if (s.state === 'registered') ctx.transition('matching', event.actor);
  }
  if (!applyReferralStatus(referral, event.status, event.reason)) return;
  ctx.log({
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
  if (event.status === 'started' && !ctx.placed()) {
    const day = isRealDay(event.occurredOn) ? event.occurredOn! : ctx.shanghaiToday();
    await markPlaced(ctx, event.actor, day, `referral ${event.referralId}`, {
      referralId: referral.referralId,
      vacancyId: referral.vacancyId,
    });
  } else {
    await ctx.publish(CaseEventTypes.referralChanged, event.actor, `${event.referralId} ${event.status}`);
  }
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

async function markPlaced(
  ctx: CaseContext,
  actor: string,
  day: string,
  detail: string,
  where: TimelineFacts,
) {
  const { s } = ctx;
  if (ctx.placed() || ctx.ended()) return;
  s.placedAt = ctx.now();
  s.startedOn = day;
  // The promise is judged against the deadline in force when the start is recorded.
  const late =
    s.sla !== null && s.promiseApplies && !s.promiseWaived && Date.now() > Date.parse(s.sla.deadline);
  s.latePlacement = late;
  ctx.log({
    kind: 'referral',
    actor,
    detail: `${detail} started on ${day}${late ? ' (late)' : ''}`,
    facts: { ...where, startedOn: day, late },
  });
  ctx.transition('placed', actor, late ? 'late placement' : 'placed', { startedOn: day, late });
  await ctx.publish(CaseEventTypes.placed, actor, late ? 'late' : 'within SLA');
}

/** Proposals, the person's answers and the start. */
function registerMatchingUpdates(ctx: CaseContext) {
  const { s, input, act } = ctx;
  setHandler(
    proposeReferralUpdate,
    async (req) => {
      const person = s.person!;
      const summary = await ctx.operatorStep(() =>
        act.jobsNow.proposeReferral({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          caseId: input.caseId,
          caseCommunityCode: input.communityCode,
          vacancyId: req.vacancyId,
          candidate: {
            personId: person.personId,
            name: person.name,
            maskedPhone: person.phoneMasked,
            skills: input.intake.skills,
            experienceSummary: input.intake.wants,
          },
        }),
      );
      if (ctx.ended()) return ctx.view(); // closed while jobs answered: the referral expires there unanswered
      // The jobs event may have adopted it already; this update still made the proposal, so it is recorded.
      if (!s.referrals.has(summary.referralId)) {
        s.referrals.set(summary.referralId, {
          referralId: summary.referralId,
          vacancyId: summary.vacancyId,
          status: summary.status as CaseReferral['status'],
          reason: null,
          unjustifiedRefusal: false,
          ...namesOf(summary),
        });
      }
      ctx.log({
        kind: 'referral',
        actor: req.actor.username,
        detail: `proposed ${summary.referralId}`,
        facts: {
          referralId: summary.referralId,
          vacancyId: summary.vacancyId,
          referralStatus: 'proposed',
          ...namesOf(summary),
        },
      });
      if (s.state === 'registered') ctx.transition('matching', req.actor.username);
      await ctx.serviceRecord(req.actor, 'job-referral', `referral:${summary.referralId}`, 'job proposed');
      await ctx.publish(CaseEventTypes.referralProposed, req.actor.username, summary.referralId);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireWorking('propose a referral');
        requireText(req.vacancyId, 'vacancyId');
        if (s.person === null) reject('the person is not registered yet', HelpRequestErrors.conflict);
        const live = [...s.referrals.values()].find((r) => r.vacancyId === req.vacancyId && isLive(r.status));
        if (live) {
          reject(
            `vacancy ${req.vacancyId} is already proposed (${live.referralId})`,
            HelpRequestErrors.conflict,
          );
        }
      },
    },
  );

  setHandler(
    recordPersonAnswerUpdate,
    async (req) => {
      const referral = ctx.referralFor(req.referralId);
      const target = req.answer === 'accepted' ? 'person_accepted' : 'person_declined';
      if (referral.status === target) return ctx.view(); // the same answer again
      await ctx.operatorStep(() =>
        act.jobsNow.recordPersonAnswer({
          actor: { username: req.actor.username },
          correlationId: input.caseId,
          referralId: req.referralId,
          answer: req.answer,
          reason: req.answer === 'declined' ? `${req.reasonCode}: ${req.reason ?? ''}`.trim() : undefined,
        }),
      );
      // A concurrent second copy of the same answer finds it applied and counts nothing.
      if (ctx.ended() || !applyReferralStatus(referral, target, req.reason ?? null)) return ctx.view();
      const refusal = s.policy!.refusal;
      let detail = `person ${req.answer} ${req.referralId}`;
      if (req.answer === 'declined') {
        // Refusals without a valid reason count against the refusal policy (data, loaded at intake).
        referral.unjustifiedRefusal = !refusal.validReasonCodes.includes(req.reasonCode!);
        detail += ` (${req.reasonCode}${referral.unjustifiedRefusal ? ', not a valid reason' : ''})`;
        if (referral.unjustifiedRefusal) s.unjustifiedRefusals += 1;
      }
      ctx.log({
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
      await ctx.serviceRecord(req.actor, 'job-referral', `answer:${req.referralId}`, detail);
      await ctx.publish(CaseEventTypes.personAnswered, req.actor.username, detail);
      if (!s.promiseWaived && s.unjustifiedRefusals >= refusal.maxUnjustifiedRefusals) {
        s.promiseWaived = true;
        ctx.log({
          kind: 'promise-waived',
          actor: SYSTEM,
          detail: `${s.unjustifiedRefusals} refusals without a valid reason (policy ${refusal.version})`,
          facts: { unjustifiedRefusals: s.unjustifiedRefusals, policyVersion: refusal.version },
        });
        await ctx.publish(CaseEventTypes.promiseWaived, SYSTEM);
      }
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireWorking('record an answer');
        const referral = ctx.referralFor(req.referralId);
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
      s.placing = true;
      try {
        await confirmStart(ctx, req);
      } finally {
        s.placing = false;
      }
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireWorking('confirm a start');
        if (s.placing) reject('a start is being confirmed already', HelpRequestErrors.conflict);
        if (!isRealDay(requireText(req.startedOn, 'startedOn')))
          reject('startedOn must be a date, yyyy-mm-dd');
        if (req.viaEscalation) {
          if (!s.escalation) reject('the case has no escalation reservation', HelpRequestErrors.conflict);
          return;
        }
        const referral = ctx.referralFor(req.referralId);
        if (referral.status !== 'person_accepted') {
          reject(
            `referral ${req.referralId} is ${referral.status}; both sides must accept first`,
            HelpRequestErrors.conflict,
          );
        }
      },
    },
  );
}

async function confirmStart(ctx: CaseContext, req: ConfirmStartRequest) {
  const { s, input, act } = ctx;
  if (req.viaEscalation) {
    const escalation = s.escalation!;
    await ctx.operatorStep(() =>
      act.employersNow.confirmReservation({
        actor: { username: req.actor.username },
        correlationId: input.caseId,
        reservationId: escalation.reservationId,
      }),
    );
    s.placedViaEscalation = true;
    await markPlaced(ctx, req.actor.username, req.startedOn, `${escalation.kind} ${escalation.targetId}`, {
      escalationKind: escalation.kind,
      reservationId: escalation.reservationId,
      targetId: escalation.targetId,
    });
  } else {
    const referral = ctx.referralFor(req.referralId);
    await ctx.operatorStep(() =>
      act.jobsNow.confirmStart({
        actor: { username: req.actor.username },
        correlationId: input.caseId,
        referralId: referral.referralId,
        startedOn: req.startedOn,
      }),
    );
    applyReferralStatus(referral, 'started', null);
    await markPlaced(ctx, req.actor.username, req.startedOn, `referral ${referral.referralId}`, {
      referralId: referral.referralId,
      vacancyId: referral.vacancyId,
    });
  }
}

/** Contacts, the callback and the follow-ups. */
function registerAftercareUpdates(ctx: CaseContext) {
  const { s } = ctx;
  setHandler(
    recordContactUpdate,
    async (req) => {
      const n = ++s.contacts;
      const detail = `${req.channel}, ${req.reached ? 'reached' : 'not reached'}: ${req.note}`;
      ctx.log({
        kind: 'contact',
        actor: req.actor.username,
        detail,
        facts: { channel: req.channel, reached: req.reached },
        note: req.note,
      });
      if (s.person) await ctx.serviceRecord(req.actor, 'visit', `contact:${n}`, detail, req.channel);
      await ctx.publish(CaseEventTypes.contactRecorded, req.actor.username);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
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
      const n = ++s.callbacks;
      await ctx.operatorStep(() => ctx.serviceRecord(req.actor, 'callback', `callback:${n}`, detail));
      ctx.log({
        kind: 'callback',
        actor: req.actor.username,
        detail,
        facts: req.reached
          ? { reached: true, working: req.working, satisfaction: req.satisfaction }
          : { reached: false },
        note: req.note,
      });
      if (req.reached) {
        s.callback = {
          dueAt: s.callback?.dueAt ?? ctx.now(),
          doneAt: ctx.now(),
          satisfaction: req.satisfaction ?? null,
        };
        if (req.working === false) s.reopenRequested = true;
      }
      await ctx.publish(CaseEventTypes.callbackRecorded, req.actor.username);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
        if (s.state !== 'placed' && s.state !== 'callback') {
          reject(`a callback follows a placement; the case is ${s.state}`, HelpRequestErrors.conflict);
        }
        if (typeof req.reached !== 'boolean') reject('reached must be true or false');
        if (req.reached) {
          if (typeof req.working !== 'boolean') reject('working must be true or false when reached');
          const score = req.satisfaction;
          if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
            reject('satisfaction must be an integer 1-5 when reached');
          }
        }
        requireText(req.note, 'note');
      },
    },
  );

  const dueFollowUp = () =>
    s.followUps.findIndex((f) => f.doneAt === null && Date.parse(f.dueAt) <= Date.now());
  setHandler(
    recordFollowUpUpdate,
    async (req) => {
      const index = dueFollowUp();
      const n = ++s.followUpCalls;
      const detail = req.reached
        ? `${req.stillEmployed ? 'still employed' : 'out of work'}: ${req.note}`
        : `not reached: ${req.note}`;
      await ctx.operatorStep(() =>
        ctx.serviceRecord(req.actor, 'follow-up', `follow-up:${index}:${n}`, detail),
      );
      ctx.log({
        kind: 'follow-up',
        actor: req.actor.username,
        detail,
        facts: req.reached ? { reached: true, stillEmployed: req.stillEmployed } : { reached: false },
        note: req.note,
      });
      if (req.reached) {
        s.followUps[index] = { ...s.followUps[index], doneAt: ctx.now(), stillEmployed: req.stillEmployed };
        if (!req.stillEmployed) s.reopenRequested = true;
      }
      await ctx.publish(CaseEventTypes.followUpRecorded, req.actor.username);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
        if (s.state !== 'following-up')
          reject(`no follow-up is due while ${s.state}`, HelpRequestErrors.conflict);
        if (dueFollowUp() < 0) reject('no follow-up is due yet', HelpRequestErrors.conflict);
        if (typeof req.reached !== 'boolean') reject('reached must be true or false');
        if (req.reached && typeof req.stillEmployed !== 'boolean')
          reject('stillEmployed must be true or false');
        requireText(req.note, 'note');
      },
    },
  );
}

/** How long an operator's retried registration waits for the people service before the view answers. */
const REGISTRATION_RETRY_WAIT = '20 seconds';

/** Owner, escalation and ending: the case as a whole. */
function registerCaseUpdates(ctx: CaseContext) {
  const { s } = ctx;
  setHandler(
    handOffUpdate,
    async (req) => {
      const from = s.owner;
      s.owner = req.toOwner;
      ctx.log({
        kind: 'handoff',
        actor: req.actor.username,
        detail: `owner ${from} → ${s.owner}: ${req.reason}`,
        facts: { fromOwner: from, toOwner: s.owner },
        note: req.reason,
      });
      ctx.upsert();
      await ctx.publish(CaseEventTypes.handedOff, req.actor.username, `${from} → ${s.owner}`);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
        requireText(req.toOwner, 'toOwner');
        requireText(req.reason, 'reason');
        if (req.toOwner === s.owner) reject(`${s.owner} already owns the case`, HelpRequestErrors.conflict);
      },
    },
  );

  setHandler(
    escalateNowUpdate,
    async (req) => {
      // New command in an update handler: only cases that got the update record it (patch `escalate-now`).
      hasPatch(ctx.input, 'escalate-now');
      const failure = await escalate(ctx, { actor: req.actor.username, note: req.reason });
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
      return ctx.view();
    },
    { validator: (req) => validateEscalateNow(ctx, req) },
  );

  setHandler(
    retryRegistrationUpdate,
    async (req) => {
      await retryRegistration(ctx, req, REGISTRATION_RETRY_WAIT);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
        if (s.state !== 'intake' || s.person || !s.registrationFailure || !s.registrationDone) {
          rejectBilingual(
            'nothing to register again: the person is registered or being registered',
            '无需重新登记：求助人已登记或正在登记',
            HelpRequestErrors.conflict,
          );
        }
        if (!req.person || typeof req.person !== 'object') reject('person is required');
      },
    },
  );

  setHandler(
    closeCaseUpdate,
    async (req) => {
      s.reason = req.reason;
      ctx.transition(req.ending, req.actor.username, req.reason, { ending: req.ending }, req.reason);
      await releaseUnusedEscalation(ctx, req.actor.username);
      await ctx.publish(CaseEventTypes.closed, req.actor.username, req.ending);
      return ctx.view();
    },
    {
      validator: (req) => {
        requireActor(req?.actor);
        ctx.requireOpen();
        if (s.placing) reject('a start is being confirmed; close after it', HelpRequestErrors.conflict);
        if (!(HelpRequestEndings as readonly string[]).includes(req.ending)) {
          reject(`ending must be one of ${HelpRequestEndings.join(', ')}`);
        }
        requireText(req.reason, 'reason');
      },
    },
  );
}

/** Escalation is possible while the promise runs: registered, not escalated yet, not placed, not closed. */
function validateEscalateNow(ctx: CaseContext, req: EscalateNowRequest) {
  const { s } = ctx;
  requireActor(req?.actor);
  requireText(req.reason, 'reason');
  const no = (en: string, zh: string) =>
    rejectBilingual(`cannot escalate: ${en}`, `无法升级：${zh}`, HelpRequestErrors.conflict);
  if (ctx.ended()) {
    rejectBilingual(
      `cannot escalate: the case is ${s.state}`,
      '无法升级：案件已结束',
      HelpRequestErrors.ended,
    );
  }
  if (ctx.placed() || s.placing) no('the person has started work', '求职者已上岗');
  if (s.escalation || s.state === 'escalated') no('the case is already escalated', '案件已升级');
  if (s.escalating) no('an escalation is being made', '正在升级中');
  if (!s.promiseApplies)
    no('the caller does not accept any job (no promise)', '来电人不接受任意岗位，不适用两日承诺');
  if (s.promiseWaived) no('the promise is waived after refusals', '因多次无正当理由拒绝，承诺已失效');
  if (s.person === null || !WORKING_STATES.includes(s.state))
    no('the person is not registered yet', '求职者尚未登记');
  if ([...s.referrals.values()].some((r) => r.status === 'person_accepted')) {
    no('both sides accepted a referral; confirm the start instead', '双方已接受推荐，请确认上岗');
  }
}

/** The job's and employer's names from a referral summary; older jobs workers answered without them. */
function namesOf(summary: { vacancyTitle?: string; employerName?: string | null }) {
  return {
    ...(summary.vacancyTitle ? { vacancyTitle: summary.vacancyTitle } : {}),
    ...(summary.employerName ? { employerName: summary.employerName } : {}),
  };
}
