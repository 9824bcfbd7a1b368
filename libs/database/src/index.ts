export * from './service-data-source';
export * from './migrate';
export * from './test-database-guard';
