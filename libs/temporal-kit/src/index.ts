export * from './workflow-bundle';
export * from './temporal-readiness';
export * from './activity-worker-host';
export * from './payload-codec';
export * from './temporal-logger';
export * from './activity-errors';
export * from './connection-options';
export * from './recorded-histories';
