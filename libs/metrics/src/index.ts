export * from './process-metrics';
export * from './http-metrics';
export * from './outbox-backlog.repository';
export * from './consumer-lag';
export * from './metrics.service';
export * from './temporal-telemetry';
