import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type {
  HouseholdAssistanceInput,
  HouseholdEpisodeView,
  HouseholdLeftStatusSignal,
  HouseholdMemberPlacedSignal,
  HouseholdReenteredSignal,
} from '@platform/contracts';
import type { UpdateDefinition } from '@temporalio/common';
import {
  householdAssistanceWorkflow,
  householdSignals,
  householdUpdates,
  householdViewQuery,
  type HouseholdUpdateName,
  type HouseholdUpdateRequest,
} from '@platform/workflows/household-assistance';
import { HotlineConfig } from '../config';
import { CASE_WORKFLOW_CLIENT, CASES_CONFIG, QUERY_TIMEOUT_MS } from '../cases/case-workflows';

/** Typed access to `householdAssistance` workflows (workflow ID = episode ID), over the hotline's Temporal client. */
@Injectable()
export class HouseholdWorkflows {
  constructor(
    @Inject(CASE_WORKFLOW_CLIENT) private readonly client: Client,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
  ) {}

  /** True when this call started the episode, false when it was already started (a redelivered event). */
  async start(input: HouseholdAssistanceInput): Promise<boolean> {
    try {
      await this.client.workflow.start(householdAssistanceWorkflow, {
        workflowId: input.episodeId,
        taskQueue: this.config.HOTLINE_WORKFLOW_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return true;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
      throw error;
    }
  }

  view(episodeId: string): Promise<HouseholdEpisodeView> {
    return this.client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
      this.client.workflow.getHandle(episodeId).query(householdViewQuery),
    );
  }

  update<K extends HouseholdUpdateName>(
    episodeId: string,
    name: K,
    request: HouseholdUpdateRequest<K>,
  ): Promise<HouseholdEpisodeView> {
    // Indexing the definitions with a generic name loses the pairing of name and request; it holds by construction.
    const update = householdUpdates[name] as UpdateDefinition<
      HouseholdEpisodeView,
      [HouseholdUpdateRequest<K>]
    >;
    return this.client.workflow.getHandle(episodeId).executeUpdate(update, { args: [request] });
  }

  leftStatus(episodeId: string, signal: HouseholdLeftStatusSignal): Promise<void> {
    return this.client.workflow.getHandle(episodeId).signal(householdSignals.householdLeftStatus, signal);
  }

  reentered(episodeId: string, signal: HouseholdReenteredSignal): Promise<void> {
    return this.client.workflow.getHandle(episodeId).signal(householdSignals.householdReentered, signal);
  }

  memberPlaced(episodeId: string, signal: HouseholdMemberPlacedSignal): Promise<void> {
    return this.client.workflow.getHandle(episodeId).signal(householdSignals.memberPlaced, signal);
  }
}
