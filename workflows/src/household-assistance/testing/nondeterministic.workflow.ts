/**
 * A deliberately non-deterministic edit of `householdAssistance` for the replay spec: an extra timer before the
 * first command, as a careless change without `patched()` would add. Never exported to the worker.
 */
import { sleep } from '@temporalio/workflow';
import type { HouseholdAssistanceInput, HouseholdAssistanceResult } from '@platform/contracts';
import { householdAssistance as current } from '../household-assistance.workflow';

export async function householdAssistance(
  input: HouseholdAssistanceInput,
): Promise<HouseholdAssistanceResult> {
  await sleep('1 second');
  return current(input);
}
