import { sleep, workflowInfo } from '@temporalio/workflow';

export interface TimerCheckResult {
  workflowId: string;
  sleptMs: number;
}

/**
 * Proves that durable timers work end to end (used by smoke checks and tests): the case workflow's
 * 2-working-day clock relies on exactly this.
 */
export async function timerCheck(sleepMs: number): Promise<TimerCheckResult> {
  const started = Date.now(); // workflow time: deterministic, advanced by the server
  await sleep(sleepMs);
  return { workflowId: workflowInfo().workflowId, sleptMs: Date.now() - started };
}
