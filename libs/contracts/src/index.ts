export * from './events/event-envelope';
export * from './events/topics';
export * from './temporal/task-queues';
