import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import type {
  CalendarChangedSignal,
  CaseMatchProfile,
  HelpRequestInput,
  HelpRequestView,
  ReferralChangedSignal,
  TimelineEntry,
} from '@platform/contracts';
import {
  calendarChangedSignal,
  caseUpdates,
  helpRequestWorkflow,
  matchProfileQuery,
  referralChangedSignal,
  startSearchAttributes,
  stateQuery,
  timelineQuery,
  type CaseUpdateName,
  type CaseUpdateRequest,
} from '@platform/workflows/help-request';
import { HotlineConfig } from '../config';

/** The hotline's Temporal client (payloads encrypted); used only through `CaseWorkflows`. */
export const CASE_WORKFLOW_CLIENT = Symbol('CASE_WORKFLOW_CLIENT');

/** The hotline config, as the cases feature reads it. */
export const CASES_CONFIG = Symbol('CASES_CONFIG');

/** The workflow type the worker registers (the typed reference's name). */
export const HELP_REQUEST_WORKFLOW = helpRequestWorkflow.name;
export const QUERY_TIMEOUT_MS = 10_000;
/** How long shutdown waits for calls still in flight before it closes the connection anyway. */
export const SHUTDOWN_DRAIN_MS = 15_000;

/** The operator and supervisor actions by name, each a workflow update answering the new view (from the workflow's API). */
export type CaseUpdates = { [K in CaseUpdateName]: CaseUpdateRequest<K> };

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
        this.client.workflow.start(helpRequestWorkflow, {
          workflowId: input.caseId,
          taskQueue: this.config.HOTLINE_WORKFLOW_TASK_QUEUE,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: startSearchAttributes(input),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  state(caseId: string): Promise<HelpRequestView> {
    return this.query(caseId, stateQuery);
  }

  timeline(caseId: string): Promise<TimelineEntry[]> {
    return this.query(caseId, timelineQuery);
  }

  matchProfile(caseId: string): Promise<CaseMatchProfile> {
    return this.query(caseId, matchProfileQuery);
  }

  /** `update(caseId, 'escalateNow', request)`: the update by name, its request typed by the workflow's API. */
  update<K extends CaseUpdateName>(
    caseId: string,
    name: K,
    request: CaseUpdateRequest<K>,
  ): Promise<HelpRequestView> {
    // Indexing the definitions with a generic name loses the pairing of name and request; it holds by construction.
    const update = caseUpdates[name] as UpdateDefinition<HelpRequestView, [CaseUpdateRequest<K>]>;
    return this.inFlight(() =>
      this.client.workflow.getHandle(caseId).executeUpdate(update, { args: [request] }),
    );
  }

  referralChanged(caseId: string, signal: ReferralChangedSignal): Promise<void> {
    return this.inFlight(() => this.client.workflow.getHandle(caseId).signal(referralChangedSignal, signal));
  }

  calendarChanged(caseId: string, signal: CalendarChangedSignal): Promise<void> {
    return this.inFlight(() => this.client.workflow.getHandle(caseId).signal(calendarChangedSignal, signal));
  }

  /** Bounded: with no worker polling, a query would otherwise hold the HTTP request open. */
  private query<T>(caseId: string, definition: QueryDefinition<T>): Promise<T> {
    return this.inFlight(() =>
      this.client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        this.client.workflow.getHandle(caseId).query(definition),
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
