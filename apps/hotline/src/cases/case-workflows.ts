import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { HelpRequestMessages } from '@platform/contracts';
import type {
  CalendarChangedSignal,
  CaseMatchProfile,
  CloseCaseRequest,
  ConfirmStartRequest,
  EscalateNowRequest,
  HandOffRequest,
  HelpRequestInput,
  HelpRequestView,
  PersonAnswerRequest,
  ProposeReferralRequest,
  RecordCallbackRequest,
  RecordContactRequest,
  RecordFollowUpRequest,
  ReferralChangedSignal,
  TimelineEntry,
} from '@platform/contracts';
import { HotlineConfig } from '../config';

/** The hotline's Temporal client (payloads encrypted); used only through `CaseWorkflows`. */
export const CASE_WORKFLOW_CLIENT = Symbol('CASE_WORKFLOW_CLIENT');

/** The hotline config, as the cases feature reads it. */
export const CASES_CONFIG = Symbol('CASES_CONFIG');

export const HELP_REQUEST_WORKFLOW = 'helpRequest';
export const QUERY_TIMEOUT_MS = 10_000;
/** How long shutdown waits for calls still in flight before it closes the connection anyway. */
export const SHUTDOWN_DRAIN_MS = 15_000;

/** The operator actions, each a workflow update answering the new view. */
export interface CaseUpdates {
  proposeReferral: ProposeReferralRequest;
  recordPersonAnswer: PersonAnswerRequest;
  confirmStart: ConfirmStartRequest;
  recordContact: RecordContactRequest;
  recordCallback: RecordCallbackRequest;
  recordFollowUp: RecordFollowUpRequest;
  handOff: HandOffRequest;
  escalateNow: EscalateNowRequest;
  close: CloseCaseRequest;
}

/**
 * Typed access to `helpRequest` workflows (workflow ID = case ID). Every call goes through `inFlight`: the
 * client retries a failed call from a timer, and a retry that fires after `connection.close()` throws outside
 * any promise (an uncaught "Channel has been shut down"), so shutdown waits for the calls first.
 */
@Injectable()
export class CaseWorkflows implements OnApplicationShutdown {
  private readonly calls = new Set<Promise<unknown>>();

  constructor(
    @Inject(CASE_WORKFLOW_CLIENT) private readonly client: Client,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
  ) {}

  /**
   * Starts the case's workflow; true when this call started it, false when it was already started (a retry,
   * the sweeper, or a replica got there first). A case ID is never reused, even after its workflow ended.
   */
  async start(input: HelpRequestInput): Promise<boolean> {
    try {
      await this.inFlight(() =>
        this.client.workflow.start(HELP_REQUEST_WORKFLOW, {
          workflowId: input.caseId,
          taskQueue: this.config.HOTLINE_WORKFLOW_TASK_QUEUE,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  state(caseId: string): Promise<HelpRequestView> {
    return this.query<HelpRequestView>(caseId, HelpRequestMessages.state);
  }

  timeline(caseId: string): Promise<TimelineEntry[]> {
    return this.query<TimelineEntry[]>(caseId, HelpRequestMessages.timeline);
  }

  matchProfile(caseId: string): Promise<CaseMatchProfile> {
    return this.query<CaseMatchProfile>(caseId, HelpRequestMessages.matchProfile);
  }

  update<K extends keyof CaseUpdates>(
    caseId: string,
    name: K,
    request: CaseUpdates[K],
  ): Promise<HelpRequestView> {
    return this.inFlight(() =>
      this.client.workflow
        .getHandle(caseId)
        .executeUpdate<HelpRequestView, [CaseUpdates[K]]>(HelpRequestMessages[name], { args: [request] }),
    );
  }

  referralChanged(caseId: string, signal: ReferralChangedSignal): Promise<void> {
    return this.inFlight(() =>
      this.client.workflow.getHandle(caseId).signal(HelpRequestMessages.referralChanged, signal),
    );
  }

  calendarChanged(caseId: string, signal: CalendarChangedSignal): Promise<void> {
    return this.inFlight(() =>
      this.client.workflow.getHandle(caseId).signal(HelpRequestMessages.calendarChanged, signal),
    );
  }

  /** Bounded: with no worker polling, a query would otherwise hold the HTTP request open. */
  private query<T>(caseId: string, name: string): Promise<T> {
    return this.inFlight(() =>
      this.client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(caseId).query<T>(name),
      ),
    );
  }

  private inFlight<T>(call: () => Promise<T>): Promise<T> {
    const promise = call();
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.calls.add(settled);
    void settled.then(() => this.calls.delete(settled));
    return promise;
  }

  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.calls),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_DRAIN_MS))),
    ]);
    clearTimeout(timer);
    await this.client.connection.close();
  }
}
