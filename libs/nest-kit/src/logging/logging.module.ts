import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, LogFn } from 'pino';
import type { Options } from 'pino-http';
import { traceLogFields } from '@platform/tracing';
import { routeKafkaLogsThroughRedaction } from './kafka-logs';
import { redactForLog, redactLogArguments, serializeError } from './log-redaction';

export const CORRELATION_HEADER = 'x-correlation-id';

let destination: DestinationStream | undefined;

/**
 * Sends the logs of every service started afterwards in this process to `stream` instead of stdout (tests that
 * read what the services log); `undefined` restores stdout.
 */
export function setLogDestination(stream: DestinationStream | undefined): void {
  destination = stream;
}

/**
 * The pino(-http) options of every service: every log call goes through `redactLogArguments` (errors by
 * class, code and constraint; personal fields dropped at any depth; ID and phone numbers masked), and
 * requests are logged by correlation id, method, path and status only: never headers, query strings or bodies.
 * A line written inside a span carries its `trace_id` and `span_id`.
 */
export function serviceLogOptions(service: string, level: string): Options {
  return {
    level,
    base: { service },
    // trace_id/span_id of the active span (tracing on), to go from a line to its trace and back.
    mixin: traceLogFields,
    ...(destination ? { stream: destination } : {}),
    hooks: {
      logMethod(args, method) {
        method.apply(this, redactLogArguments(args) as Parameters<LogFn>);
      },
    },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers[CORRELATION_HEADER];
      const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader(CORRELATION_HEADER, id);
      return id;
    },
    // Health probes every few seconds would drown the log.
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
    // pino-http's standard serializers copy headers and every field of an error; ours name only what is
    // safe, so they are not wrapped around them.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: string; originalUrl?: string }) => ({
        correlationId: req.id,
        method: req.method,
        url: (req.originalUrl ?? req.url ?? '').split('?')[0],
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => (err instanceof Error ? serializeError(err) : redactForLog(err)),
    },
  };
}

/** Structured JSON logs (see `serviceLogOptions`); every request carries a correlation id. */
@Module({})
export class LoggingModule {
  static forService(service: string, level: string): DynamicModule {
    // Before the service's modules create their Kafka clients.
    routeKafkaLogsThroughRedaction();
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: serviceLogOptions(service, level) })],
      exports: [LoggerModule],
    };
  }
}
