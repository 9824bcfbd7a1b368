/**
 * A deliberately non-deterministic edit of `helpRequest` for the replay spec: an extra timer before the first
 * activity, as a careless change without `patched()` would add. Never exported to the worker.
 */
import { sleep } from '@temporalio/workflow';
import type { HelpRequestInput, HelpRequestResult } from '@platform/contracts';
import { helpRequest as current } from '../help-request.workflow';

export async function helpRequest(input: HelpRequestInput): Promise<HelpRequestResult> {
  await sleep('1 second');
  return current(input);
}
