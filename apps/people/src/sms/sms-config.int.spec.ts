import { spawn } from 'node:child_process';
import request from 'supertest';
import { join } from 'node:path';
import { ConfigError } from '@platform/config';
import { generatePiiKeySettings } from '@platform/pii';
import { TEST_TEMPORAL_PAYLOAD_KEY, testSigningKeys } from '@platform/service-testing';
import { kafkaBrokers, REPO_ROOT, temporalAddress, testDatabaseUrl } from '@platform/testing';
import { AppModule } from '../app.module';
import { parsePeopleConfig } from '../config';
import { idNumber, mobile, registration, startPeople, tokenFor } from '../testing/people-test-app';
import { DevSinkSmsGateway } from './dev-sink-sms-gateway';
import { HttpSmsGateway } from './http-sms-gateway';
import { SMS_GATEWAY } from './sms-gateway';

/** Which gateway the environment chooses, and that production never starts without a real one. */
describe('SMS gateway configuration', () => {
  const problemsOf = (run: () => unknown): string[] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
    throw new Error('expected a ConfigError');
  };

  it('production without a gateway, or with the dev sink, or with http missing a setting, does not start', async () => {
    const service = await startPeople();
    try {
      // The environment the test app was started with, as production would read it.
      const env = Object.fromEntries(
        Object.entries(service.config).map(([name, value]) => [name, String(value)]),
      ) as NodeJS.ProcessEnv;
      delete env.SMS_GATEWAY;
      delete env.TRUST_PROXY;
      const production = { ...env, NODE_ENV: 'production' };
      expect(problemsOf(() => parsePeopleConfig(production))).toEqual([
        expect.stringMatching(/^SMS_GATEWAY: is required when NODE_ENV=production/),
      ]);
      expect(problemsOf(() => parsePeopleConfig({ ...production, SMS_GATEWAY: 'dev-sink' }))).toEqual([
        expect.stringMatching(/^SMS_GATEWAY: dev-sink .* refused/),
      ]);
      const http = {
        ...production,
        SMS_GATEWAY: 'http',
        SMS_HTTP_URL: 'https://sms.example.org/v1/messages',
      };
      expect(problemsOf(() => parsePeopleConfig(http))).toEqual([
        'SMS_HTTP_API_KEY: is required when SMS_GATEWAY=http',
        'SMS_HTTP_SENDER: is required when SMS_GATEWAY=http',
      ]);
      // Building the application checks it too, whoever loaded the configuration.
      expect(problemsOf(() => AppModule.forRoot({ ...service.config, NODE_ENV: 'production' }))).toHaveLength(
        1,
      );
      const complete = parsePeopleConfig({
        ...http,
        SMS_HTTP_API_KEY: 'a-provider-key-of-length',
        SMS_HTTP_SENDER: '962110',
      });
      expect(complete).toMatchObject({ SMS_GATEWAY: 'http', SMS_HTTP_TIMEOUT_MS: 5000 });
      // Values never appear in a problem.
      const bad = problemsOf(() => parsePeopleConfig({ ...http, SMS_HTTP_API_KEY: 'short-secret' }));
      expect(bad.join(' ')).not.toContain('short-secret');
    } finally {
      await service.close();
    }
  });

  it('the process started in production without a gateway exits with the config error code, naming it', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
      PORT: '39001',
      DATABASE_URL: testDatabaseUrl(),
      KAFKA_BROKERS: kafkaBrokers(),
      JWT_PUBLIC_KEY: testSigningKeys().publicKey,
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
      ...generatePiiKeySettings('k1'),
    };
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/people/src/main.ts')],
        { cwd: REPO_ROOT, env },
      );
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`people did not exit; stderr: ${stderr}`));
      }, 60_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('people: Invalid configuration');
    expect(result.stderr).toContain('SMS_GATEWAY: is required when NODE_ENV=production');
  }, 90_000);

  it('development and tests default to the dev sink; http builds the HTTP adapter', async () => {
    const sink = await startPeople();
    try {
      expect(sink.app.get(SMS_GATEWAY)).toBeInstanceOf(DevSinkSmsGateway);
    } finally {
      await sink.close();
    }
    const http = await startPeople({
      SMS_GATEWAY: 'http',
      SMS_HTTP_URL: 'http://127.0.0.1:9/v1/messages',
      SMS_HTTP_API_KEY: 'a-provider-key-of-length',
      SMS_HTTP_SENDER: '962110',
    });
    try {
      expect(http.app.get(SMS_GATEWAY)).toBeInstanceOf(HttpSmsGateway);
      // Nothing listens there: the operator hears the text did not go out, and no code is left behind.
      const operator = tokenFor(['operator'], '510100/510107', 'staff-41');
      const person = await request(http.app.getHttpServer())
        .post('/persons')
        .set('authorization', `Bearer ${operator}`)
        .send(registration({ idNumber: idNumber('19920404', 901), phone: mobile() }))
        .expect(201);
      const refused = await request(http.app.getHttpServer())
        .post(`/persons/${person.body.person.id}/confirmation-codes`)
        .set('authorization', `Bearer ${operator}`)
        .expect(503);
      expect(refused.body.detail).toMatch(/could not be sent.*短信发送失败/);
      const [{ codes }] = await http.dataSource.query(
        `SELECT count(*)::int AS codes FROM "${http.schema}".confirmation_codes`,
      );
      expect(codes).toBe(0);
    } finally {
      await http.close();
    }
  });
});
