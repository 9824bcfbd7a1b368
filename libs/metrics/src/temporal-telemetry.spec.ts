import { temporalRuntimeTelemetry } from './temporal-telemetry';

describe('temporalRuntimeTelemetry (the Temporal SDK metrics port, opt-in)', () => {
  it('adds nothing without TEMPORAL_METRICS_PORT', () => {
    expect(temporalRuntimeTelemetry({})).toEqual({});
    expect(temporalRuntimeTelemetry({ TEMPORAL_METRICS_PORT: ' ' })).toEqual({});
  });

  it('binds the Prometheus exporter to the port, on loopback unless TEMPORAL_METRICS_HOST says otherwise', () => {
    expect(temporalRuntimeTelemetry({ TEMPORAL_METRICS_PORT: '9404' })).toEqual({
      telemetryOptions: { metrics: { prometheus: { bindAddress: '127.0.0.1:9404' } } },
    });
    expect(
      temporalRuntimeTelemetry({ TEMPORAL_METRICS_PORT: '9404', TEMPORAL_METRICS_HOST: '0.0.0.0' }),
    ).toEqual({ telemetryOptions: { metrics: { prometheus: { bindAddress: '0.0.0.0:9404' } } } });
  });

  it('refuses a value that is not a port, naming the variable', () => {
    expect(() => temporalRuntimeTelemetry({ TEMPORAL_METRICS_PORT: '94o4' })).toThrow(
      /TEMPORAL_METRICS_PORT must be a port number/,
    );
    expect(() => temporalRuntimeTelemetry({ TEMPORAL_METRICS_PORT: '70000' })).toThrow(
      /TEMPORAL_METRICS_PORT/,
    );
  });
});
