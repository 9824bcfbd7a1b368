/**
 * Intake: the policy and SLA (hotline) and the registration (people) in parallel, one round trip each. A
 * reopened case keeps its registered person and only gets a new clock.
 */
import type { Duration } from '@temporalio/common';
import { condition } from '@temporalio/workflow';
import { CaseEventTypes } from '@platform/contracts';
import type {
  HelpRequestActor,
  PersonIntake,
  RegisterForCaseResult,
  RetryRegistrationRequest,
} from '@platform/contracts';
import type { CaseContext } from './case-context';
import { hasPatch, refusalOf, SYSTEM } from './case-support';
import { promiseNow } from './case-state';
import { searchableFromStart } from './search-attributes';

export type RegistrationOutcome = { result: RegisterForCaseResult } | { error: unknown };

/**
 * Sets the clock and asks people to register the person. Answers the registration still under way, for
 * `finishRegistration` to complete while the clock runs (patch `clock-runs-during-registration`; older cases
 * waited for it here), or null when there is none (a reopened case, or an older case already registered).
 */
export async function runIntake(ctx: CaseContext): Promise<{ pending: Promise<RegistrationOutcome> } | null> {
  const { s, input } = ctx;
  // A case started with its search attributes (revision 1) has nothing to upsert until it changes.
  const searchable = searchableFromStart(input);
  if (!searchable) ctx.upsert();
  const registration = s.person ? null : registrationOf(ctx);
  // Computed by the hotline when the call was recorded: no round trip (patch `prepared-at-intake`; a case the
  // hotline started before a worker knew this ran `prepareCase`, and replays so). Never for a reopened cycle.
  const prepared =
    input.prepared && !input.carry && hasPatch(input, 'prepared-at-intake')
      ? input.prepared
      : await ctx.act.hotline.prepareCase({ caseId: input.caseId, startedAt: s.clockStart });
  s.policy = prepared.policy;
  const sla = (s.sla = prepared.sla);
  if (!searchable) ctx.upsert();
  ctx.log({
    kind: input.carry ? 'reopened' : 'transition',
    actor: s.owner,
    detail:
      `SLA due ${sla.deadline} (calendar ${sla.calendarVersion}${sla.provisional ? ', provisional' : ''})` +
      (s.promiseApplies ? '' : '; no promise: the caller does not accept any job'),
    facts: {
      deadline: sla.deadline,
      calendarVersion: sla.calendarVersion,
      provisional: sla.provisional,
      promise: promiseNow(s),
      ...(input.carry ? { cycle: s.cycle } : {}),
    },
  });

  if (!registration) {
    ctx.transition('registered', s.owner, `help reopened (cycle ${s.cycle})`, { cycle: s.cycle });
    await ctx.publish(CaseEventTypes.reopened, s.owner);
    return null;
  }
  // The clock runs while people registers the person: an outage there must not hold back the breach.
  // (Wrapped: an async function would wait for a promise it returns.)
  if (hasPatch(input, 'clock-runs-during-registration')) return { pending: registration };
  await finishRegistration(ctx, registration);
  return null;
}

/**
 * The caller's registration: the one the hotline got from people while the operator was on the call (patch
 * `registered-at-intake`: the case then needs no round trip, and registers within its first workflow task), or
 * the workflow asks people itself.
 */
function registrationOf(ctx: CaseContext): Promise<RegistrationOutcome> {
  const { input } = ctx;
  if (input.registered && hasPatch(input, 'registered-at-intake'))
    return Promise.resolve({ result: input.registered });
  return register(ctx, input.openedBy, input.intake.person);
}

/** Asks people to register the person for this case (idempotent per case); never rejects. */
function register(
  ctx: CaseContext,
  actor: HelpRequestActor,
  person: PersonIntake,
): Promise<RegistrationOutcome> {
  const { input } = ctx;
  return ctx.act.people
    .registerForCase({
      actor,
      correlationId: input.caseId,
      caseId: input.caseId,
      occurredAt: input.openedAt,
      person,
    })
    .then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
}

/**
 * A refused registration sent again with the operator's corrections (the `retryRegistration` update): the case
 * keeps its number and clock. Answers once the people service did, or after `wait` while it is still trying
 * (an outage there must not hold the operator's screen): the registration then completes on its own.
 */
export async function retryRegistration(ctx: CaseContext, req: RetryRegistrationRequest, wait: Duration) {
  const { s } = ctx;
  s.registrationFailure = null;
  s.registrationDone = false;
  ctx.log({
    kind: 'registration',
    actor: req.actor.username,
    detail: 'registration sent again with corrected details',
    facts: { retry: true },
  });
  s.registering = finishRegistration(ctx, register(ctx, req.actor, req.person));
  await condition(() => s.registrationDone, wait);
}

/**
 * The person registered (or refused for bad data). Started right before the clock so that, as before the
 * split into files, the clock's first timer comes before the registration's case event (replay).
 */
export async function finishRegistration(ctx: CaseContext, pending: Promise<RegistrationOutcome>) {
  const { s } = ctx;
  const outcome = await pending;
  if ('result' in outcome) {
    const { person: registered, categories } = outcome.result;
    const person = {
      personId: registered.personId,
      categories,
      name: registered.name,
      phoneMasked: registered.phoneMasked,
    };
    s.person = person;
    ctx.log({
      kind: 'registration',
      actor: s.owner,
      detail: `person ${person.personId}`,
      facts: { personId: person.personId },
    });
    if (s.state === 'intake') ctx.transition('registered', s.owner);
    await ctx.publish(CaseEventTypes.registered, s.owner);
  } else {
    // Only non-retryable failures get here (bad data the API did not catch): the attempt ends, the case
    // stays in intake with the reason in its view and timeline, and the operator decides (close, reopen).
    const failure = refusalOf(outcome.error);
    s.registrationFailure = failure;
    const fields = failure.errors.map((e) => `${e.message.en} / ${e.message.zh}`).join('; ');
    ctx.log({
      kind: 'registration',
      actor: SYSTEM,
      detail: `registration failed: ${failure.reason}${fields ? ` (${fields})` : ''}`,
      facts: { failure: 'registration-refused' },
    });
    await ctx.publish(CaseEventTypes.registrationFailed, SYSTEM, failure.type ?? undefined);
  }
  s.registrationDone = true;
}
