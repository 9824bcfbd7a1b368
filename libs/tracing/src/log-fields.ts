import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The active span's ids for a log line (`trace_id`, `span_id`), so a line can be found from its trace in Jaeger
 * and the other way round; empty when no span is active (tracing off: always).
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
