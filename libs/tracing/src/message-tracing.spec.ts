import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  consumeInSpan,
  contextFromHeaders,
  currentTraceCarrier,
  publishTraceHeaders,
} from './message-tracing';
import { startTracing, type Tracing } from './start-tracing';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('trace context through messages', () => {
  describe('with tracing on', () => {
    let tracing: Tracing;
    let exported: InMemorySpanExporter;

    beforeEach(() => {
      exported = new InMemorySpanExporter();
      tracing = startTracing('message-tracing-spec', { exporter: exported })!;
    });
    afterEach(() => tracing.shutdown());

    const finished = async (): Promise<ReadableSpan[]> => {
      await tracing.flush();
      return exported.getFinishedSpans();
    };

    it('captures the active span as a W3C traceparent, and reads it back from Kafka header buffers', () => {
      const span = trace.getTracer('spec').startSpan('request');
      const carrier = context.with(trace.setSpan(context.active(), span), () => currentTraceCarrier());
      span.end();

      const [, traceId, spanId] = TRACEPARENT.exec(carrier.traceparent) ?? [];
      expect(traceId).toBe(span.spanContext().traceId);
      expect(spanId).toBe(span.spanContext().spanId);
      // kafkajs hands header values over as Buffers.
      const extracted = trace.getSpanContext(
        contextFromHeaders({ traceparent: Buffer.from(carrier.traceparent) }),
      );
      expect(extracted).toMatchObject({ traceId, spanId, isRemote: true });
    });

    it('carries nothing outside a span, and reads no parent from headers without one', () => {
      expect(currentTraceCarrier()).toEqual({});
      expect(trace.getSpanContext(contextFromHeaders({ 'event-id': 'e1' }))).toBeUndefined();
      expect(trace.getSpanContext(contextFromHeaders({ traceparent: 'not-a-traceparent' }))).toBeUndefined();
    });

    it('links request → publish → consume into one trace', async () => {
      const request = trace.getTracer('spec').startSpan('POST /cases');
      const stored = context.with(trace.setSpan(context.active(), request), () => currentTraceCarrier());
      request.end();

      const headers = publishTraceHeaders({
        topic: 'hotline.case.v1',
        messageId: '6f1c1b0e-3d5a-4a43-9d55-0c6f5a1d2b3c',
        eventType: 'hotline.case.opened',
        storedContext: stored,
      });
      let activeInHandler: string | undefined;
      const handler = consumeInSpan('hotline_x.case-board', async () => {
        activeInHandler = trace.getActiveSpan()?.spanContext().spanId;
      });
      await handler({ topic: 'hotline.case.v1', partition: 2, message: { headers, offset: '41' } });

      const spans = await finished();
      const byName = (name: string) => spans.find((span) => span.name === name)!;
      const publish = byName('publish hotline.case.v1');
      const consume = byName('process hotline.case.v1 [hotline_x.case-board]');
      const traceId = request.spanContext().traceId;
      expect(publish.spanContext().traceId).toBe(traceId);
      expect(publish.parentSpanId).toBe(request.spanContext().spanId);
      expect(publish.kind).toBe(SpanKind.PRODUCER);
      expect(publish.attributes['messaging.message.id']).toBe('6f1c1b0e-3d5a-4a43-9d55-0c6f5a1d2b3c');
      expect(consume.spanContext().traceId).toBe(traceId);
      expect(consume.parentSpanId).toBe(publish.spanContext().spanId);
      expect(consume.kind).toBe(SpanKind.CONSUMER);
      expect(consume.attributes).toMatchObject({
        'messaging.consumer.group.name': 'hotline_x.case-board',
        'messaging.destination.partition.id': '2',
        'messaging.kafka.offset': 41,
      });
      // The handler runs inside the consume span: what it does (a signal, a write) joins the trace.
      expect(activeInHandler).toBe(consume.spanContext().spanId);
    });

    it('adds no headers for an event enqueued outside any trace', () => {
      expect(
        publishTraceHeaders({ topic: 't', messageId: 'm', eventType: 'a.b.c', storedContext: undefined }),
      ).toEqual({});
      expect(
        publishTraceHeaders({
          topic: 't',
          messageId: 'm',
          eventType: 'a.b.c',
          storedContext: { traceparent: 'x' },
        }),
      ).toEqual({});
    });

    it('marks the consume span as failed and passes the error on', async () => {
      const failing = consumeInSpan('group', async () => {
        throw new TypeError('bad row for 13800138000');
      });
      await expect(failing({ topic: 't', message: {} })).rejects.toThrow('13800138000');

      const [span] = await finished();
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(span.parentSpanId).toBeUndefined();
      // The exporter keeps the exception's type, never its message.
      expect(span.events[0].attributes).toEqual({ 'exception.type': 'TypeError' });
    });
  });

  describe('with tracing off', () => {
    it('adds no headers and leaves the handler as it is', async () => {
      const handle = async () => undefined;
      expect(consumeInSpan('group', handle)).toBe(handle);
      expect(
        publishTraceHeaders({
          topic: 't',
          messageId: 'm',
          eventType: 'a.b.c',
          storedContext: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
        }),
      ).toEqual({});
      const span = trace.getTracer('spec').startSpan('request');
      expect(context.with(trace.setSpan(context.active(), span), () => currentTraceCarrier())).toEqual({});
    });
  });
});
