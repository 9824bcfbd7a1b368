import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { startTracing } from '@platform/tracing';
import { serviceLogOptions } from './logging.module';

/** A pino logger with the services' options, its lines parsed. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino(serviceLogOptions('test', 'info') as pino.LoggerOptions, sink), lines };
}

describe('trace ids in log lines', () => {
  it('adds trace_id and span_id to a line written inside a span, and nothing outside one', async () => {
    const tracing = startTracing('log-spec', { exporter: new InMemorySpanExporter() })!;
    try {
      const { logger, lines } = capturingLogger();
      logger.info('before any span');
      const span = await trace.getTracer('spec').startActiveSpan('work', async (active) => {
        await Promise.resolve(); // across an await, as in a request handler
        logger.info({ caseId: 'c1' }, 'inside');
        active.end();
        return active;
      });

      expect(lines[0]).not.toHaveProperty('trace_id');
      expect(lines[1]).toMatchObject({
        msg: 'inside',
        trace_id: span.spanContext().traceId,
        span_id: span.spanContext().spanId,
      });
      expect(lines[1].trace_id).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await tracing.shutdown();
    }
  });

  it('adds nothing when tracing is off', () => {
    const { logger, lines } = capturingLogger();
    trace.getTracer('spec').startActiveSpan('work', (span) => {
      logger.info('inside');
      span.end();
    });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });
});
