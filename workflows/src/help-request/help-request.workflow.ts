import type { HelpRequestInput, HelpRequestResult } from '@platform/contracts';
import { finishRun, runAftercare } from './aftercare';
import { CaseContext } from './case-context';
import { registerHandlers } from './case-handlers';
import { HELP_REQUEST_REVISION } from './revision';
import { finishRegistration, runIntake } from './intake';
import { runSlaClock } from './sla-clock';

/**
 * One help request (workflow ID = case ID), from intake to the last follow-up. An explicit state machine driven
 * by validated updates (operators) and signals (Kafka facts), with the 2-working-day SLA clock as durable timers
 * raced against them. A follow-up that finds the person out of work reopens help by continue-as-new, so each
 * cycle's history stays bounded. See docs/domain.md and docs/case-workflow.md.
 *
 * The parts, by concern: case-state.ts (the state and its views), case-context.ts (how the case changes),
 * case-handlers.ts (queries, signals, updates), intake.ts, sla-clock.ts (milestones, escalation), aftercare.ts
 * (callback, follow-ups, reopen). The order below is the order of the commands: changing it needs `patched()`.
 */
export async function helpRequest(input: HelpRequestInput): Promise<HelpRequestResult> {
  // A plain error fails the workflow task, which is retried until a worker that knows the revision takes it.
  if ((input.revision ?? 0) > HELP_REQUEST_REVISION) {
    throw new Error(
      `case started on revision ${input.revision}; this worker knows up to ${HELP_REQUEST_REVISION}`,
    );
  }
  const ctx = new CaseContext(input);
  registerHandlers(ctx);

  // Policy and SLA, and the registration, which goes on while the clock runs.
  const registration = await runIntake(ctx);
  if (registration) ctx.s.registering = finishRegistration(ctx, registration.pending);

  // Until the person is placed or the case ends.
  await runSlaClock(ctx);

  // Closed while registration was pending: the person's record still completes before the run ends.
  if (ctx.s.registering) await ctx.s.registering;

  await runAftercare(ctx);

  // Completes the case, or reopens help in a new run (continue-as-new).
  return finishRun(ctx);
}
