import { randomInt, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import { setLogDestination } from '@platform/nest-kit';
import { TEST_TEMPORAL_PAYLOAD_KEY } from '@platform/service-testing';
import { encryptedDataConverter } from '@platform/temporal-kit';
import { eventually, kafkaBrokers, temporalAddress, testDatabaseUrl } from '@platform/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { idNumber, mobile } from '../../apps/people/src/testing/people-test-app';
import { as, caseIntake, Platform, shanghaiDay, startPlatform } from '../e2e/support/platform';

/** One place text was read from (a log line, a Kafka message, a table row, a workflow history). */
interface Sample {
  where: string;
  text: string;
}

/** "where: secret name" for every sample containing a secret value. */
function leaks(samples: Sample[], secrets: Record<string, string>): string[] {
  return samples.flatMap((sample) =>
    Object.entries(secrets)
      .filter(([, value]) => sample.text.includes(value))
      .map(([name]) => `${sample.where}: ${name}`),
  );
}

/** Every string and every byte string (as UTF-8) inside a value, such as a raw workflow history. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (!value || typeof value !== 'object') return '';
  return Object.values(value).map(textOf).join('\n');
}

/** Every message of every topic on the broker, from the beginning up to the end it had when asked. */
async function readEveryTopic(): Promise<Sample[]> {
  const kafka = new Kafka({
    clientId: 'leak-scan',
    brokers: kafkaBrokers().split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  try {
    for (const topic of (await admin.listTopics()).filter((name) => !name.startsWith('__'))) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (Number(high) > Number(low)) ends.set(`${topic}/${partition}`, Number(high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const samples: Sample[] = [];
  const remaining = new Set(ends.keys());
  if (remaining.size === 0) return samples;
  const consumer = kafka.consumer({ groupId: `leak-scan-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...new Set([...ends.keys()].map((key) => key.split('/')[0]))],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const headers = Object.entries(message.headers ?? {}).map(
          ([name, value]) => `${name}=${String(value)}`,
        );
        samples.push({
          where: `kafka ${topic}`,
          text: [message.key?.toString(), message.value?.toString(), ...headers].join('|'),
        });
        if (Number(message.offset) + 1 >= (ends.get(`${topic}/${partition}`) ?? 0)) {
          remaining.delete(`${topic}/${partition}`);
        }
      },
    });
    await eventually('every topic read to its end', () => remaining.size === 0, 120_000);
  } finally {
    await consumer.disconnect();
  }
  return samples;
}

/** Every row of every table in the services' schemas, as Postgres prints the whole row (all columns). */
async function readEveryRow(schemas: string[]): Promise<Sample[]> {
  const client = new PgClient({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [schemas],
    );
    const samples: Sample[] = [];
    for (const { schema, table } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT r::text AS row FROM "${schema}"."${table}" r`);
      samples.push(...rows.rows.map(({ row }) => ({ where: `table ${schema}.${table}`, text: row })));
    }
    return samples;
  } finally {
    await client.end();
  }
}

/**
 * The leak scan: a help request runs through the real services (hotline, people, jobs, employers in this process,
 * the workflow worker as its own process, debug logs captured), then every service log line, every Kafka message,
 * every table row of the services' schemas and the raw Temporal histories (as stored, without the codec) are
 * searched for the caller's full ID number and phone: none may hold them.
 */
describe('personal data leak scan over the whole platform', () => {
  const logLines: string[] = [];
  const console_ = { ...console };
  let platform: Platform;

  beforeAll(async () => {
    process.env.TEST_LOG_LEVEL = 'debug';
    setLogDestination(
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      }),
    );
    // Libraries that print through the console (Temporal's runtime logger, kafkajs) are service output too.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logLines.push(
          args.map((arg) => (typeof arg === 'string' ? arg : textOf(arg) || String(arg))).join(' '),
        );
      });
    }
    platform = await startPlatform();
  }, 240_000);

  afterAll(async () => {
    await platform?.close();
    setLogDestination(undefined);
    delete process.env.TEST_LOG_LEVEL;
    Object.assign(console, console_);
  }, 60_000);

  it('the scanner finds the values in a known-positive sample', () => {
    const secrets = { idNumber: '51010719800101901X', phone: '13900001234' };
    const samples = [
      { where: 'log', text: `{"msg":"registered","idNumber":"51010719800101901X"}` },
      { where: 'history', text: textOf({ data: Buffer.from('{"phone":"13900001234"}') }) },
      { where: 'clean', text: '{"idNumber":"510107********901X","phone":"139****1234"}' },
    ];
    expect(leaks(samples, secrets)).toEqual(['log: idNumber', 'history: phone']);
  });

  it('finds no full ID number or phone in logs, Kafka, tables, Temporal histories or /metrics', async () => {
    const { operator, employer } = platform.tokens;
    const hotline = () => request(platform.urls.hotline);
    const jobs = () => request(platform.urls.jobs);
    const base = caseIntake(randomInt(12_000));
    const secrets = { idNumber: idNumber('19760512', randomInt(100, 999), '510107'), phone: mobile() };
    const intake = { ...base, person: { ...base.person, idNumber: secrets.idNumber, phone: secrets.phone } };

    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `leak-${randomUUID()}`)
      .send(intake)
      .expect(201);
    const caseId: string = opened.body.caseId;
    const caseState = async () =>
      (await hotline().get(`/cases/${caseId}`).set(as(operator))).body as {
        state?: string;
        view?: { referrals: Array<{ status: string }> } | null;
      };
    await eventually(
      'the case is registered',
      async () => (await caseState()).state === 'registered',
      60_000,
    );
    await hotline()
      .post(`/cases/${caseId}/referrals`)
      .set(as(operator))
      .send({ vacancyId: platform.demo.vacancyId })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const listed = await jobs().get('/referrals').query({ caseId }).set(as(operator)).expect(200);
    const referralId: string = listed.body.items[0].id;
    await jobs().post(`/employer/referrals/${referralId}/accept`).set(as(employer)).expect(200);
    await eventually(
      'the employer acceptance reached the case',
      async () => (await caseState()).view?.referrals[0]?.status === 'employer_accepted',
      60_000,
    );
    await hotline()
      .post(`/cases/${caseId}/referrals/${referralId}/person-answer`)
      .set(as(operator))
      .send({ answer: 'accepted' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    await jobs()
      .post(`/employer/referrals/${referralId}/start`)
      .set(as(employer))
      .send({ startedOn: shanghaiDay() })
      .expect(200);
    await eventually('the case is placed', async () => (await caseState()).state === 'placed', 60_000);

    // Temporal: every workflow of the platform's queue, raw as stored (no codec).
    const connection = await Connection.connect({ address: temporalAddress() });
    const historySamples: Sample[] = [];
    let decodedCaseHistory = '';
    try {
      const raw = new Client({ connection });
      const workflowIds = new Set<string>([caseId]);
      const query = `TaskQueue = '${platform.hotline.config.HOTLINE_WORKFLOW_TASK_QUEUE}'`;
      for await (const execution of raw.workflow.list({ query })) workflowIds.add(execution.workflowId);
      for (const workflowId of workflowIds) {
        const history = await raw.workflow.getHandle(workflowId).fetchHistory();
        historySamples.push({ where: `temporal history ${workflowId}`, text: textOf(history) });
      }
      // Positive control: decoded with the platform's key, the case's history does hold the ID number.
      const { payloadCodecs } = encryptedDataConverter({ TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY });
      const history = await raw.workflow.getHandle(caseId).fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
      decodedCaseHistory = textOf(await payloadCodecs[0].decode(started as never));
    } finally {
      await connection.close();
    }
    const tableSamples = await readEveryRow([
      platform.hotline.schema,
      platform.people.schema,
      platform.jobs.schema,
      platform.employers.schema,
    ]);
    const kafkaSamples = await readEveryTopic();
    const logSamples = [...logLines, ...platform.worker.printed.split('\n')].map((text) => ({
      where: 'log',
      text,
    }));

    // Each source was really read: it holds this case (its id), and the decoded history holds the ID number.
    for (const [source, samples] of Object.entries({
      logSamples,
      kafkaSamples,
      tableSamples,
      historySamples,
    })) {
      expect([source, samples.some((sample) => sample.text.includes(caseId))]).toEqual([source, true]);
    }
    expect(decodedCaseHistory).toContain(secrets.idNumber);
    // /metrics of every service: figures by route template, never a requested URL (the case's id was in several).
    const metricsSamples = await Promise.all(
      (['hotline', 'people', 'jobs', 'employers'] as const).map(async (service) => ({
        where: `metrics ${service}`,
        text: await (await fetch(`${platform.urls[service]}/metrics`)).text(),
      })),
    );
    expect(metricsSamples[0].text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="200"\} [1-9]/,
    );
    expect(metricsSamples.filter((sample) => sample.text.includes(caseId)).map(({ where }) => where)).toEqual(
      [],
    );

    expect(
      leaks([...logSamples, ...kafkaSamples, ...tableSamples, ...historySamples, ...metricsSamples], secrets),
    ).toEqual([]);
  }, 240_000);
});
