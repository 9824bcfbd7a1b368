import {
  context,
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { activeTracing } from './start-tracing';

/** W3C trace context as text: `traceparent` and, when there is one, `tracestate`. */
export type TraceCarrier = Record<string, string>;

/** Kafka header values as kafkajs gives them. */
type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type MessageHeaders = Record<string, HeaderValue>;

const TRACER = '@platform/tracing/messaging';

const headerGetter: TextMapGetter<MessageHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map((item) => item.toString()) : value.toString();
  },
};

/** The trace context to carry along (into an outbox row, a header): empty when no span is active or tracing is off. */
export function currentTraceCarrier(from: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a message's headers (or a stored carrier) continue; the root context when they carry none. */
export function contextFromHeaders(headers: MessageHeaders | TraceCarrier | undefined): Context {
  if (!headers) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

const isCarrier = (value: unknown): value is TraceCarrier =>
  !!value && typeof value === 'object' && Object.values(value).every((item) => typeof item === 'string');

export interface PublishedMessage {
  topic: string;
  /** The event id (a uuid): the message id of the span. */
  messageId: string;
  eventType: string;
  /** The carrier stored with the message when it was enqueued (`currentTraceCarrier()`), if any. */
  storedContext?: unknown;
}

/**
 * The headers that continue the message's trace: a PRODUCER span `publish <topic>`, child of the context stored
 * when the event was enqueued, is recorded (it ends at once: it marks the message being created) and its context
 * is what the headers carry, so every consumer's span is its child. Empty when tracing is off or the message
 * was enqueued outside any trace.
 */
export function publishTraceHeaders(message: PublishedMessage): TraceCarrier {
  if (!activeTracing() || !isCarrier(message.storedContext)) return {};
  const parent = contextFromHeaders(message.storedContext);
  if (!trace.getSpanContext(parent)) return {};
  const span = trace.getTracer(TRACER).startSpan(
    `publish ${message.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.destination.name': message.topic,
        'messaging.message.id': message.messageId,
        'platform.event.type': message.eventType,
      },
    },
    parent,
  );
  span.end();
  return currentTraceCarrier(trace.setSpan(parent, span));
}

interface ConsumedPayload {
  topic: string;
  partition?: number;
  message: { headers?: MessageHeaders; offset?: string };
}

/**
 * Wraps a kafkajs `eachMessage` handler: each message is handled inside a CONSUMER span
 * `process <topic> [<consumer>]`, child of the context its headers carry (the publish span), so what the handler
 * does (a database write, a workflow signal) joins the trace of the request that caused the event. A failing
 * handler marks the span as an error (type only; see ScrubbingSpanExporter) and its error goes on as before.
 * Tracing off: the handler itself, unchanged.
 */
export function consumeInSpan<P extends ConsumedPayload>(
  consumer: string,
  handle: (payload: P) => Promise<void>,
): (payload: P) => Promise<void> {
  if (!activeTracing()) return handle;
  return (payload) =>
    trace.getTracer(TRACER).startActiveSpan(
      `process ${payload.topic} [${consumer}]`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': payload.topic,
          'messaging.consumer.group.name': consumer,
          ...(payload.partition === undefined
            ? {}
            : { 'messaging.destination.partition.id': String(payload.partition) }),
          ...(payload.message.offset === undefined
            ? {}
            : { 'messaging.kafka.offset': Number(payload.message.offset) }),
        },
      },
      contextFromHeaders(payload.message.headers),
      (span) => endWith(span, handle(payload)),
    );
}

async function endWith(span: Span, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
