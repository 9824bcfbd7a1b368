/**
 * The messages an episode answers: the `view` query, the signals (facts, applied once; a fact that changes
 * nothing is ignored) and the updates (staff actions; each validator refuses before anything is written, worded
 * `english / 中文`, and each answer is the new view).
 */
import { setHandler } from '@temporalio/workflow';
import type {
  HouseholdContactKind,
  HouseholdLeftStatusSignal,
  HouseholdMemberPlacedSignal,
  HouseholdStaffLevel,
  PeopleActivityActor,
} from '@platform/contracts';
import { closeEpisode, recordFollowUp, reopen, resolveEmployed } from './aftercare';
import type { EpisodeContext } from './episode-context';
import { doubleEmploymentClock, instantOr } from './household-clock';
import {
  assignStaffUpdate,
  closeHouseholdEpisodeUpdate,
  householdLeftStatusSignal,
  householdReenteredSignal,
  householdViewQuery,
  linkMemberCaseUpdate,
  memberPlacedSignal,
  recordHouseholdContactUpdate,
  recordHouseholdFollowUpUpdate,
  requestDoubleEmploymentUpdate,
} from './messages';
import {
  checkNote,
  rejectBilingual,
  requireActor,
  requireName,
  requireOneOf,
  SYSTEM,
  wrongState,
} from './support';

const STAFF_LEVELS: readonly HouseholdStaffLevel[] = ['helper', 'community', 'street'];
const CONTACT_KINDS: readonly HouseholdContactKind[] = ['call', 'visit', 'referral', 'training', 'other'];

export function registerHandlers(ctx: EpisodeContext): void {
  // A query records nothing in the history: queries may be added freely.
  setHandler(householdViewQuery, () => ctx.view());
  registerSignals(ctx);
  registerUpdates(ctx);
}

function registerSignals(ctx: EpisodeContext) {
  setHandler(householdLeftStatusSignal, (signal) => leftStatus(ctx, signal));
  setHandler(householdReenteredSignal, async (signal) => {
    // Only a resolved episode can fall back; an open one is in the status already.
    if (ctx.s.status !== 'resolved') return;
    const at = instantOr(signal?.at, ctx.now());
    ctx.card({ actor: SYSTEM, kind: 'reentered-status' });
    reopen(ctx, at, SYSTEM);
    await ctx.record();
  });
  setHandler(memberPlacedSignal, (signal) => memberPlaced(ctx, signal));
}

/** The people service: the household is out of the status, because a member works or it no longer qualifies. */
async function leftStatus(ctx: EpisodeContext, signal: HouseholdLeftStatusSignal) {
  const { s } = ctx;
  if (ctx.closed()) return;
  const at = instantOr(signal?.at, ctx.now());
  if (signal?.reason === 'member-employed') {
    if (s.status !== 'open') return; // already resolved: a redelivered fact
    resolveEmployed(ctx, at, SYSTEM);
  } else if (signal?.reason === 'no-longer-qualifies') {
    ctx.card({ actor: SYSTEM, kind: 'left-status', resolution: 'no-longer-qualifies' });
    closeEpisode(ctx, 'no-longer-qualifies', SYSTEM, at);
  } else {
    return;
  }
  await ctx.record();
}

/** A member started work (a case placed them): counted once per person; the second one meets 双就业. */
async function memberPlaced(ctx: EpisodeContext, signal: HouseholdMemberPlacedSignal) {
  const { s } = ctx;
  const personId = signal?.personId;
  if (ctx.closed() || typeof personId !== 'string' || personId === '') return;
  if (s.employedMembers.includes(personId)) return; // the same member again (a redelivery, a second job)
  const at = instantOr(signal.at, ctx.now());
  const caseId = typeof signal.caseId === 'string' && signal.caseId !== '' ? signal.caseId : undefined;
  s.employedMembers.push(personId);
  if (caseId && !s.memberCases.some((c) => c.personId === personId && c.caseId === caseId)) {
    s.memberCases.push({ personId, caseId });
  }
  ctx.card({ actor: SYSTEM, kind: 'member-employed', personId, ...(caseId ? { caseId } : {}) });
  doubleAchievedIfTwo(ctx, at, personId);
  await ctx.record();
}

/** 双就业 is met once two distinct members of the household are in work. */
function doubleAchievedIfTwo(ctx: EpisodeContext, at: string, personId?: string) {
  const double = ctx.s.doubleEmployment;
  if (!double || double.metAt !== null || ctx.s.employedMembers.length < 2) return;
  double.metAt = at;
  ctx.card({
    actor: SYSTEM,
    kind: 'double-achieved',
    dueAt: double.dueAt,
    ...(personId ? { personId } : {}),
  });
}

function requireNotClosed(ctx: EpisodeContext) {
  if (ctx.closed()) wrongState('the episode is closed', '该户援助已结束');
}

function requireRequest(request: { actor?: PeopleActivityActor } | undefined | null): void {
  if (typeof request !== 'object' || request === null)
    rejectBilingual('a request is required', '缺少请求内容');
  requireActor(request.actor);
}

function registerUpdates(ctx: EpisodeContext) {
  const { s } = ctx;

  setHandler(
    assignStaffUpdate,
    async (req) => {
      s.staff[req.level] = req.username;
      ctx.card({
        actor: req.actor.username,
        kind: 'staff-assigned',
        level: req.level,
        assignee: req.username,
        ...(req.note ? { note: req.note } : {}),
      });
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireOneOf(req.level, STAFF_LEVELS, 'level');
        requireName(req.username, 'username');
        checkNote(req.note, false);
        requireNotClosed(ctx);
      },
    },
  );

  setHandler(
    recordHouseholdContactUpdate,
    async (req) => {
      ctx.card({
        actor: req.actor.username,
        kind: 'contact',
        contactKind: req.kind,
        ...(req.personId ? { personId: req.personId } : {}),
        note: req.note,
      });
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireOneOf(req.kind, CONTACT_KINDS, 'kind');
        if (req.personId !== undefined) requireName(req.personId, 'personId');
        checkNote(req.note, true);
        requireNotClosed(ctx);
      },
    },
  );

  setHandler(
    linkMemberCaseUpdate,
    async (req) => {
      // The same link again changes nothing.
      if (s.memberCases.some((c) => c.personId === req.personId && c.caseId === req.caseId))
        return ctx.view();
      s.memberCases.push({ personId: req.personId, caseId: req.caseId });
      ctx.card({
        actor: req.actor.username,
        kind: 'case-linked',
        personId: req.personId,
        caseId: req.caseId,
      });
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        requireName(req.personId, 'personId');
        requireName(req.caseId, 'caseId');
        requireNotClosed(ctx);
      },
    },
  );

  setHandler(
    requestDoubleEmploymentUpdate,
    async (req) => {
      const requestedAt = ctx.now();
      s.doubleEmployment = { ...doubleEmploymentClock(requestedAt, ctx.input.policy), requestedAt };
      ctx.card({
        actor: req.actor.username,
        kind: 'double-requested',
        dueAt: s.doubleEmployment.dueAt,
        ...(req.note ? { note: req.note } : {}),
      });
      // Two members may be in work already.
      doubleAchievedIfTwo(ctx, requestedAt);
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        checkNote(req.note, false);
        requireNotClosed(ctx);
        if (s.doubleEmployment) {
          wrongState('double employment was already requested', '已申请过双就业');
        }
      },
    },
  );

  setHandler(
    recordHouseholdFollowUpUpdate,
    async (req) => {
      recordFollowUp(ctx, req);
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        if (typeof req.stillEmployed !== 'boolean') {
          rejectBilingual('stillEmployed must be true or false', 'stillEmployed（是否仍在岗）须为是或否');
        }
        checkNote(req.note, false);
        requireNotClosed(ctx);
        if (s.status !== 'resolved') {
          wrongState(
            'no follow-up is open: the household has not left the status',
            '该户尚未脱离零就业状态，无跟踪回访',
          );
        }
        const followUp = s.followUps.find((f) => f.month === req.month);
        if (!followUp) {
          const months = s.followUps.map((f) => f.month).join(', ');
          rejectBilingual(
            `month must be one of the follow-ups (${months})`,
            `month（跟踪月份）须为 ${months} 之一`,
          );
        }
        if (followUp.doneAt !== null) {
          wrongState(
            `the ${req.month}-month follow-up is already recorded`,
            `第 ${req.month} 个月的跟踪已记录`,
          );
        }
        if (Date.now() < Date.parse(followUp.dueAt)) {
          wrongState(
            `the ${req.month}-month follow-up is not due until ${followUp.dueAt}`,
            `第 ${req.month} 个月的跟踪尚未到期（${followUp.dueAt}）`,
          );
        }
      },
    },
  );

  setHandler(
    closeHouseholdEpisodeUpdate,
    async (req) => {
      const resolution = s.status === 'open' ? 'closed-by-supervisor' : s.resolution!;
      closeEpisode(ctx, resolution, req.actor.username, ctx.now(), req.note);
      await ctx.record();
      return ctx.view();
    },
    {
      validator: (req) => {
        requireRequest(req);
        checkNote(req.note, true);
        requireNotClosed(ctx);
      },
    },
  );
}
