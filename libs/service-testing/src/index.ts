export * from './service-app';
export * from './test-tokens';
