// Imported by main.ts before anything else: the HTTP server and clients must be created with tracing on.
// Off (nothing installed) unless OTEL_EXPORTER_OTLP_ENDPOINT is set; docs/operations.md, Traces.
import { startTracing } from '@platform/tracing';

export const tracing = startTracing('employers');
