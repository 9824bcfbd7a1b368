/**
 * Workflow interceptors for OpenTelemetry (added to the bundle by the worker only when it traces; see
 * libs/temporal-kit/src/tracing-interceptors.ts). The run, each signal it receives and each activity it schedules
 * get a span; the spans are built from the workflow's deterministic clock and random ids and leave through a
 * sink, and contexts travel in headers, so no command changes and replay is unaffected.
 */
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
