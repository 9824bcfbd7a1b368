/**
 * The replay specs' common part: the histories a workflow spec recorded (RECORD_HISTORIES=1, protobuf-encoded
 * `<workflowId>.history.bin`), replayed against the workflow code bundled as the hotline worker bundles it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, ReplayResult, Worker } from '@temporalio/worker';
import { workflowBundleCodeOptions } from './workflow-bundle';

export interface RecordedHistory {
  workflowId: string;
  history: temporal.api.history.v1.IHistory;
}

export function loadRecordedHistories(dir: string): RecordedHistory[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.history.bin'))
    .map((file) => ({
      workflowId: file.replace(/\.history\.bin$/, ''),
      history: temporal.api.history.v1.History.decode(readFileSync(join(dir, file))),
    }));
}

/** Replays every history against the workflows at `workflowsPath` (default: the worker's). */
export async function replayRecordedHistories(
  histories: RecordedHistory[],
  workflowsPath?: string,
): Promise<ReplayResult[]> {
  const workflowBundle = await bundleWorkflowCode(workflowBundleCodeOptions(workflowsPath));
  const results: ReplayResult[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) results.push(result);
  return results;
}
