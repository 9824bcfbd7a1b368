import type { IncomingMessage } from 'node:http';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { isWrapped, registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ScrubbingSpanExporter } from './scrubbing-exporter';

export interface Tracing {
  serviceName: string;
  resource: Resource;
  /** The process's exporter (already scrubbing): the Temporal worker hands the workflows' spans to it. */
  exporter: SpanExporter;
  /** Exports what is still buffered. */
  flush(): Promise<void>;
  /** Flushes, stops, and takes back what `startTracing` installed (the HTTP patches, the global tracer). */
  shutdown(): Promise<void>;
}

let current: Tracing | undefined;

/**
 * Tracing is on when an OTLP endpoint is configured (the standard variables; docs/operations.md, Traces) and the
 * SDK is not disabled. Off, nothing is registered: the OpenTelemetry API stays a no-op.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === 'true') return false;
  return !!(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** The process's tracing, when `startTracing` turned it on. */
export function activeTracing(): Tracing | undefined {
  return current;
}

/** Health probes and metric scrapes every few seconds would bury the traces that matter. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/** The route template Express matched (`/cases/:id`), never the path with its ids or query. */
function routeTemplate(request: IncomingMessage): string | undefined {
  const { route, baseUrl } = request as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : undefined;
}

/**
 * Starts tracing for this process, before the modules it instruments are loaded (each app's `tracing.ts`,
 * imported first by its main.ts): HTTP server and client spans named by route template, W3C trace context on
 * the wire, spans exported by OTLP/HTTP in batches through the scrubbing exporter. Returns undefined (and does
 * nothing) when no endpoint is configured; a second call returns the first one's tracing (tests start several
 * services in one process).
 */
export function startTracing(
  serviceName: string,
  options: { env?: NodeJS.ProcessEnv; exporter?: SpanExporter } = {},
): Tracing | undefined {
  if (current) return current;
  if (!options.exporter && !tracingConfigured(options.env)) return undefined;
  const resource = new Resource({ [ATTR_SERVICE_NAME]: serviceName });
  // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself.
  const exporter = new ScrubbingSpanExporter(options.exporter ?? new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource,
    // A second between exports, so a process that is stopped loses little (OTEL_BSP_* still tune the rest).
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
  });
  // AsyncLocalStorage context, W3C traceparent/tracestate and baggage propagation, the global tracer.
  provider.register();
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
    applyCustomAttributesOnSpan: (span, request) => {
      const route = 'route' in request ? routeTemplate(request as IncomingMessage) : undefined;
      if (!route) return;
      span.setAttribute(ATTR_HTTP_ROUTE, route);
      span.updateName(`${request.method} ${route}`);
    },
  });
  const unregister = registerInstrumentations({ tracerProvider: provider, instrumentations: [http] });
  const unpatchCore = patchCoreModules(http);
  current = {
    serviceName,
    resource,
    exporter,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      unregister();
      unpatchCore();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      current = undefined;
    },
  };
  return current;
}

/**
 * Patches `http`/`https` at once. The require hook patches them on their next `require`, which is too late for
 * a module that loaded them already and never comes under a test runner with its own module registry (Jest):
 * core modules are one shared object, so patching them here covers every user whatever the order of imports.
 * Patching twice is harmless (the instrumentation unwraps before it wraps).
 */
function patchCoreModules(instrumentation: HttpInstrumentation): () => void {
  const patched = instrumentation.getModuleDefinitions().flatMap((definition) => {
    if (definition.name !== 'http' && definition.name !== 'https') return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports: unknown = require(definition.name);
    definition.patch?.(exports);
    // Unpatched once: disabling the instrumentation already undoes a patch its require hook made.
    return [() => isWrapped((exports as { request?: unknown }).request) && definition.unpatch?.(exports)];
  });
  return () => patched.forEach((unpatch) => unpatch());
}
