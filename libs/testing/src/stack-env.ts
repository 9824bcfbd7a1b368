import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertTestDatabase, withDatabaseName } from './test-database-guard';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const STACK_HOME = process.env.STACK_HOME ?? join(REPO_ROOT, '.stack');

/** Reads the `export NAME=value` lines infra/local/stack.sh writes, without overriding what is already set. */
export function loadStackEnv(): void {
  const file = join(STACK_HOME, 'env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const value = match[2].replace(/^['"]|['"]$/g, '');
    if (process.env[match[1]] === undefined) process.env[match[1]] = value;
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run infra/local/stack.sh up, or set it to an external endpoint`);
  return value;
}

/** The test database (admin role): TEST_DATABASE_URL, else the stack's database with its test twin's name. */
export function testDatabaseUrl(): string {
  const url =
    process.env.TEST_DATABASE_URL ?? withDatabaseName(required('DATABASE_ADMIN_URL'), 'hotline962110_test');
  assertTestDatabase(url);
  return url;
}

export const kafkaBrokers = (): string => required('KAFKA_BROKERS');
/** The topic replication settings when the environment gives them (the cluster's env file does), for a service's config. */
export const kafkaTopicEnv = (): Record<string, string> =>
  Object.fromEntries(
    ['KAFKA_TOPIC_REPLICATION_FACTOR', 'KAFKA_TOPIC_MIN_INSYNC_REPLICAS'].flatMap((name) =>
      process.env[name] ? [[name, process.env[name]!]] : [],
    ),
  );
export const temporalAddress = (): string => required('TEMPORAL_ADDRESS');
export const temporalTestServerPath = (): string => required('TEMPORAL_TEST_SERVER_PATH');
