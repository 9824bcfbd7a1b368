/**
 * The 2-working-day clock: the milestones (½ and ¾ warnings, escalation at one working day left, the breach at
 * the deadline) as durable timers raced against "placed, ended, waived or recomputed", the recomputation when
 * the calendar changes, and the escalation reservation (made, or given back unused).
 */
import { condition } from '@temporalio/workflow';
import { CaseEventTypes } from '@platform/contracts';
import type { CaseSla, TimelineFacts } from '@platform/contracts';
import type { CaseContext } from './case-context';
import {
  escalationFacts,
  escalationFailureCode,
  failureOf,
  hasPatch,
  sameMilestones,
  SYSTEM,
  WORKING_STATES,
} from './case-support';

/** Runs the clock until the person is placed or the case ends. */
export async function runSlaClock(ctx: CaseContext): Promise<void> {
  const { s } = ctx;
  const fired = new Set<string>();
  const clockStopped = () => ctx.placed() || ctx.ended() || s.promiseWaived || !s.promiseApplies;
  while (!ctx.placed() && !ctx.ended()) {
    if (s.calendarChange !== null) {
      await recompute(ctx);
      continue;
    }
    const next = milestonesOf(s.sla!).find((m) => !fired.has(m.name));
    const wake = () => clockStopped() || s.calendarChange !== null;
    if (!next || clockStopped()) {
      await condition(() => ctx.placed() || ctx.ended() || s.calendarChange !== null);
      continue;
    }
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0 && (await condition(wake, wait))) continue;
    fired.add(next.name);
    await fire(ctx, next.name, next.at);
  }
}

/** The SLA from the same start instant with the changed calendar; milestones not fired yet follow it. */
async function recompute(ctx: CaseContext) {
  const { s, input } = ctx;
  const version = s.calendarChange!;
  s.calendarChange = null;
  const previous = s.sla!;
  const sla = await ctx.act.hotline.computeCaseSla({
    caseId: input.caseId,
    startedAt: s.clockStart,
    workingDays: s.policy!.promiseWorkingDays,
  });
  s.sla = sla;
  // A recomputation that moves nothing is not news (patch `quiet-unchanged-sla`: older cases also
  // recorded a new calendar version with the same deadline).
  const moved = sla.deadline !== previous.deadline || !sameMilestones(sla, previous);
  if (
    moved ||
    (sla.calendarVersion !== previous.calendarVersion && !hasPatch(ctx.input, 'quiet-unchanged-sla'))
  ) {
    ctx.log({
      kind: 'sla-recomputed',
      actor: SYSTEM,
      detail: `calendar ${version}: due ${previous.deadline} → ${sla.deadline}`,
      facts: {
        previousDeadline: previous.deadline,
        deadline: sla.deadline,
        calendarVersion: sla.calendarVersion,
      },
    });
    ctx.upsert();
    await ctx.publish(CaseEventTypes.slaRecomputed, SYSTEM, version);
  }
}

function milestonesOf(current: CaseSla) {
  return [
    { name: 'half', at: current.milestones.half },
    { name: 'threeQuarters', at: current.milestones.threeQuarters },
    { name: 'oneWorkingDayLeft', at: current.milestones.oneWorkingDayLeft },
    { name: 'deadline', at: current.deadline },
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

async function fire(ctx: CaseContext, name: string, dueAt: string) {
  const { s } = ctx;
  if (name === 'half' || name === 'threeQuarters') {
    const detail = name === 'half' ? 'half of the working time used' : 'three quarters used';
    ctx.log({
      kind: 'sla-warning',
      actor: SYSTEM,
      dueAt,
      detail,
      facts: { milestone: name, deadline: s.sla!.deadline },
    });
    await ctx.publish(CaseEventTypes.slaWarning, SYSTEM, name);
  } else if (name === 'oneWorkingDayLeft') {
    // Not again when a supervisor already escalated (or tried to) this cycle.
    if (!s.escalationTried) await escalate(ctx, { actor: SYSTEM, dueAt });
  } else {
    s.breached = true;
    ctx.log({
      kind: 'sla-breach',
      actor: SYSTEM,
      dueAt,
      detail: 'deadline passed; still open',
      facts: { deadline: s.sla!.deadline },
    });
    ctx.upsert();
    await ctx.publish(CaseEventTypes.slaBreached, SYSTEM);
  }
}

/**
 * Reserves a public-welfare slot or assistance-base place: at the milestone (`dueAt`, by the system), or when a
 * supervisor escalates now (`note`: their reason). Answers the failure code when nothing was reserved.
 */
export async function escalate(
  ctx: CaseContext,
  trigger: { actor: string; dueAt?: string; note?: string },
): Promise<string | null> {
  const { s, input } = ctx;
  const { actor, dueAt, note } = trigger;
  const at = {
    ...(dueAt ? { dueAt } : {}),
    ...(note ? { note } : {}),
  };
  const milestone: TimelineFacts = dueAt ? { milestone: 'oneWorkingDayLeft' } : {};
  // An accepted placement (both sides said yes, start pending) needs no escalation.
  if ([...s.referrals.values()].some((r) => r.status === 'person_accepted') || s.escalation) return null;
  s.escalationTried = true;
  if (!s.person && s.registering) {
    // Still registering (a call keyed in late reaches its past milestones at once): wait a little for the
    // person, never long enough to hold back the breach.
    await condition(() => s.registrationDone, '10 minutes');
  }
  const person = s.person;
  if (!person) {
    ctx.log({
      kind: 'escalation-failed',
      actor,
      ...at,
      detail: 'the person is not registered',
      facts: { ...milestone, failure: 'not-registered' },
    });
    return 'not-registered';
  }
  s.escalating = true;
  try {
    const reserve = hasPatch(ctx.input, 'escalation-gives-up')
      ? ctx.act.escalationBounded
      : ctx.act.escalation;
    const reservation = await reserve.reserveForEscalation({
      actor: { username: actor === SYSTEM ? s.owner : actor },
      correlationId: input.caseId,
      caseId: input.caseId,
      personId: person.personId,
      categories: person.categories,
      districtCode: input.districtCode,
      // The hold's area: its operators see it (an activity argument, not a command: replay unaffected).
      caseCommunityCode: input.communityCode,
      period: ctx.shanghaiToday().slice(0, 7),
    });
    const escalation = {
      kind: reservation.kind,
      reservationId: reservation.reservationId,
      targetId: reservation.targetId,
      ...(reservation.targetName ? { targetName: reservation.targetName } : {}),
    };
    s.escalation = escalation;
    ctx.log({
      kind: 'escalation',
      actor,
      ...at,
      detail: `${reservation.kind} ${reservation.targetId}`,
      facts: { ...milestone, ...escalationFacts(escalation), reservation: 'held' },
    });
    if (ctx.ended() || ctx.placed()) {
      // Closed or placed while the reservation was being made: give it back at once.
      await releaseUnusedEscalation(ctx, SYSTEM);
      return null;
    }
    if (WORKING_STATES.includes(s.state))
      ctx.transition('escalated', actor, undefined, escalationFacts(escalation));
    await ctx.publish(CaseEventTypes.escalated, actor, reservation.kind);
    return null;
  } catch (err) {
    // Recorded; the operator keeps working the case by hand and supervisors see it on the board.
    const failure = escalationFailureCode(failureOf(err).type);
    ctx.log({
      kind: 'escalation-failed',
      actor,
      ...at,
      detail: failureOf(err).message,
      facts: { ...milestone, failure },
    });
    await ctx.publish(CaseEventTypes.escalationFailed, actor, failureOf(err).type);
    return failure;
  } finally {
    s.escalating = false;
  }
}

/** A held escalation that was not used (market placement, or the case ended) goes back to the pool/base. */
export async function releaseUnusedEscalation(ctx: CaseContext, actor: string): Promise<void> {
  const { escalation, placedViaEscalation } = ctx.s;
  if (!escalation || placedViaEscalation) return;
  try {
    await ctx.act.employers.releaseReservation({
      actor: { username: actor },
      correlationId: ctx.input.caseId,
      reservationId: escalation.reservationId,
    });
    ctx.log({
      kind: 'escalation',
      actor,
      detail: `released ${escalation.kind} ${escalation.reservationId}`,
      facts: { ...escalationFacts(escalation), reservation: 'released' },
    });
  } catch (err) {
    ctx.log({
      kind: 'escalation-failed',
      actor,
      detail: `release: ${failureOf(err).message}`,
      facts: { ...escalationFacts(escalation), failure: 'release-failed' },
    });
  }
}
