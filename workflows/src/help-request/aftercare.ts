/**
 * After the placement: the callback, then the follow-ups; and the end of the run, which either completes the
 * case or, when the person turned out to be out of work, reopens help with a new clock (continue-as-new).
 */
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { CaseEventTypes } from '@platform/contracts';
import type { HelpRequestInput, HelpRequestResult, HelpRequestView } from '@platform/contracts';
import type { CaseContext } from './case-context';
import { hasPatch, SYSTEM, TIMELINE_CARRY_LIMIT } from './case-support';
import { releaseUnusedEscalation } from './sla-clock';

/** A timer length that is never zero (a zero timeout would mean "no timeout"). */
function untilInstant(iso: string): number {
  return Math.max(Date.parse(iso) - Date.now(), 1);
}

/** Callback and follow-ups of a placed case (nothing for a case that ended before a placement). */
export async function runAftercare(ctx: CaseContext): Promise<void> {
  const { s, input } = ctx;
  if (ctx.ended()) return;
  if (!s.placedViaEscalation) await releaseUnusedEscalation(ctx, SYSTEM);
  const startedOn = s.startedOn!;
  const schedule = await ctx.act.hotline.schedulePlacement({
    caseId: input.caseId,
    startedOn,
    callbackAfterWorkingDays: s.policy!.callbackAfterWorkingDays,
    followUpMonths: s.policy!.followUpMonths,
  });
  // A callback may already have been recorded before it was due.
  const early = s.callback as HelpRequestView['callback'];
  s.callback = {
    dueAt: schedule.callbackAt,
    doneAt: early?.doneAt ?? null,
    satisfaction: early?.satisfaction ?? null,
  };
  // Cases placed before this event existed go on without it (their histories must replay unchanged).
  if (hasPatch(ctx.input, 'callback-scheduled-event'))
    await ctx.publish(CaseEventTypes.callbackScheduled, SYSTEM);
  const callbackDone = () => (s.callback !== null && s.callback.doneAt !== null) || ctx.ended();
  if (!(await condition(callbackDone, untilInstant(schedule.callbackAt)))) {
    ctx.log({ kind: 'callback-due', actor: SYSTEM, dueAt: schedule.callbackAt, facts: { startedOn } });
    ctx.transition('callback', SYSTEM);
    await ctx.publish(CaseEventTypes.callbackDue, SYSTEM);
    await condition(callbackDone);
  }
  if (ctx.ended() || s.reopenRequested) return;

  const followUps = s.followUps;
  followUps.push(...schedule.followUpsAt.map((dueAt) => ({ dueAt, doneAt: null, stillEmployed: null })));
  ctx.transition('following-up', SYSTEM);
  await ctx.publish(CaseEventTypes.followUpsScheduled, SYSTEM);
  const stop = () => ctx.ended() || s.reopenRequested;
  for (let i = 0; i < followUps.length && !stop(); i++) {
    if (await condition(stop, untilInstant(followUps[i].dueAt))) break;
    ctx.log({ kind: 'follow-up-due', actor: SYSTEM, dueAt: followUps[i].dueAt, facts: { startedOn } });
    await ctx.publish(CaseEventTypes.followUpDue, SYSTEM);
    await condition(() => stop() || followUps[i].doneAt !== null);
  }
  if (!stop()) {
    s.reason = 'stably employed after the follow-ups';
    ctx.transition('closed', SYSTEM, s.reason);
    await ctx.publish(CaseEventTypes.closed, SYSTEM, 'follow-ups done');
  }
}

/**
 * Ends the run once in-flight update handlers are done: the case's result, or — out of work — help reopened
 * in a new run that carries the person, the recent timeline, the owner, the event sequence and the refusals.
 */
export async function finishRun(ctx: CaseContext): Promise<HelpRequestResult> {
  const { s, input } = ctx;
  await condition(allHandlersFinished);
  if (s.reopenRequested && !ctx.ended()) {
    ctx.log({
      kind: 'reopened',
      actor: SYSTEM,
      detail: `out of work: help reopened with a new clock`,
      facts: { cycle: s.cycle + 1 },
    });
    // The first cycle's prepared clock does not apply to the next one.
    const { prepared: _firstCycle, ...next } = input;
    return continueAsNew<(next: HelpRequestInput) => Promise<HelpRequestResult>>({
      ...next,
      carry: {
        cycle: s.cycle + 1,
        reopenedAt: ctx.now(),
        person: s.person!,
        timeline: s.timeline.slice(-TIMELINE_CARRY_LIMIT),
        owner: s.owner,
        eventSeq: s.eventSeq,
        unjustifiedRefusals: s.unjustifiedRefusals,
      },
    });
  }
  return { caseId: input.caseId, state: s.state, reason: s.reason };
}
