import { join, resolve } from 'node:path';
import type { ClientInterceptors } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import { activeTracing, type Tracing } from '@platform/tracing';

/**
 * The workflow side of tracing (docs/operations.md, Traces): the module the bundler adds to the workflow code
 * when the worker traces. It only reads and writes headers and hands finished spans to a sink, so it adds no
 * command: histories replay the same with or without it (help-request.replay.spec.ts checks both).
 */
export const WORKFLOW_TRACING_INTERCEPTORS_PATH = join(
  resolve(__dirname, '../../..'),
  'workflows/src/tracing-interceptors.ts',
);

/**
 * For `new Client({ interceptors })`: starting a workflow and signalling it run in a span whose context travels
 * to the workflow in the `_tracer-data` header. Undefined (no interceptor at all) when tracing is off.
 */
export function tracingClientInterceptors(): ClientInterceptors | undefined {
  if (!activeTracing()) return undefined;
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/** Each activity (remote or local) runs in a span, child of the workflow's schedule span; its logs carry the ids. */
export function tracingActivityInterceptors(): ActivityInterceptorsFactory[] {
  if (!activeTracing()) return [];
  return [
    (ctx) => ({
      inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
      outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
    }),
  ];
}

/**
 * For the workflow worker's `Worker.create`: the workflow interceptors module in the bundle, the activity
 * interceptors, and the `exporter` sink through which workflow spans (made inside the sandbox) leave by the
 * process's scrubbing exporter. Nothing when tracing is off.
 */
export function tracingWorkerOptions(
  tracing: Tracing | undefined = activeTracing(),
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!tracing) return {};
  return {
    interceptors: {
      workflowModules: [WORKFLOW_TRACING_INTERCEPTORS_PATH],
      activity: tracingActivityInterceptors(),
    },
    sinks: workflowSpanSinks(tracing),
  };
}

/** The sink the workflow interceptors hand their finished spans to (also for a replay worker). */
export function workflowSpanSinks(tracing: Pick<Tracing, 'exporter' | 'resource'>) {
  return { exporter: makeWorkflowExporter(tracing.exporter, tracing.resource) };
}
