/**
 * People service benchmark, each figure with a raw `pg` baseline in the same run (not a test):
 *  1. lookup by ID number at 1,000,000 persons through the service code path (HMAC blind index + query via
 *     the app's DataSource) vs a raw pg query on an indexed plaintext-hash column; p50/p99 (target p99 ≤ 5 ms);
 *  2. registrations per second through the HTTP API vs raw pg single-row INSERTs of the same rows.
 * Runs the real people app on a throwaway schema of the test database and drops it afterwards.
 *
 *   npm run bench:people [-- --persons 1000000 --lookups 20000 --registrations 2000 --concurrency 8]
 */
import { createHash, randomUUID } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';
import { maskIdNumber, maskPhone, PiiCipher, piiContext } from '@platform/pii';
import { loadStackEnv, REPO_ROOT, testDatabaseUrl } from '@platform/testing';
import { PersonsService } from '../../apps/people/src/persons/persons.service';
import {
  COMMUNITY_A,
  idNumber,
  registration,
  startPeople,
  tokenFor,
} from '../../apps/people/src/testing/people-test-app';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const PERSONS = arg('persons', 1_000_000);
const LOOKUPS = arg('lookups', 20_000);
const REGISTRATIONS = arg('registrations', 2_000);
const CONCURRENCY = arg('concurrency', 8);
const BATCH = 5_000;
const DAYS = 20_000; // birth dates 1950-01-01 + 0..19999 days; sequence = i / DAYS keeps numbers unique

function benchId(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);
  return idNumber(birth.replace(/-/g, ''), Math.floor(i / DAYS) + 100, '510107');
}
const benchPhone = (i: number) => `137${String(i).padStart(8, '0')}`;
const sha256 = (value: string) => createHash('sha256').update(value).digest();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (value: number) => `${value.toFixed(3)} ms`;

async function timed(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

async function rate(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await run(next++);
    }),
  );
  return count / ((Date.now() - started) / 1000);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  loadStackEnv();
  process.env.NODE_ENV = 'test';
  const service = await startPeople();
  const { schema, config } = service;
  const pool = new Pool({ connectionString: testDatabaseUrl(), max: CONCURRENCY + 2 });
  const cipher = new PiiCipher(config);
  let server: ChildProcess | undefined;
  try {
    process.stdout.write(`people bench: schema ${schema}, ${PERSONS.toLocaleString()} persons\n`);
    await pool.query(
      `CREATE TABLE "${schema}".bench_baseline (person_id uuid NOT NULL, id_hash bytea PRIMARY KEY)`,
    );

    // 1. Load: encryption and blind index in Node, multi-row INSERT from arrays per batch.
    const started = Date.now();
    for (let from = 0; from < PERSONS; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, PERSONS - from) }, (_, k) => from + k);
      const ids = rows.map(benchId);
      const phones = rows.map(benchPhone);
      const personIds = rows.map(() => randomUUID()); // each ciphertext is bound to its row
      const inserted = await pool.query(
        `INSERT INTO "${schema}".persons (name, id_number_enc, id_number_bidx, id_number_masked, phone_enc, phone_bidx,
           phone_masked, gender, birth_date, hukou_type, hukou_place, community_code, org_path, created_by, id)
         SELECT n, ie, ib, im, pe, pb, pm, g, bd::date, 'urban', '成都', $10, $11, 'bench', pid
         FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[], $6::bytea[], $7::text[], $8::text[],
           $9::text[], $12::uuid[]) AS t(n, ie, ib, im, pe, pb, pm, g, bd, pid)
         RETURNING id`,
        [
          rows.map((i) => `测试${i}`),
          ids.map((id, k) => cipher.encrypt(id, piiContext('persons', 'id_number_enc', personIds[k]))),
          ids.map((id) => cipher.blindIndex('id', id)),
          ids.map(maskIdNumber),
          phones.map((p, k) => cipher.encrypt(p, piiContext('persons', 'phone_enc', personIds[k]))),
          phones.map((p) => cipher.blindIndex('phone', p)),
          phones.map(maskPhone),
          ids.map((id) => (Number(id[16]) % 2 ? 'male' : 'female')),
          ids.map((id) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`),
          COMMUNITY_A,
          `510100/510107/510107001/${COMMUNITY_A}`,
          personIds,
        ],
      );
      await pool.query(
        `INSERT INTO "${schema}".bench_baseline (person_id, id_hash) SELECT * FROM unnest($1::uuid[], $2::bytea[])`,
        [inserted.rows.map((r: { id: string }) => r.id), ids.map(sha256)],
      );
      if ((from / BATCH) % 20 === 0)
        process.stdout.write(`  loaded ${(from + rows.length).toLocaleString()}\n`);
    }
    await pool.query(`ANALYZE "${schema}".persons`);
    await pool.query(`ANALYZE "${schema}".bench_baseline`);
    process.stdout.write(
      `loaded ${PERSONS.toLocaleString()} persons in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`,
    );

    // 2. Lookup by ID number: same random sample for both paths, a warm-up first.
    const sample = Array.from({ length: LOOKUPS }, () => benchId(Math.floor(Math.random() * PERSONS)));
    const persons = service.app.get(PersonsService);
    for (let i = 0; i < Math.min(500, LOOKUPS); i++) await persons.findIdByIdNumber(sample[i]);
    const servicePath = await timed(LOOKUPS, async (i) => {
      if (!(await persons.findIdByIdNumber(sample[i]))) throw new Error('lookup missed');
    });
    const client = await pool.connect();
    for (let i = 0; i < Math.min(500, LOOKUPS); i++) {
      await client.query(`SELECT person_id FROM "${schema}".bench_baseline WHERE id_hash = $1`, [
        sha256(sample[i]),
      ]);
    }
    const baseline = await timed(LOOKUPS, async (i) => {
      const result = await client.query(
        `SELECT person_id FROM "${schema}".bench_baseline WHERE id_hash = $1`,
        [sha256(sample[i])],
      );
      if (!result.rowCount) throw new Error('baseline lookup missed');
    });
    client.release();
    process.stdout.write(
      `lookup by ID number at ${PERSONS.toLocaleString()} persons (${LOOKUPS.toLocaleString()} lookups, sequential)\n`,
    );
    process.stdout.write(
      `  service path (HMAC blind index, app DataSource): p50 ${ms(percentile(servicePath, 50))}  p99 ${ms(percentile(servicePath, 99))}  max ${ms(servicePath[servicePath.length - 1])}\n`,
    );
    process.stdout.write(
      `  raw pg baseline (indexed sha256 column):         p50 ${ms(percentile(baseline, 50))}  p99 ${ms(percentile(baseline, 99))}  max ${ms(baseline[baseline.length - 1])}\n`,
    );
    const p99 = percentile(servicePath, 99);
    process.stdout.write(`  target p99 ≤ 5 ms: ${p99 <= 5 ? 'met' : 'NOT met'}\n\n`);

    // 3. Registrations per second through HTTP vs raw single-row INSERTs.
    // The API runs as its own process (as deployed) on the same schema, so the load client here does not
    // share its event loop.
    const port = await freePort();
    server = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/people/src/main.ts')],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          LOG_LEVEL: 'warn',
          PORT: String(port),
          DATABASE_URL: testDatabaseUrl(),
          DB_SCHEMA: schema,
          KAFKA_BROKERS: config.KAFKA_BROKERS,
          TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
          JWT_PUBLIC_KEY: config.JWT_PUBLIC_KEY,
          PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS,
          PII_ACTIVE_KEY_ID: config.PII_ACTIVE_KEY_ID,
          PII_BLIND_INDEX_KEY: config.PII_BLIND_INDEX_KEY,
          TEMPORAL_PAYLOAD_KEY: config.TEMPORAL_PAYLOAD_KEY,
          PEOPLE_TASK_QUEUE: config.PEOPLE_TASK_QUEUE,
        },
      },
    );
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, 60_000);
    const token = tokenFor(['operator']);
    const bodies = Array.from({ length: REGISTRATIONS }, (_, i) =>
      JSON.stringify(
        registration({
          idNumber: idNumber('20010101', i % 1000, String(110000 + Math.floor(i / 1000))),
          phone: `136${String(i).padStart(8, '0')}`,
        }),
      ),
    );
    const httpRate = await rate(REGISTRATIONS, CONCURRENCY, async (i) => {
      const response = await fetch(`http://127.0.0.1:${port}/persons`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: bodies[i],
      });
      if (response.status !== 201)
        throw new Error(`registration answered ${response.status}: ${await response.text()}`);
    });
    await pool.query(`CREATE TABLE "${schema}".bench_insert (LIKE "${schema}".persons INCLUDING ALL)`);
    const rawRate = await rate(REGISTRATIONS, CONCURRENCY, async (i) => {
      const id = idNumber('20020202', i % 1000, String(110000 + Math.floor(i / 1000)));
      const phone = `135${String(i).padStart(8, '0')}`;
      const personId = randomUUID();
      await pool.query(
        `INSERT INTO "${schema}".bench_insert (name, id_number_enc, id_number_bidx, id_number_masked, phone_enc,
           phone_bidx, phone_masked, gender, birth_date, hukou_type, hukou_place, community_code, org_path, created_by,
           id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'male', '2002-02-02', 'urban', '成都', $8, $9, 'bench', $10)`,
        [
          `测试${i}`,
          cipher.encrypt(id, piiContext('persons', 'id_number_enc', personId)),
          cipher.blindIndex('id', id),
          maskIdNumber(id),
          cipher.encrypt(phone, piiContext('persons', 'phone_enc', personId)),
          cipher.blindIndex('phone', phone),
          maskPhone(phone),
          COMMUNITY_A,
          `510100/510107/510107001/${COMMUNITY_A}`,
          personId,
        ],
      );
    });
    process.stdout.write(`registrations (${REGISTRATIONS.toLocaleString()}, ${CONCURRENCY} in flight)\n`);
    process.stdout.write(
      `  through the HTTP API (validate, encrypt, dedupe, outbox, categories): ${httpRate.toFixed(0)} /s\n`,
    );
    process.stdout.write(
      `  raw pg single-row INSERT baseline:                                  ${rawRate.toFixed(0)} /s\n`,
    );
  } finally {
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.on('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await pool.end();
    await service.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
