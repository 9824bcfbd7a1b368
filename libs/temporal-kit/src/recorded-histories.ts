/**
 * The replay specs' common part: the histories a workflow spec recorded (RECORD_HISTORIES=1, protobuf-encoded
 * `<workflowId>.history.bin`), replayed against the workflow code bundled as the hotline worker bundles it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, ReplayResult, Worker } from '@temporalio/worker';
import { WORKFLOW_TRACING_INTERCEPTORS_PATH, workflowSpanSinks } from './tracing-interceptors';
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

/**
 * Replays every history against the workflows at `workflowsPath` (default: the worker's); `traced`: with the
 * tracing interceptors in the bundle, as a worker that exports traces runs them.
 */
export async function replayRecordedHistories(
  histories: RecordedHistory[],
  workflowsPath?: string,
  options: { traced?: boolean } = {},
): Promise<ReplayResult[]> {
  const workflowBundle = await bundleWorkflowCode({
    ...workflowBundleCodeOptions(workflowsPath),
    ...(options.traced ? { workflowInterceptorModules: [WORKFLOW_TRACING_INTERCEPTORS_PATH] } : {}),
  });
  const results: ReplayResult[] = [];
  // A replay calls no sink, but the traced bundle's sink must be registered all the same.
  const sinks = options.traced
    ? workflowSpanSinks({ exporter: new InMemorySpanExporter(), resource: Resource.empty() })
    : undefined;
  for await (const result of Worker.runReplayHistories({ workflowBundle, sinks }, histories))
    results.push(result);
  return results;
}
