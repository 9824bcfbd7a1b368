import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { scrubSpan } from './scrubbing-exporter';
import { activeTracing, startTracing, tracingConfigured } from './start-tracing';

describe('startTracing', () => {
  it('is off unless an OTLP endpoint is configured, and off when the SDK is disabled', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' })).toBe(
      true,
    );
    expect(
      tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' }),
    ).toBe(false);
    expect(startTracing('off', { env: {} })).toBeUndefined();
    expect(activeTracing()).toBeUndefined();
    // Nothing registered: the API hands out non-recording spans.
    expect(trace.getTracer('spec').startSpan('x').isRecording()).toBe(false);
  });

  it('names server spans by route template and exports no query string, caller address or agent', async () => {
    const exported = new InMemorySpanExporter();
    const tracing = startTracing('start-tracing-spec', { exporter: exported })!;
    // Loaded after tracing started, as each app's main.ts does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const express = require('express') as typeof import('express');
    const app = express();
    app.get('/people/:id', (_req, res) => {
      res.json({ ok: true });
    });
    app.get('/health/ready', (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const http = require('node:http') as typeof import('node:http');
      const get = (path: string) =>
        new Promise<number>((resolve, reject) =>
          http
            .get(`${base}${path}`, { headers: { 'user-agent': 'spec-agent' } }, (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode ?? 0));
            })
            .on('error', reject),
        );
      expect(await get('/people/0b5f?name=%E6%9D%8E%E5%9B%9B&phone=13800138000')).toBe(200);
      expect(await get('/health/ready')).toBe(200);
      await tracing.flush();

      const spans = exported.getFinishedSpans();
      const server = spans.find((span) => span.kind === SpanKind.SERVER)!;
      const client = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === 'GET')!;
      expect(server.name).toBe('GET /people/:id');
      expect(server.attributes['http.route']).toBe('/people/:id');
      // The client span is the server span's parent: W3C trace context went over the wire.
      expect(server.parentSpanId).toBe(client.spanContext().spanId);
      // Health probes are not traced.
      expect(spans.filter((span) => span.kind === SpanKind.SERVER)).toHaveLength(1);
      const text = JSON.stringify(spans.map((span) => span.attributes));
      expect(text).not.toMatch(/13800138000|name=|spec-agent/);
      expect(server.attributes['http.target']).toBe('/people/0b5f');
      expect(client.attributes['http.url']).toBe(`${base}/people/0b5f`);
      expect(server.attributes).not.toHaveProperty('http.user_agent');
      expect(server.attributes).not.toHaveProperty('net.peer.ip');
    } finally {
      server.close();
      await tracing.shutdown();
    }
    expect(activeTracing()).toBeUndefined();
  });
});

describe('scrubSpan', () => {
  it('keeps the span as it is but for query strings, object values, error messages and stack traces', () => {
    const original = {
      name: 'RunActivity:registerPerson',
      spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }),
      parentSpanId: 'c'.repeat(16),
      attributes: {
        'url.full': 'https://sms.example/send?to=13800138000#x',
        'url.query': 'to=13800138000',
        workflowId: 'case-1',
        memo: { note: '李四' },
        typedSearchAttributes: [{ key: 'CaseStatus' }],
        attempt: 2,
      },
      events: [
        {
          name: 'exception',
          time: [0, 0],
          attributes: {
            'exception.type': 'ApplicationFailure',
            'exception.message': 'phone 13800138000 already registered',
            'exception.stacktrace': 'ApplicationFailure: phone 13800138000 already registered\n    at x',
          },
        },
      ],
      status: { code: SpanStatusCode.ERROR, message: 'phone 13800138000 already registered' },
    } as unknown as ReadableSpan;

    const scrubbed = scrubSpan(original);

    expect(JSON.stringify([scrubbed.attributes, scrubbed.events, scrubbed.status])).not.toMatch(
      /13800138000|李四/,
    );
    expect(scrubbed.attributes).toEqual({
      'url.full': 'https://sms.example/send',
      workflowId: 'case-1',
      attempt: 2,
    });
    expect(scrubbed.events[0].attributes).toEqual({ 'exception.type': 'ApplicationFailure' });
    expect(scrubbed.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(scrubbed.name).toBe('RunActivity:registerPerson');
    expect(scrubbed.parentSpanId).toBe('c'.repeat(16));
    expect(scrubbed.spanContext().spanId).toBe('b'.repeat(16));
  });
});
