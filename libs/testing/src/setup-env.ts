import { loadStackEnv } from './stack-env';

// Each Jest worker reads the stack's endpoints the same way the global setup did.
loadStackEnv();
process.env.NODE_ENV = 'test';
