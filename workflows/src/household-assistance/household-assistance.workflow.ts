import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { HouseholdAssistanceInput, HouseholdAssistanceResult } from '@platform/contracts';
import { EpisodeContext } from './episode-context';
import { runEpisodeClocks } from './episode-clocks';
import { registerHandlers } from './episode-handlers';
import { HOUSEHOLD_ASSISTANCE_REVISION } from './revision';
import { SYSTEM } from './support';

/**
 * One episode of a zero-employment household (零就业家庭; workflow ID = episode ID), from the day it was found
 * or certified until a member is in stable work, it no longer qualifies, or a supervisor ends it. The promise:
 * one member in work within 20 calendar days (a warning 5 days before, a breach after), two within a month when
 * the household asks (双就业); follow-ups at 1, 3 and 6 months; falling back reopens the episode with a new clock.
 * See docs/household-workflow.md.
 *
 * The parts, by concern: household-clock.ts (pure date arithmetic), episode-state.ts (state, view, next step),
 * episode-context.ts (card and projection), episode-clocks.ts (timers), aftercare.ts (leaving, reopening,
 * follow-ups), episode-handlers.ts (query, signals, updates). The order below is the order of the commands:
 * changing it needs `patched()`.
 */
export async function householdAssistance(
  input: HouseholdAssistanceInput,
): Promise<HouseholdAssistanceResult> {
  // A plain error fails the workflow task, which is retried until a worker that knows the revision takes it.
  if ((input.revision ?? 1) > HOUSEHOLD_ASSISTANCE_REVISION) {
    throw new Error(
      `episode started on revision ${input.revision}; this worker knows up to ${HOUSEHOLD_ASSISTANCE_REVISION}`,
    );
  }
  const ctx = new EpisodeContext(input);
  ctx.card({
    actor: SYSTEM,
    kind: input.basis === 'certified' ? 'certified' : 'found',
    dueAt: ctx.s.clock.dueAt,
  });
  // Cases already open when it was found belong to the episode from the start (no command: card lines only).
  for (const { personId, caseId } of ctx.s.memberCases) {
    ctx.card({ actor: SYSTEM, kind: 'case-linked', personId, caseId });
  }
  // The first projection before any signal's (signals buffered before the start run when their handler is set).
  const first = ctx.record();
  registerHandlers(ctx);
  await first;

  await runEpisodeClocks(ctx);

  // Closed: the updates and signals still in flight finish (their projections written) before the run ends.
  await condition(allHandlersFinished);
  return ctx.result();
}
