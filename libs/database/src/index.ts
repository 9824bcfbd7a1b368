export * from './service-data-source';
export * from './migrate';
