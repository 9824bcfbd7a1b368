export * from './case-event-id';
export * from './publish-case-event';
export * from './household-episode';
