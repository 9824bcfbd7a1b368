// The pure validators, for code that must not pull in node:crypto (the console validates as the operator types).
export * from './id-number';
export * from './phone';
