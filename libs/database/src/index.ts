export * from './service-data-source';
export * from './migrate';
export * from './transaction-connection-guard';
