import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Topics } from '@platform/contracts';
import { testSigningKeys } from '@platform/service-testing';
import {
  eventually,
  freePort,
  kafkaBrokers,
  REPO_ROOT,
  temporalAddress,
  testDatabaseUrl,
} from '@platform/testing';
import { runPeopleProbe } from './activities/testing/temporal-probe';
import { PeopleConfig } from './config';
import {
  COMMUNITY_A,
  idNumber,
  mobile,
  registration,
  testPeopleKeys,
  tokenFor,
} from './testing/people-test-app';

/**
 * The leak test: the real people process (debug logs) runs a full scenario over HTTP, its events are read
 * from Kafka and its activities run through Temporal; no complete ID number or phone may appear in its
 * logs, Kafka payloads, Temporal histories or API answers, except the audited unmask answer.
 */
describe('no personal data leaks (real process, Kafka and Temporal)', () => {
  const schema = `people_leak_${randomBytes(3).toString('hex')}`;
  const keys = testPeopleKeys();
  let output = '';

  afterAll(async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('keeps ID numbers and phones out of logs, events, histories and answers', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'debug',
      PORT: String(port),
      DATABASE_URL: testDatabaseUrl(),
      DB_SCHEMA: schema,
      KAFKA_BROKERS: kafkaBrokers(),
      TEMPORAL_ADDRESS: temporalAddress(),
      JWT_PUBLIC_KEY: testSigningKeys().publicKey,
      ...keys,
    };
    const migrate = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/people/src/migrate.ts'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(migrate.status).toBe(0);
    output += migrate.stdout + migrate.stderr;

    const kafka = new Kafka({
      clientId: 'people-leak-test',
      brokers: kafkaBrokers().split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `people-leak-${randomBytes(4).toString('hex')}` });
    const messages: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.peoplePerson, Topics.peopleHousehold], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
        messages.push(`${message.key?.toString()}|${message.value?.toString()}|${headers.join(',')}`);
      },
    });

    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/people/src/main.ts')],
      {
        cwd: REPO_ROOT,
        env,
      },
    );
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const base = `http://127.0.0.1:${port}`;
    const answers: string[] = [];
    const unmaskAnswers: string[] = [];
    const call = async (method: string, path: string, token: string, body?: unknown, unmask = false) => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      (unmask ? unmaskAnswers : answers).push(text);
      return { status: response.status, body: text ? JSON.parse(text) : null };
    };

    const ids = [idNumber('19800101', 901), idNumber('19820202', 902), idNumber('19840303', 903)];
    const phones = [mobile(), mobile(), mobile()];
    const badId = `${ids[0].slice(0, 17)}${ids[0][17] === '0' ? '1' : '0'}`;
    try {
      await eventually(
        'people ready',
        () =>
          fetch(`${base}/health/ready`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
      );
      const operator = tokenFor(['operator']);
      const supervisor = tokenFor(['supervisor']);
      const formatted = (p: string) => `+86 ${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;

      const a = await call(
        'POST',
        '/persons',
        operator,
        registration({ idNumber: ids[0], phone: formatted(phones[0]) }),
      );
      expect(a.status).toBe(201);
      const b = await call(
        'POST',
        '/persons',
        operator,
        registration({ idNumber: ids[1], phone: phones[1] }),
      );
      expect(b.status).toBe(201);
      expect(
        (
          await call(
            'POST',
            '/persons',
            operator,
            registration({ idNumber: ids[1], phone: phones[1], name: '改名' }),
          )
        ).status,
      ).toBe(200);
      expect(
        (await call('POST', '/persons', operator, registration({ idNumber: badId, phone: phones[2] })))
          .status,
      ).toBe(400);
      expect(
        (
          await call(
            'POST',
            '/persons',
            operator,
            registration({ idNumber: ids[2], phone: '12' + phones[2] }),
          )
        ).status,
      ).toBe(400);
      expect((await call('GET', `/persons?idNumber=${ids[0]}`, operator)).body.total).toBe(1);
      const household = await call('POST', '/households', operator, {
        hukouType: 'urban',
        communityCode: COMMUNITY_A,
      });
      await call('POST', `/households/${household.body.id}/members`, operator, {
        personId: a.body.person.id,
        relation: 'head',
      });
      const joined = await call('POST', `/households/${household.body.id}/members`, operator, {
        personId: b.body.person.id,
        relation: 'spouse',
      });
      expect(joined.body.zeroEmployment).toBe(true);
      expect((await call('POST', `/persons/${a.body.person.id}/confirmation-codes`, operator)).status).toBe(
        201,
      );
      expect(
        (
          await call('POST', `/persons/${a.body.person.id}/service-records`, operator, {
            kind: 'job-referral',
            channel: 'phone',
            occurredAt: new Date().toISOString(),
            outcome: '推荐岗位',
          })
        ).status,
      ).toBe(201);
      const unmasked = await call(
        'POST',
        `/persons/${a.body.person.id}/unmask`,
        supervisor,
        { fields: ['idNumber', 'phone'], reason: '核对身份信息' },
        true,
      );
      expect(unmasked.body).toMatchObject({ idNumber: ids[0], phone: phones[0] });
      await call('GET', `/persons/${a.body.person.id}`, operator);

      const probe = await runPeopleProbe(
        { ...keys, TEMPORAL_PAYLOAD_KEY_ID: 'p1' } as unknown as PeopleConfig,
        {
          actor: { userId: 'op-1', username: 'op', roles: ['operator'], orgPath: '510100/510107' },
          registration: {
            actor: { userId: 'op-1', username: 'op', roles: ['operator'], orgPath: '510100/510107' },
            correlationId: 'leak-case',
            person: {
              name: '钱七',
              idNumber: ids[2],
              phone: phones[2],
              hukouType: 'urban',
              hukouPlace: '成都',
              communityCode: COMMUNITY_A,
            },
          },
        },
      );
      expect(probe.result).toMatchObject({ contact: { phone: phones[2], masked: false } });

      const personIds = [a.body.person.id, b.body.person.id];
      await eventually(
        'events on Kafka',
        () =>
          personIds.every((id) => messages.some((m) => m.startsWith(`${id}|`))) &&
          messages.some((m) => m.startsWith(`${household.body.id}|`)),
        30_000,
      );

      const places: Record<string, string> = {
        logs: output,
        kafka: messages.join('\n'),
        temporal: probe.historyJson,
        answers: answers.join('\n'),
      };
      const needles = [...ids, badId, ...ids.map((id) => id.toLowerCase()), ...phones];
      for (const [place, text] of Object.entries(places)) {
        for (const needle of needles) {
          if (text.includes(needle)) throw new Error(`a plaintext ID number or phone appears in ${place}`);
        }
      }
      expect(output).toContain('"service":"people"');
      expect(output).toContain('"url":"/persons"'); // request logs were written (query strings stripped)
      expect(messages.length).toBeGreaterThan(0);
      expect(unmaskAnswers.join()).toContain(ids[0]);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await consumer.disconnect();
    }
  }, 180_000);
});
