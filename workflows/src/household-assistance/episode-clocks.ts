/**
 * The clocks as durable timers: the one-member clock's warning and breach, the double-employment clock's, and
 * the follow-ups falling due. One loop waits for the earliest step still to come, raced against any change that
 * moves it (the household left the status, a member was placed, a reopen, a close); steps already past fire at
 * once, in order. A breach does not end anything: the episode stays open and worked.
 *
 * Each entry a step writes carries the instant it fell due (`dueAt`): a timer fires a little after it (the
 * workflow task's own time), so the card's `at` says when it was written and `dueAt` when it was due.
 */
import { condition } from '@temporalio/workflow';
import type { EpisodeContext } from './episode-context';
import { type DueStep, dueStepKey, nextDueStep } from './episode-state';
import { SYSTEM } from './support';

/** Runs until the episode is closed. */
export async function runEpisodeClocks(ctx: EpisodeContext): Promise<void> {
  const { s } = ctx;
  while (!ctx.closed()) {
    const step = nextDueStep(s);
    const key = dueStepKey(step);
    const moved = () => ctx.closed() || dueStepKey(nextDueStep(s)) !== key;
    if (!step) {
      await condition(moved);
      continue;
    }
    // A zero timeout would mean "no timeout": a step already due fires without waiting.
    const wait = Date.parse(step.at) - Date.now();
    if (wait > 0 && (await condition(moved, wait))) continue;
    fire(ctx, step);
    await ctx.record();
  }
}

function fire(ctx: EpisodeContext, step: DueStep): void {
  const { s } = ctx;
  switch (step.kind) {
    case 'warning':
      s.clock.warned = true;
      ctx.card({ actor: SYSTEM, kind: 'warning', dueAt: s.clock.warnAt });
      break;
    case 'breached':
      s.clock.breached = true;
      ctx.card({ actor: SYSTEM, kind: 'breached', dueAt: s.clock.dueAt });
      break;
    case 'double-warning':
      s.doubleEmployment!.warned = true;
      ctx.card({ actor: SYSTEM, kind: 'double-warning', dueAt: s.doubleEmployment!.warnAt });
      break;
    case 'double-breached':
      s.doubleEmployment!.breached = true;
      ctx.card({ actor: SYSTEM, kind: 'double-breached', dueAt: s.doubleEmployment!.dueAt });
      break;
    case 'follow-up-due':
      s.followUpsAnnounced.push(step.month!);
      ctx.card({ actor: SYSTEM, kind: 'follow-up-due', month: step.month, dueAt: step.at });
      break;
  }
}
