import { Logger } from '@nestjs/common';
import { DefaultLogger, LogEntry, Runtime } from '@temporalio/worker';
import { temporalRuntimeTelemetry } from '@platform/metrics';
import { redactLogArguments } from '@platform/nest-kit';

const nestLevel = { TRACE: 'verbose', DEBUG: 'debug', INFO: 'log', WARN: 'warn', ERROR: 'error' } as const;

let installed = false;

/**
 * Sends the Temporal SDK's own log lines (an activity that failed, a workflow task that failed, with the error
 * object) through the service's logger and its redaction, instead of printing the error's every field (a failed
 * insert's parameters and row) to stderr. Call before the first Temporal connection of the process.
 */
export function routeTemporalLogsThroughRedaction(): void {
  if (installed) return;
  installed = true;
  const logger = new Logger('Temporal');
  const forward = ({ level, message, meta }: LogEntry) => {
    const [fields, text] = redactLogArguments([meta ?? {}, message]);
    logger[nestLevel[level]](fields, text);
  };
  // The SDK's own metrics on TEMPORAL_METRICS_PORT, when the process is given one (docs/operations.md, Metrics);
  // read outside the try, so a malformed port stops the process instead of being passed over.
  const telemetry = temporalRuntimeTelemetry();
  try {
    Runtime.install({ logger: new DefaultLogger('INFO', forward), ...telemetry });
  } catch {
    // Already created by an earlier connection of this process (tests start several services in one process).
  }
}
