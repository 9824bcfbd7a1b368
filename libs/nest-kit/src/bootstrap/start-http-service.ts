import { INestApplication } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { MetricsService } from '@platform/metrics';
import { Logger } from 'nestjs-pino';
import { useProblemBodyParsers } from '../problem-details/body-parsing';
import { ProblemDetailsFilter } from '../problem-details/problem-details.filter';
import { strictValidationPipe } from '../problem-details/validation.pipe';
import { buildOpenApiDocument } from './openapi-document';

export { buildOpenApiDocument } from './openapi-document';

export interface HttpServiceOptions {
  serviceName: string;
  title: string;
  host: string;
  port: number;
  /** Express "trust proxy" (config TRUST_PROXY); the worker's health endpoint has no callers to tell apart. */
  trustProxy?: string;
}

/** Applies what every HTTP service shares: logger, strict validation, problem details, OpenAPI. */
export function configureHttpApp(
  app: INestApplication,
  options: Pick<HttpServiceOptions, 'title' | 'trustProxy'>,
): void {
  app.useLogger(app.get(Logger));
  const express = app.getHttpAdapter().getInstance();
  express.disable?.('x-powered-by');
  // Behind the console's proxy every caller would otherwise share the proxy's address (and its login limit).
  // A number is a hop count ("2": the Ingress and the console's nginx); anything else names addresses/subnets.
  const trust = options.trustProxy;
  if (trust) express.set?.('trust proxy', /^\d+$/.test(trust) ? Number(trust) : trust);
  // Times every request (before the body parsers, so a refused body is counted too); apps without /metrics skip it.
  const metrics = metricsOf(app);
  if (metrics) app.use(metrics.middleware());
  useProblemBodyParsers(app);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, options.title), {
    jsonDocumentUrl: 'docs-json',
  });
}

/**
 * The app's MetricsService, if it has one. Looked up through ModuleRef: a failed `app.get` would end the process
 * (Nest's abortOnError), and an app without /metrics (a test's canary) is no error.
 */
function metricsOf(app: INestApplication): MetricsService | undefined {
  try {
    return app.get(ModuleRef).get(MetricsService, { strict: false });
  } catch {
    return undefined;
  }
}

/** Creates, configures and starts a service; a port already in use ends the process with a plain message. */
export async function startHttpService(
  module: Parameters<typeof NestFactory.create>[0],
  options: HttpServiceOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  configureHttpApp(app, options);
  try {
    await app.listen(options.port, options.host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `${options.serviceName}: port ${options.port} on ${options.host} is already in use; ` +
          `stop the other process or set PORT to a free port.\n`,
      );
      await app.close();
      process.exit(1);
    }
    throw error;
  }
  return app;
}
