export * from './auth-claims';
export * from './decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './scope';
export * from './revoked-sessions';
