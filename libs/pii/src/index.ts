export * from './validation';
export * from './mask';
export * from './pii-cipher';
export * from './pii-config';
export * from './pii-rotation';
