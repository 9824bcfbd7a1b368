import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Paths that must never reach a log, whatever a developer logs by mistake: credentials and personal data
 * (ID numbers, phones, disability, 低保, households).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'disability',
  '*.disability',
  'household',
  '*.household',
  'minimumLivingAllowance',
  '*.minimumLivingAllowance',
];

/** Structured JSON logs; every request carries a correlation id (taken from the caller or made here). */
@Module({})
export class LoggingModule {
  static forService(service: string, level: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            base: { service },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers[CORRELATION_HEADER];
              const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
              res.setHeader(CORRELATION_HEADER, id);
              return id;
            },
            // Health probes every few seconds would drown the log.
            autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                correlationId: req.id,
                method: req.method,
                url: req.url.split('?')[0],
              }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
