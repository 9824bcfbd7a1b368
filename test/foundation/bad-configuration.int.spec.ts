import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { join } from 'node:path';
import { TEST_TEMPORAL_PAYLOAD_KEY, testSigningKeys } from '@platform/service-testing';
import { kafkaBrokers, REPO_ROOT, temporalAddress, testDatabaseUrl } from '@platform/testing';

/** Starts a service the way the start script does and collects what it prints until it exits. */
function runService(
  entry: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, entry)], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const STACK_TRACE_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('bad configuration gives a clear message, not a stack trace', () => {
  it('names every missing variable and exits with the config error code', async () => {
    const result = await runService('apps/people/src/main.ts', {});
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('people: Invalid configuration');
    expect(result.stderr).toContain('DATABASE_URL: is required');
    expect(result.stderr).toContain('JWT_PUBLIC_KEY: is required');
    expect(result.stderr).not.toMatch(STACK_TRACE_LINE);
  });

  it('names a malformed variable and its rule', async () => {
    const result = await runService('apps/worker/src/main.ts', {
      TEMPORAL_ADDRESS: 'not an address',
      PORT: 'abc',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS: must be host:port');
    expect(result.stderr).toContain('PORT: must be a TCP port number');
    // It writes case events into the hotline's outbox, so it needs the hotline's database.
    expect(result.stderr).toContain('HOTLINE_DATABASE_URL: is required');
    expect(result.stderr).not.toMatch(STACK_TRACE_LINE);
  });

  it('names a missing or malformed token key: the hotline needs the private key, and it must be P-256', async () => {
    const result = await runService('apps/hotline/src/main.ts', {
      DATABASE_URL: testDatabaseUrl(),
      KAFKA_BROKERS: kafkaBrokers(),
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
      JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('hotline: Invalid configuration');
    expect(result.stderr).toContain('JWT_PRIVATE_KEY: is required');
    expect(result.stderr).toContain('JWT_PUBLIC_KEY: must be an ECDSA P-256 public key in PEM');
    expect(result.stderr).not.toContain('not a key');
    expect(result.stderr).not.toMatch(STACK_TRACE_LINE);
  });

  describe('with a port already in use', () => {
    let blocker: Server;
    let port: number;

    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('says which port is taken and exits', async () => {
      const result = await runService('apps/employers/src/main.ts', {
        PORT: String(port),
        DATABASE_URL: testDatabaseUrl(),
        DB_SCHEMA: 'employers_port_check',
        KAFKA_BROKERS: kafkaBrokers(),
        JWT_PUBLIC_KEY: testSigningKeys().publicKey,
        TEMPORAL_ADDRESS: temporalAddress(),
        TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toMatch(STACK_TRACE_LINE);
    });
  });
});
