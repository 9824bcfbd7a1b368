/**
 * The clocks as durable timers: the one-member clock's warning and breach, the double-employment clock's, and
 * the follow-ups falling due. One loop waits for the earliest step still to come, raced against any change that
 * moves it (the household left the status, a member was placed, a reopen, a close); steps already past fire at
 * once, in order. A breach does not end anything: the episode stays open and worked.
 *
 * A warning or breach entry carries the breach instant of its clock (`dueAt`: what the warning warns of), a
 * follow-up-due entry the follow-up's instant. Its `at` is the workflow time it was written: a timer fires a
 * moment after its instant (the workflow task's own processing), never before.
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
      ctx.card({ actor: SYSTEM, kind: 'warning', dueAt: s.clock.dueAt });
      break;
    case 'breached':
      s.clock.breached = true;
      ctx.card({ actor: SYSTEM, kind: 'breached', dueAt: s.clock.dueAt });
      break;
    case 'double-warning':
      s.doubleEmployment!.warned = true;
      ctx.card({ actor: SYSTEM, kind: 'double-warning', dueAt: s.doubleEmployment!.dueAt });
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
