/**
 * What every part of the case workflow shares: the input, the activity proxies, the state, and the few ways the
 * case changes (timeline entry, state transition, case event, search attributes, service record). One per run.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import { HelpRequestErrors } from '@platform/contracts';
import type {
  CaseReferral,
  HelpRequestActor,
  HelpRequestInput,
  HelpRequestState,
  HelpRequestView,
  RecordServiceInput,
  TimelineEntry,
  TimelineFacts,
} from '@platform/contracts';
import {
  activityProxies,
  type CaseActivities,
  failureOf,
  hasPatch,
  reject,
  requireText,
  SHANGHAI_OFFSET_MS,
  WORKING_STATES,
} from './case-support';
import { type CaseState, isEnded, isPlaced, newCaseState, nextSnapshot, viewOf } from './case-state';
import {
  searchAttributesOf,
  skipsUnchangedSearchAttributes,
  startSearchAttributes,
} from './search-attributes';

/** A timeline entry as written: the time is added, and every entry carries its facts. */
export type NewTimelineEntry = Omit<TimelineEntry, 'at' | 'facts'> & { facts: TimelineFacts };

export class CaseContext {
  readonly act: CaseActivities;
  readonly s: CaseState;
  /** Case events written by the workflow worker as a local activity; runs started before keep the hotline's. */
  private readonly localEvents: boolean;
  /** The search attributes the server has (as JSON), when the case skips unchanged upserts (revision 3). */
  private searchAttributesOnServer: string | null = null;

  constructor(readonly input: HelpRequestInput) {
    this.act = activityProxies(input);
    // 不挑不选: the 2-working-day promise is made only to a caller who accepts any suitable job; for the others
    // the case is worked without escalation or breach. Cases opened before this rule keep their clock (replay).
    const promiseApplies = input.intake.acceptsAnyJob !== false || !hasPatch(input, 'promise-needs-any-job');
    this.s = newCaseState(input, promiseApplies);
    this.localEvents = hasPatch(input, 'case-events-local');
    const atStart = startSearchAttributes(input);
    if (skipsUnchangedSearchAttributes(input) && atStart.length)
      this.searchAttributesOnServer = JSON.stringify(atStart);
  }

  /** Workflow time: deterministic. */
  now(): string {
    return new Date().toISOString();
  }

  shanghaiToday(): string {
    return new Date(Date.now() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  }

  ended(): boolean {
    return isEnded(this.s);
  }

  placed(): boolean {
    return isPlaced(this.s);
  }

  view(): HelpRequestView {
    return viewOf(this.input, this.s);
  }

  /** Every entry carries its facts (references and codes) so the hotline can write it as a sentence. */
  log(entry: NewTimelineEntry): void {
    this.s.timeline.push({ at: this.now(), ...entry });
  }

  upsert(): void {
    // Skipped explicitly where the server lacks the attributes (test server).
    if (!this.input.options.upsertSearchAttributes) return;
    const attributes = searchAttributesOf(this.input, this.s);
    if (skipsUnchangedSearchAttributes(this.input)) {
      const json = JSON.stringify(attributes);
      if (json === this.searchAttributesOnServer) return;
      this.searchAttributesOnServer = json;
    }
    upsertSearchAttributes(attributes);
  }

  /** Case events feed the supervisors' board; the sequence makes them safe to apply out of order. */
  publish(type: string, actor: string, detail?: string): Promise<void> {
    const event = { type, actor, detail, snapshot: nextSnapshot(this.input, this.s) };
    return this.localEvents
      ? this.act.hotlineLocal.publishCaseEvent(event)
      : this.act.hotline.publishCaseEvent(event);
  }

  transition(to: HelpRequestState, actor: string, detail?: string, facts: TimelineFacts = {}, note?: string) {
    const s = this.s;
    if (to === s.state) return;
    this.log({
      kind: 'transition',
      actor,
      from: s.state,
      to,
      ...(detail ? { detail } : {}),
      facts,
      ...(note ? { note } : {}),
    });
    s.state = to;
    this.upsert();
  }

  /** A service record in the person's file, idempotent per case, cycle and request key. */
  serviceRecord(
    actor: HelpRequestActor,
    kind: RecordServiceInput['kind'],
    requestKey: string,
    outcome: string,
    channel: RecordServiceInput['channel'] = 'phone',
  ) {
    return this.act.people.recordService({
      actor,
      personId: this.s.person!.personId,
      kind,
      channel,
      occurredAt: this.now(),
      outcome,
      requestId: `${this.input.caseId}:${this.s.cycle}:${requestKey}`,
    });
  }

  /** Runs a step an operator is waiting for; a failed activity becomes a clear update failure. */
  async operatorStep<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      const failure = failureOf(err);
      // A refusal by the service (bad state, closed vacancy) is a conflict; retries used up mean it is down.
      const refused = (err as { cause?: { nonRetryable?: boolean } }).cause?.nonRetryable === true;
      return reject(failure.message, refused ? HelpRequestErrors.conflict : HelpRequestErrors.unavailable);
    }
  }

  referralFor(referralId: unknown): CaseReferral {
    const referral = this.s.referrals.get(requireText(referralId, 'referralId'));
    if (!referral) reject(`unknown referral ${String(referralId)}`, HelpRequestErrors.unknownReferral);
    return referral;
  }

  requireOpen(): void {
    if (this.ended()) reject(`case is ${this.s.state}`, HelpRequestErrors.ended);
  }

  requireWorking(what: string): void {
    this.requireOpen();
    if (!WORKING_STATES.includes(this.s.state)) {
      reject(`cannot ${what} while ${this.s.state}`, HelpRequestErrors.conflict);
    }
  }
}
