/**
 * The Temporal SDK's own metrics (workflow and activity task latencies, slots, polls, sticky cache) served by
 * its Rust core in Prometheus format on TEMPORAL_METRICS_PORT (host TEMPORAL_METRICS_HOST, default 127.0.0.1).
 * Opt-in: the SDK's Runtime is installed once per process, and test processes run several services in one, so
 * only a process given a port serves them. Spread into `Runtime.install({...})`.
 */
export function temporalRuntimeTelemetry(
  env: NodeJS.ProcessEnv = process.env,
): { telemetryOptions: { metrics: { prometheus: { bindAddress: string } } } } | Record<string, never> {
  const port = env.TEMPORAL_METRICS_PORT?.trim();
  if (!port) return {};
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65_535)
    throw new Error(`TEMPORAL_METRICS_PORT must be a port number (1-65535), got "${port}"`);
  const host = env.TEMPORAL_METRICS_HOST?.trim() || '127.0.0.1';
  return { telemetryOptions: { metrics: { prometheus: { bindAddress: `${host}:${port}` } } } };
}
