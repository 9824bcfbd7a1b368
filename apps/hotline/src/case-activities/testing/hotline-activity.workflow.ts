import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type {
  ComputeCaseSlaInput,
  HotlineActivities,
  PublishCaseEventInput,
  SchedulePlacementInput,
} from '@platform/contracts';

/** Spec-only workflow: calls the hotline activities on the queue it is given, as the case workflow does. */
export async function hotlineActivityProbe(input: {
  taskQueue: string;
  caseId: string;
  sla: ComputeCaseSlaInput;
  placement: SchedulePlacementInput;
  event: PublishCaseEventInput;
  badSla: ComputeCaseSlaInput;
}): Promise<unknown> {
  const hotline = proxyActivities<HotlineActivities>({
    taskQueue: input.taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 3, initialInterval: '100 milliseconds' },
  });
  const { policy, sla: prepared } = await hotline.prepareCase({
    caseId: input.caseId,
    startedAt: input.sla.startedAt,
  });
  const sla = await hotline.computeCaseSla(input.sla);
  const schedule = await hotline.schedulePlacement(input.placement);
  await hotline.publishCaseEvent(input.event);
  let badInput: unknown = null;
  try {
    await hotline.computeCaseSla(input.badSla);
  } catch (error) {
    const cause = error instanceof ActivityFailure ? error.cause : undefined;
    badInput =
      cause instanceof ApplicationFailure
        ? { type: cause.type, nonRetryable: cause.nonRetryable }
        : { unexpected: String(error) };
  }
  return { policy, prepared, sla, schedule, badInput };
}
