/**
 * How an episode leaves `open` and comes back: the household left the status (a member in work: follow-ups at
 * 1, 3 and 6 months, or no longer qualifying: closed), re-entered it or a follow-up found the member out of work
 * (reopened with a new clock), and the follow-ups themselves. Each function changes the state and the card;
 * the caller sends the projection once per change.
 */
import type { HouseholdResolution, RecordHouseholdFollowUpRequest } from '@platform/contracts';
import type { EpisodeContext } from './episode-context';
import { followUpsFrom, oneMemberClock } from './household-clock';
import { SYSTEM } from './support';

/** A member is in work and the household left the status: the clock is met and the follow-ups are set. */
export function resolveEmployed(ctx: EpisodeContext, at: string, actor: string): void {
  const { s, input } = ctx;
  s.clock.metAt = at;
  s.status = 'resolved';
  s.resolution = 'member-employed';
  s.resolvedAt = at;
  s.followUps = followUpsFrom(at, input.policy);
  s.followUpsAnnounced = [];
  ctx.card({ actor, kind: 'left-status', resolution: 'member-employed' });
}

/** Ends the episode: the workflow completes once handlers in flight are done. */
export function closeEpisode(
  ctx: EpisodeContext,
  resolution: HouseholdResolution,
  actor: string,
  at: string,
  note?: string,
): void {
  const { s } = ctx;
  s.status = 'closed';
  s.resolution = resolution;
  s.resolvedAt ??= at;
  ctx.card({ actor, kind: 'closed', resolution, ...(note ? { note } : {}) });
}

/**
 * Back to zero employment (the people service says so, or a follow-up found the member out of work): open again
 * with a new one-member clock counted from `at`; the follow-ups of the last resolution are dropped.
 */
export function reopen(ctx: EpisodeContext, at: string, actor: string): void {
  const { s, input } = ctx;
  s.status = 'open';
  s.reopenCount += 1;
  s.clock = oneMemberClock(at, input.policy);
  s.resolution = null;
  s.resolvedAt = null;
  s.followUps = [];
  s.followUpsAnnounced = [];
  ctx.card({ actor, kind: 'reopened', dueAt: s.clock.dueAt });
}

/** A follow-up that is due: still in work (the last one closes the episode as stable), or out of work (reopens). */
export function recordFollowUp(ctx: EpisodeContext, req: RecordHouseholdFollowUpRequest): void {
  const { s } = ctx;
  const actor = req.actor.username;
  const followUp = s.followUps.find((f) => f.month === req.month)!;
  followUp.doneAt = ctx.now();
  followUp.stillEmployed = req.stillEmployed;
  ctx.card({
    actor,
    kind: 'follow-up',
    month: req.month,
    stillEmployed: req.stillEmployed,
    ...(req.note ? { note: req.note } : {}),
  });
  if (!req.stillEmployed) {
    reopen(ctx, ctx.now(), actor);
    return;
  }
  const last = Math.max(...s.followUps.map((f) => f.month));
  if (req.month === last) {
    // Stable when every follow-up was made and found the member in work (one left unanswered is not).
    s.stable = s.followUps.every((f) => f.doneAt !== null && f.stillEmployed === true);
    closeEpisode(ctx, 'member-employed', SYSTEM, ctx.now());
  }
}
