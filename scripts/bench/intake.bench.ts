/**
 * Case intake benchmark (not a test), each figure against a same-run baseline:
 *  (a) bare Temporal: `client.workflow.execute` of a no-op workflow (scripts/bench/intake-baseline.workflow.ts, on
 *      its own worker and queue, same payload encryption) at the same concurrency: rate and p50/p99 of
 *      start → completed;
 *  (a') the intake's Temporal work alone (scripts/bench/intake-baseline.workflow.ts `benchIntakeShape`: one
 *      workflow task with the SLA timer and the case event as a no-op local activity, as a case the hotline
 *      registered during the call and started as registered): what Temporal by itself allows an intake, i.e. the ceiling of (b)
 *      with free services;
 *  (b) intake: POST /cases until the case's `hotline.case.registered` event arrives on Kafka (what the board
 *      sees; watching the topic puts no query load on Temporal, unlike polling GET /cases/:id): rate, p50/p99
 *      and the ratio to (a);
 *  (a) and (b) run one case in flight (target: intake p50 ≤ 3× bare p50), then `--concurrency` in flight
 *  (target: intake rate ≥ 0.6× bare rate), each intake right after its baseline;
 *  (c) memory (skipped with `--open 0`): RSS of the workflow worker process and of the Temporal dev server before and after opening
 *      `--open` more cases, which then wait on their SLA timers.
 * Runs the platform as the end-to-end specs do (test/e2e/support/platform.ts: hotline, people, jobs and
 * employers in this process on throwaway schemas, the workflow worker as its own process); afterwards it
 * terminates its workflows and drops the schemas.
 *
 *   npm run bench:intake [-- --cases 1000 --concurrency 16 --open 10000]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defineSearchAttributeKey } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { TEST_TEMPORAL_PAYLOAD_KEY } from '@platform/service-testing';
import { encryptedDataConverter } from '@platform/temporal-kit';
import { CaseEventTypes, Topics } from '@platform/contracts';
import { createKafka } from '@platform/outbox';
import { kafkaBrokers, loadStackEnv, temporalAddress } from '@platform/testing';
import { caseIntake, Platform, startPlatform } from '../../test/e2e/support/platform';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const CASES = arg('cases', 1_000);
const CONCURRENCY = arg('concurrency', 16);
const OPEN = arg('open', 10_000);
const WARM_UP = Math.min(50, CASES);
/** One case at a time is slow by design; this many suffice for its percentiles. */
const SERIAL_CASES = 200;

interface Level {
  inFlight: number;
  count: number;
  bare: { rate: number; latencies: number[] };
  bareCpu: Record<string, number>;
  shape: { rate: number; latencies: number[] };
  intake: { rate: number; latencies: number[] };
  intakeCpu: Record<string, number>;
  loadAverage: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `count` jobs `concurrency` at a time; each job's latency (ms) and the overall rate (/s). */
async function load(
  count: number,
  concurrency: number,
  run: (i: number) => Promise<void>,
): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = process.hrtime.bigint();
        await run(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { rate: count / ((Date.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

/** Resident set size of a process in MB (Linux /proc), or NaN when it cannot be read. */
function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux /proc, clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Runs `work` and returns its result with each group of processes' CPU use meanwhile, in % of one core. */
async function withCpu<T>(
  groups: Record<string, () => number[]>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = new Map<number, number>();
  for (const pids of Object.values(groups)) for (const pid of pids()) before.set(pid, cpuSeconds(pid));
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  // A process that started meanwhile (a new database connection) counts from 0.
  const used = (pids: number[]) =>
    pids.reduce((sum, pid) => sum + ((cpuSeconds(pid) || 0) - (before.get(pid) ?? 0)), 0);
  const cpu = Object.fromEntries(
    Object.entries(groups).map(([name, pids]) => [name, (used(pids()) / seconds) * 100]),
  );
  return { result, cpu };
}

/** The pids of the processes a command line matches (`pgrep -f`), or none. */
function pidsMatching(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number)
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The Temporal and Kafka processes of the stack the bench talks to, by name: the dev stack's one dev server and
 * broker, or the cluster mode's Temporal roles and three brokers (`source .stack/cluster.env` sets STACK_MODE).
 */
function stackProcesses(): Record<string, () => number[]> {
  if (process.env.STACK_MODE !== 'cluster')
    return {
      Temporal: () => pidsMatching('temporal server start-dev'),
      Kafka: () => pidsMatching('kafka\\.Kafka .*/data/kafka/server\\.properties'),
    };
  const role = (service: string) => () => pidsMatching(`temporal-server .*start --service ${service}$`);
  return {
    frontend: role('frontend'),
    history: role('history'),
    matching: role('matching'),
    't-worker': role('worker'),
    'Kafka ×3': () => pidsMatching('kafka\\.Kafka .*/kafka-cluster/'),
  };
}
/** The Temporal server's processes, for their memory. */
const temporalPids = (processes: Record<string, () => number[]>): number[] =>
  Object.entries(processes)
    .filter(([name]) => !name.startsWith('Kafka'))
    .flatMap(([, pids]) => pids());
const rssOf = (pids: number[]) => pids.reduce((sum, pid) => sum + rssMb(pid), 0);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const row = (cells: string[], widths: number[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');

async function main(): Promise<void> {
  loadStackEnv();
  process.env.NODE_ENV = 'test';
  // The SDK logs every worker state change at INFO; a benchmark prints only its table.
  Runtime.install({ logger: new DefaultLogger('ERROR') });

  const platform: Platform = await startPlatform();
  const connection = await Connection.connect({ address: temporalAddress() });
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
  const dataConverter = encryptedDataConverter({
    TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
    TEMPORAL_PAYLOAD_KEY_ID: 'p1',
  });
  const client = new Client({ connection, dataConverter });
  const caseQueue = platform.hotline.config.HOTLINE_WORKFLOW_TASK_QUEUE;
  const stack = stackProcesses();
  const hotline = platform.urls.hotline;
  const headers = {
    authorization: `Bearer ${platform.tokens.operator}`,
    'content-type': 'application/json',
  };
  let serial = 0;

  /** POST /cases; the case id. */
  const open = async (): Promise<string> => {
    const n = serial++;
    const response = await fetch(`${hotline}/cases`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `bench-${n}-${randomUUID()}` },
      body: JSON.stringify(caseIntake(n)),
    });
    if (response.status !== 201)
      throw new Error(`POST /cases answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { caseId: string }).caseId;
  };
  // Registered cases, from the case events on Kafka (the bench's own consumer group, from now on).
  const registeredCases = new Set<string>();
  const waiting = new Map<string, () => void>();
  const events = createKafka(`bench-intake-${randomUUID()}`, kafkaBrokers()).consumer({
    groupId: `bench-intake-${randomUUID()}`,
  });
  await events.connect();
  await events.subscribe({ topic: Topics.hotlineCase, fromBeginning: false });
  const joined = new Promise<void>((resolve) => events.on(events.events.GROUP_JOIN, () => resolve()));
  await events.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value?.toString() ?? '{}') as {
        type?: string;
        data?: { snapshot?: { caseId?: string } };
      };
      const caseId = event.data?.snapshot?.caseId;
      if (event.type !== CaseEventTypes.registered || !caseId) return;
      registeredCases.add(caseId);
      waiting.get(caseId)?.();
    },
  });
  await joined;
  const untilRegistered = (caseId: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (registeredCases.has(caseId)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`case ${caseId} not registered within 120 s`)),
        120_000,
      );
      waiting.set(caseId, () => {
        clearTimeout(timer);
        waiting.delete(caseId);
        resolve();
      });
    });

  try {
    process.stdout.write(
      `intake bench: ${CASES.toLocaleString()} cases, ${CONCURRENCY} in flight, then ${OPEN.toLocaleString()} more open\n` +
        `  worker pid ${platform.worker.pid}, ${process.env.STACK_MODE === 'cluster' ? 'cluster mode' : 'dev server'}: ` +
        `Temporal pids ${temporalPids(stack).join(', ') || 'not found'}\n`,
    );

    // (a) bare baseline: a second worker with its own bundle (the no-op workflow only) and queue; a worker
    // runs once, so each level gets its own.
    const noopQueue = `bench-noop-${randomUUID()}`;
    const noopWorker = () =>
      Worker.create({
        connection: nativeConnection,
        taskQueue: noopQueue,
        workflowsPath: join(__dirname, 'intake-baseline.workflow.ts'),
        dataConverter,
      });
    const only = (pid: number | undefined) => () => (pid ? [pid] : []);
    // Postgres: the postmaster and every backend (pgrep sees them by their title); Kafka: its JVM.
    const pids = {
      bench: only(process.pid),
      worker: only(platform.worker.pid),
      ...stack,
      Postgres: () => pidsMatching('^postgres|bin/postgres '),
    };
    // (a') the intake's Temporal work alone, on the no-op worker (with the no-op local activity).
    const shapeWorker = () =>
      Worker.create({
        connection: nativeConnection,
        taskQueue: noopQueue,
        workflowsPath: join(__dirname, 'intake-baseline.workflow.ts'),
        dataConverter,
        activities: { benchPublish: async () => undefined },
      });
    const executeShape = () =>
      client.workflow.execute('benchIntakeShape', {
        taskQueue: noopQueue,
        workflowId: `bench-shape-${randomUUID()}`,
        typedSearchAttributes: [
          { key: defineSearchAttributeKey('CaseStatus', 'KEYWORD'), value: 'registered' },
        ],
      });
    const executeNoop = (i: number) =>
      client.workflow
        .execute('benchNoop', { taskQueue: noopQueue, workflowId: `bench-noop-${randomUUID()}`, args: [i] })
        .then(() => undefined);
    const intakeOne = async () => untilRegistered(await open());

    // Each level of concurrency: the bare baseline, then the intake, one right after the other.
    const levels: Level[] = [];
    for (const inFlight of [1, CONCURRENCY]) {
      const count = inFlight === 1 ? Math.min(CASES, SERIAL_CASES) : CASES;
      const worker = await noopWorker();
      const { result: bare, cpu: bareCpu } = await withCpu(pids, () =>
        worker.runUntil(async () => {
          await load(WARM_UP, inFlight, executeNoop);
          return load(count, inFlight, executeNoop);
        }),
      );
      const shape = await (
        await shapeWorker()
      ).runUntil(async () => {
        await load(WARM_UP, inFlight, executeShape);
        return load(count, inFlight, executeShape);
      });
      // After a warm-up (the worker's first workflows, JIT, connection pools).
      await load(WARM_UP, inFlight, intakeOne);
      const { result: intake, cpu: intakeCpu } = await withCpu(pids, () => load(count, inFlight, intakeOne));
      levels.push({ inFlight, count, bare, bareCpu, shape, intake, intakeCpu, loadAverage: loadavg()[0] });
    }

    const widths = [50, 10, 10, 10];
    const cpuWidths = [50, ...Object.keys(pids).map(() => 9), 9];
    for (const level of levels) {
      const { bare, intake } = level;
      const bareP50 = percentile(bare.latencies, 50);
      const intakeP50 = percentile(intake.latencies, 50);
      process.stdout.write(
        `\n${level.inFlight} in flight, ${level.count} each\n${row(['', 'rate /s', 'p50 ms', 'p99 ms'], widths)}\n`,
      );
      process.stdout.write(
        `${row(['(a) bare: no-op workflow, start → completed', fmt(bare.rate), fmt(bareP50), fmt(percentile(bare.latencies, 99))], widths)}\n`,
      );
      const { shape } = level;
      process.stdout.write(
        `${row(["(a') the intake's Temporal work alone", fmt(shape.rate), fmt(percentile(shape.latencies, 50)), fmt(percentile(shape.latencies, 99))], widths)}\n`,
      );
      process.stdout.write(
        `${row(['(b) intake: POST /cases → registered event', fmt(intake.rate), fmt(intakeP50), fmt(percentile(intake.latencies, 99))], widths)}\n`,
      );
      process.stdout.write(
        `    (a')/(a): rate ${fmt(shape.rate / bare.rate, 2)}×, p50 ${fmt(percentile(shape.latencies, 50) / bareP50, 2)}× — the most an intake could reach with free services\n`,
      );
      if (level.inFlight === 1) {
        const ratio = intakeP50 / bareP50;
        process.stdout.write(
          `    p50 (b)/(a) ${fmt(ratio, 2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'NOT met'})\n`,
        );
      } else {
        const ratio = intake.rate / bare.rate;
        process.stdout.write(
          `    rate (b)/(a) ${fmt(ratio, 2)}× (target ≥ 0.6×: ${ratio >= 0.6 ? 'met' : 'NOT met'})\n`,
        );
      }
      process.stdout.write(
        `  CPU meanwhile, % of one core (this process runs the four services and the no-op worker):\n`,
      );
      process.stdout.write(`${row(['', ...Object.keys(pids), 'all'], cpuWidths)}\n`);
      for (const [name, cpu] of [
        ['(a) bare', level.bareCpu],
        ['(b) intake', level.intakeCpu],
      ] as const)
        process.stdout.write(
          `${row(
            [
              `  ${name}`,
              ...Object.keys(pids).map((k) => fmt(cpu[k], 0)),
              fmt(
                Object.values(cpu).reduce((a, b) => a + b, 0),
                0,
              ),
            ],
            cpuWidths,
          )}\n`,
        );
      process.stdout.write(
        `    machine: load average ${fmt(level.loadAverage, 2)} on ${cpus().length} CPUs\n`,
      );
    }

    // (c) memory with many open cases (all waiting on their SLA timers).
    if (OPEN === 0) return;
    const openBefore = serial;
    const before = { worker: rssMb(platform.worker.pid), temporal: rssOf(temporalPids(stack)) };
    const opening = await load(OPEN, CONCURRENCY, async () => {
      await open();
    });
    const registeredQuery = `TaskQueue = '${caseQueue}' AND CaseStatus = 'registered'`;
    const target = openBefore + OPEN;
    const waitStarted = Date.now();
    let registered = 0;
    while (Date.now() - waitStarted < 15 * 60_000) {
      registered = (await client.workflow.count(registeredQuery)).count;
      if (registered >= target) break;
      await sleep(2_000);
    }
    const after = { worker: rssMb(platform.worker.pid), temporal: rssOf(temporalPids(stack)) };

    const memWidths = [50, 14, 14];
    process.stdout.write(
      `\n(c) ${OPEN.toLocaleString()} more cases opened at ${fmt(opening.rate)} /s (POST only); ` +
        `${registered.toLocaleString()} of ${target.toLocaleString()} registered after ` +
        `${fmt((Date.now() - waitStarted) / 1000)} s more\n`,
    );
    process.stdout.write(`${row(['', 'worker RSS MB', 'Temporal RSS MB'], memWidths)}\n`);
    process.stdout.write(
      `${row([`before (${openBefore.toLocaleString()} cases open)`, fmt(before.worker), fmt(before.temporal)], memWidths)}\n`,
    );
    process.stdout.write(
      `${row([`after (${target.toLocaleString()} cases open)`, fmt(after.worker), fmt(after.temporal)], memWidths)}\n`,
    );
    process.stdout.write(
      `${row(['per 1,000 more open cases', fmt(((after.worker - before.worker) / OPEN) * 1000), fmt(((after.temporal - before.temporal) / OPEN) * 1000)], memWidths)}\n`,
    );
  } finally {
    await events.disconnect();
    await connection.close();
    await nativeConnection.close();
    process.stdout.write('\ncleaning up: terminating the bench cases, dropping the schemas\n');
    await platform.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
