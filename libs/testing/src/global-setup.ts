import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * Brings the local stack up, or reuses it (stack.sh is idempotent and honours external endpoints).
 * Runs outside Jest's module mapping, so it imports nothing of the workspace; the test-database guard
 * runs in every spec that asks for the database (testDatabaseUrl).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_STACK === 'external') return;
  execFileSync('bash', [join(resolve(__dirname, '../../..'), 'infra/local/stack.sh'), 'up'], {
    stdio: 'inherit',
  });
}
