import { proxyLocalActivities, sleep } from '@temporalio/workflow';

/**
 * The bare baseline of `bench:intake`, bundled by its own worker (never part of the hotline's workflows): a
 * workflow that does nothing, so start → completed is Temporal's own round trip and nothing else.
 */
export async function benchNoop(n: number): Promise<number> {
  return n;
}

/**
 * The Temporal work of one intake with nothing behind it: the hotline registered the caller during the call and
 * started the case as registered, so its first workflow task starts the SLA timer and writes the registered
 * event as a local activity (a no-op). Its rate is what Temporal alone allows an intake on this machine.
 */
export async function benchIntakeShape(): Promise<void> {
  const { benchPublish } = proxyLocalActivities<ShapeActivities>({ startToCloseTimeout: '10 seconds' });
  // The SLA clock: started with the registration, never awaited (a completed run drops it).
  void sleep('2 days');
  await benchPublish();
}

export interface ShapeActivities {
  benchPublish(): Promise<void>;
}
