import type { Attributes, AttributeValue, SpanStatus } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter, TimedEvent } from '@opentelemetry/sdk-trace-base';

/**
 * Attributes never exported: query strings (names and phones travel in search parameters), caller addresses
 * and user agents, and the parts of a Temporal workflow's info that hold payloads (memo, last result/failure)
 * or search attributes as objects.
 */
const DROPPED_ATTRIBUTES = new Set([
  'url.query',
  'http.client_ip',
  'client.address',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'http.user_agent',
  'user_agent.original',
  'memo',
  'lastResult',
  'lastFailure',
  'searchAttributes',
  'typedSearchAttributes',
]);

/** Attributes that hold a URL or a request target: kept without their query string and fragment. */
const URL_ATTRIBUTES = new Set(['http.url', 'http.target', 'url.full']);

/** Of an exception event only its type is kept: messages and stack traces may quote personal data. */
const EXCEPTION_ATTRIBUTES = new Set(['exception.type', 'exception.escaped']);

const withoutQuery = (url: string): string => url.replace(/[?#].*$/s, '');

const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A valid OpenTelemetry attribute value: a primitive or an array of primitives (objects are dropped). */
const isAttributeValue = (value: unknown): value is AttributeValue =>
  isPrimitive(value) || (Array.isArray(value) && value.every((item) => item == null || isPrimitive(item)));

export function scrubAttributes(attributes: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (DROPPED_ATTRIBUTES.has(key) || !isAttributeValue(value)) continue;
    kept[key] = URL_ATTRIBUTES.has(key) && typeof value === 'string' ? withoutQuery(value) : value;
  }
  return kept;
}

function scrubEvent(event: TimedEvent): TimedEvent {
  if (event.name !== 'exception' || !event.attributes) return event;
  const attributes = Object.fromEntries(
    Object.entries(event.attributes).filter(([key]) => EXCEPTION_ATTRIBUTES.has(key)),
  );
  return { ...event, attributes };
}

/** The status code only: an error's message may quote what the caller sent. */
const scrubStatus = (status: SpanStatus): SpanStatus => ({ code: status.code });

/**
 * The span as exported: a view over the original (its prototype), with the attributes, events and status
 * replaced, so the methods and fields exporters read (spanContext(), parentSpanId, resource...) stay as they are.
 */
export function scrubSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    attributes: { value: scrubAttributes(span.attributes), enumerable: true },
    events: { value: span.events.map(scrubEvent), enumerable: true },
    status: { value: scrubStatus(span.status), enumerable: true },
  }) as ReadableSpan;
}

/**
 * Wraps the real exporter so that no span leaves the process with personal data (docs/operations.md, Traces):
 * every span of the process, and the workflow spans the Temporal sink hands over, pass through here.
 */
export class ScrubbingSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans.map(scrubSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
