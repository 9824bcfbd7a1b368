// Spec-local workflow: proves the employers activities are reachable on their task queue through a real Temporal
// server, the way the case workflow's escalation will call them. Deterministic code only.
import { proxyActivities } from '@temporalio/workflow';
import type { EmployersActivities } from '@platform/contracts';

export async function escalationRoundTrip(input: {
  taskQueue: string;
  caseId: string;
  poolId: string;
  baseId: string;
  period: string;
}): Promise<{ slot: string; base: string; released: string }> {
  const employers = proxyActivities<EmployersActivities>({
    taskQueue: input.taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 3 },
  });
  const common = {
    actor: { username: 'workflow' },
    correlationId: input.caseId,
    caseId: input.caseId,
    personId: 'p-wf',
  };
  const slot = await employers.reserveWelfareSlot({
    ...common,
    poolId: input.poolId,
    categories: ['older_urban'],
  });
  const confirmed = await employers.confirmReservation({ ...common, reservationId: slot.reservationId });
  const base = await employers.reserveAssistanceBaseCapacity({
    ...common,
    baseId: input.baseId,
    period: input.period,
    categories: ['older_urban'],
  });
  const released = await employers.releaseReservation({ ...common, reservationId: base.reservationId });
  return { slot: confirmed.status, base: base.status, released: released.status };
}
