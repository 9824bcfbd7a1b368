import { defineSearchAttributeKey } from '@temporalio/common';
import { proxyActivities, proxyLocalActivities, sleep, upsertSearchAttributes } from '@temporalio/workflow';

/**
 * The bare baseline of `bench:intake`, bundled by its own worker (never part of the hotline's workflows): a
 * workflow that does nothing, so start → completed is Temporal's own round trip and nothing else.
 */
export async function benchNoop(n: number): Promise<number> {
  return n;
}

/**
 * The Temporal work of one intake with nothing behind it: the registration as an activity on another queue
 * (a no-op), the SLA timer started alongside, then one search-attribute upsert and the case event as a local
 * activity (a no-op). Its rate is what Temporal alone allows an intake on this machine.
 */
export async function benchIntakeShape(activityQueue: string): Promise<void> {
  const { benchRegister } = proxyActivities<ShapeActivities>({
    taskQueue: activityQueue,
    startToCloseTimeout: '10 seconds',
  });
  const { benchPublish } = proxyLocalActivities<ShapeActivities>({ startToCloseTimeout: '10 seconds' });
  const registered = benchRegister();
  // The SLA clock: started with the registration, never awaited (a completed run drops it).
  void sleep('2 days');
  await registered;
  upsertSearchAttributes([{ key: CASE_STATUS, value: 'registered' }]);
  await benchPublish();
}

export interface ShapeActivities {
  benchRegister(): Promise<void>;
  benchPublish(): Promise<void>;
}

// The case's status attribute by its name (this bundle has no workspace aliases to import the contracts).
const CASE_STATUS = defineSearchAttributeKey('CaseStatus', 'KEYWORD');
