export * from './workflow-bundle';
export * from './temporal-readiness';
