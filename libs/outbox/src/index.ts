export * from './outbox-schema';
export * from './enqueue-event';
export * from './kafka-client';
export * from './outbox-relay';
export * from './inbox';
export * from './event-consumer';
export * from './outbox.module';
export * from './outbox-tables.migration';
