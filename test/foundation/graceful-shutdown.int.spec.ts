import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { generatePiiKeySettings } from '@platform/pii';
import { TEST_TEMPORAL_PAYLOAD_KEY, testSigningKeys } from '@platform/service-testing';
import {
  eventually,
  freePort,
  httpOk,
  kafkaBrokers,
  REPO_ROOT,
  temporalAddress,
  testDatabaseUrl,
} from '@platform/testing';

// A deployment stops pods with SIGTERM: the service must finish and exit on its own, promptly.
describe('graceful shutdown of a real service process', () => {
  const schema = `hotline_shutdown_${randomBytes(3).toString('hex')}`;
  const env = (port: number) => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'info',
    PORT: String(port),
    DATABASE_URL: testDatabaseUrl(),
    DB_SCHEMA: schema,
    KAFKA_BROKERS: kafkaBrokers(),
    TEMPORAL_ADDRESS: temporalAddress(),
    JWT_PUBLIC_KEY: testSigningKeys().publicKey,
    JWT_PRIVATE_KEY: testSigningKeys().privateKey,
    TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
    ...generatePiiKeySettings('k1'),
  });

  afterAll(async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('drains and exits within seconds of SIGTERM, logging the shutdown', async () => {
    const port = await freePort();
    const migrate = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/hotline/src/migrate.ts'], {
      cwd: REPO_ROOT,
      env: env(port),
      encoding: 'utf8',
    });
    expect(migrate.status).toBe(0);

    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/hotline/src/main.ts')],
      {
        cwd: REPO_ROOT,
        env: env(port),
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await eventually('the service is ready', () => httpOk(`http://127.0.0.1:${port}/health/ready`), 60_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    const stopAsked = Date.now();
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no exit after SIGTERM\n${output}`)), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // Nest closes the app, then re-raises the signal so the exit status says why the process ended.
    expect(result.signal === 'SIGTERM' || result.code === 0).toBe(true);
    expect(Date.now() - stopAsked).toBeLessThan(15_000);
    expect(output).not.toMatch(/"level":50/); // no error logged while stopping
  }, 120_000);
});
