export * from './id-number';
export * from './phone';
export * from './mask';
export * from './pii-cipher';
export * from './pii-config';
