export * from './start-tracing';
export * from './scrubbing-exporter';
export * from './message-tracing';
export * from './log-fields';
