export * from './stack-env';
export * from './test-schema';
export * from './temporal';
export * from './test-database-guard';
export * from './waiting';
