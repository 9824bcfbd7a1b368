/**
 * Fault drill (not a test): under a steady intake load through the load balancer, kills one process at a time —
 * one replica of each API, one workflow worker, the Kafka broker leading the case topic, the Temporal history
 * service, and restarts Postgres — restarts it as a supervisor would, and measures per fault: seconds until an
 * intake is acknowledged again, intakes refused meanwhile, intakes acknowledged but lost (no case, no workflow),
 * and rows applied twice (referrals, service records, employment events, cases per person). Meanwhile each fault
 * also drives one case from registered to placed (the referral goes through jobs, Kafka and the workflow). At the
 * end every case it made must be in its expected state. Runs against whatever scripts/start.sh started (single or
 * --cluster mode, docs/operations.md "Fault drills"); a fault whose process does not exist in this mode is
 * reported as not applicable. Prints counts and ids only, never personal data.
 *
 *   npm run drill [-- --rate 2 --only hotline,postgres --hold 5]
 */
import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Connection, Client as TemporalClient, WorkflowNotFoundError } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { Topics } from '@platform/contracts';
import { loadStackEnv, STACK_HOME } from '@platform/testing';
import { DEMO_PASSWORD } from '../demo/http-client';
import { addDays, idNumber, mobile, shanghaiDay } from '../demo/identifiers';
import {
  Attempt,
  countDuplicates,
  DuplicateCounts,
  duplicatesSince,
  findLostCases,
  LostCase,
  recoverySeconds,
  totalDuplicates,
} from './accounting';

const ROOT = resolve(__dirname, '../..');
const RUN_DIR = join(STACK_HOME, 'run', 'services');
const run = promisify(execFile);

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
/** Intakes per second through the balancer. */
const RATE = Number(arg('rate', '2'));
/** How long a killed process stays down before the drill restarts it (a supervisor's restart delay). */
const HOLD_MS = Number(arg('hold', '5')) * 1000;
const ONLY = arg('only', '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
/** The whole drill stops injecting faults after this long and goes to its final checks. */
const BUDGET_MS = 13 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** Yulin community (玉林街道, Wuhou), inside operator.wuhou's area. */
const COMMUNITY = '510107003001';
const SCHEMAS = { hotline: 'hotline', people: 'people', jobs: 'jobs' };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const say = (line: string) => process.stdout.write(`[drill] ${line}\n`);

// ---------------------------------------------------------------------------------------------- environment

type Mode = 'single' | 'cluster';

/** Reads `export NAME='value'` lines, overriding what is set (the cluster's endpoints replace the dev stack's). */
function applyEnvFile(file: string): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2].replace(/^'|'$/g, '').replace(/'\\''/g, "'");
  }
}

async function stackCommand(...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [join(ROOT, 'infra/local/stack.sh'), ...args], {
    cwd: ROOT,
    maxBuffer: 10 * 1024 * 1024,
    timeout: 10 * 60_000,
  });
  return stdout;
}

/** Whether `stack.sh up --cluster` runs here (its status answers 0). */
async function clusteredStackUp(): Promise<boolean> {
  if (!readFileSync(join(ROOT, 'infra/local/stack.sh'), 'utf8').includes('--cluster')) return false;
  try {
    await stackCommand('status', '--cluster');
    return true;
  } catch {
    return false;
  }
}

function readPid(instance: string): number | null {
  const file = join(RUN_DIR, `${instance}.pid`);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Pids listening on a TCP port (ss -p), for processes the stack started without pid files we read. */
async function listenerPids(port: number): Promise<number[]> {
  const { stdout } = await run('ss', ['-Hltnp', `( sport = :${port} )`]);
  return [...new Set([...stdout.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1])))];
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------------- API

interface Answer<T> {
  status: number;
  body: T;
}

/** A staff or employer account's calls; logs in again before its 15-minute token runs out. */
class Account {
  private token = '';
  private loggedInAt = 0;

  constructor(
    private readonly username: string,
    readonly urls: Record<'hotline' | 'jobs', string>,
  ) {}

  async call<T>(
    service: 'hotline' | 'jobs',
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    if (Date.now() - this.loggedInAt > 10 * 60_000) await this.login();
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** A call that must succeed (2xx); retried until `timeoutMs` while the platform recovers from a fault. */
  async must<T>(
    service: 'hotline' | 'jobs',
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 120_000,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let problem: string;
      try {
        const answer = await this.call<T>(service, method, path, body, headers);
        if (answer.status >= 200 && answer.status < 300) return answer.body;
        problem = `${answer.status} ${(answer.body as { title?: string } | undefined)?.title ?? ''}`;
        // A 4xx other than a conflict or throttling is the drill's own mistake: do not retry it.
        if (answer.status >= 400 && answer.status < 500 && ![404, 409, 429].includes(answer.status))
          throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} → ${problem}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(method)) throw error;
        problem = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() > deadline)
        throw new Error(
          `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} failed until the deadline: ${problem}`,
        );
      await sleep(1000);
    }
  }

  private async login(): Promise<void> {
    const response = await fetch(`${this.urls.hotline}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`login as ${this.username} answered ${response.status}`);
    this.token = ((await response.json()) as { accessToken: string }).accessToken;
    this.loggedInAt = Date.now();
  }
}

interface CaseView {
  caseId: string;
  state: string;
  view: {
    personId: string | null;
    referrals: Array<{ referralId: string; vacancyId: string; status: string }>;
    sla?: { placedAt?: string | null } | null;
  } | null;
}

// ---------------------------------------------------------------------------------------------- intakes

/** Intake bodies of distinct, fictional persons: this run's own birth-date range and ID sequence numbers. */
class Intakes {
  private readonly firstDay = randomInt(0, 9_000);
  private readonly sequence = randomInt(600, 1000);
  private n = 0;

  /** A hardship caller (低保, registered unemployed for 8 months) qualifies for a public-welfare post. */
  next(hardship = false): { key: string; body: unknown } {
    const n = this.n++;
    const birth = addDays('1970-01-01', this.firstDay + n);
    return {
      key: `drill-${randomUUID()}`,
      body: {
        person: {
          name: '演练',
          idNumber: idNumber('510107', birth, this.sequence),
          phone: mobile(n % 10_000),
          hukouType: 'urban',
          hukouPlace: '四川省成都市武侯区',
          communityCode: COMMUNITY,
          ...(hardship
            ? {
                unemployment: { registeredOn: addDays(shanghaiDay(), -240), status: 'registered' },
                circumstances: { minimumLivingAllowance: true },
              }
            : {}),
        },
        wants: '仓库或保洁，白班',
        acceptsAnyJob: true,
        skills: ['理货'],
        constraints: { hours: ['full_time'], maxDistanceKm: 10 },
        location: { lat: 30.632, lng: 104.06 },
      },
    };
  }
}

/** The steady intake load: RATE intakes a second, each answered or not, none retried meanwhile. */
class IntakeLoad {
  readonly attempts: Attempt[] = [];
  /** caseId → when it was acknowledged. */
  readonly acknowledged = new Map<string, number>();
  /** Intakes that got no 201: asked again with the same Idempotency-Key at the end. */
  readonly unanswered: Array<{ key: string; body: unknown }> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly operator: Account,
    private readonly intakes: Intakes,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      const sent = this.send().finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
    }, 1000 / RATE);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.inFlight);
  }

  private async send(): Promise<void> {
    const intake = this.intakes.next();
    let ok = false;
    try {
      const answer = await this.operator.call<{ caseId: string }>('hotline', 'POST', '/cases', intake.body, {
        'idempotency-key': intake.key,
      });
      if (answer.status === 201) {
        ok = true;
        this.acknowledged.set(answer.body.caseId, Date.now());
      }
    } catch {
      // No answer (reset, timeout): the intake may or may not have been taken; asked again at the end.
    }
    if (!ok) this.unanswered.push(intake);
    this.attempts.push({ at: Date.now(), ok });
  }
}

// ---------------------------------------------------------------------------------------------- cases

async function openCase(operator: Account, intakes: Intakes, hardship = false): Promise<string> {
  const intake = intakes.next(hardship);
  // Retried with the same key: a retry of an intake that was taken answers the same case.
  const answer = await operator.must<{ caseId: string }>('hotline', 'POST', '/cases', intake.body, 120_000, {
    'idempotency-key': intake.key,
  });
  return answer.caseId;
}

async function readCase(operator: Account, caseId: string): Promise<CaseView> {
  return operator.must<CaseView>('hotline', 'GET', `/cases/${caseId}`, undefined, 60_000);
}

async function caseUntil(
  operator: Account,
  caseId: string,
  what: string,
  done: (view: CaseView) => boolean,
  timeoutMs = 120_000,
): Promise<CaseView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await readCase(operator, caseId).catch(() => undefined);
    if (view && done(view)) return view;
    if (Date.now() > deadline)
      throw new Error(`case ${caseId}: ${what} did not happen in ${timeoutMs / 1000} s`);
    await sleep(1000);
  }
}

const registered = (view: CaseView) => Boolean(view.view?.personId);

/** A registered case, driven to placed: propose, the employer accepts (Kafka), the person accepts, the start. */
async function drivePlacement(
  operator: Account,
  employer: Account,
  caseId: string,
  vacancyId: string,
): Promise<void> {
  const path = `/cases/${caseId}`;
  const referralOf = (view: CaseView) =>
    view.view?.referrals.filter((referral) => referral.vacancyId === vacancyId).at(-1);
  // Each step is retried while the fault lasts, and done only if the case does not show it yet (a retried POST
  // after an unanswered one must not be taken for the drill's own duplicate).
  let view = await readCase(operator, caseId);
  if (!referralOf(view)) {
    await operator.must('hotline', 'POST', `${path}/referrals`, { vacancyId });
    view = await caseUntil(operator, caseId, 'the referral', (next) => Boolean(referralOf(next)));
  }
  if (referralOf(view)!.status === 'proposed') {
    await employer.must('jobs', 'POST', `/employer/referrals/${referralOf(view)!.referralId}/accept`);
    view = await caseUntil(
      operator,
      caseId,
      "the employer's answer",
      (next) => referralOf(next)?.status !== 'proposed',
    );
  }
  if (referralOf(view)!.status === 'employer_accepted') {
    await operator.must(
      'hotline',
      'POST',
      `${path}/referrals/${referralOf(view)!.referralId}/person-answer`,
      {
        answer: 'accepted',
      },
    );
    view = await caseUntil(
      operator,
      caseId,
      "the person's answer",
      (next) => referralOf(next)?.status !== 'employer_accepted',
    );
  }
  if (!view.view?.sla?.placedAt) {
    await operator.must('hotline', 'POST', `${path}/referrals/${referralOf(view)!.referralId}/start`, {
      startedOn: shanghaiDay(),
    });
    await caseUntil(operator, caseId, 'the placement', (next) => Boolean(next.view?.sla?.placedAt));
  }
}

/** The drill's own vacancy, posted by the demo employer, with room for every placement of the run. */
async function postVacancy(employer: Account): Promise<string> {
  const today = shanghaiDay();
  const vacancy = await employer.must<{ id: string }>('jobs', 'POST', '/employer/vacancies', {
    kind: 'market',
    occupationCode: '4-02-06-01',
    title: '仓库理货员（故障演练）',
    description: '故障演练用岗位：负责仓库收货、上架与盘点。',
    skills: ['理货'],
    districtCode: '510107',
    streetCode: '510107003',
    lat: 30.632,
    lng: 104.062,
    hours: 'full_time',
    physicalDemand: 'moderate',
    disabledSuitable: false,
    wageMinFen: 380_000,
    wageMaxFen: 450_000,
    headcount: 40,
    noExperience: true,
    validFrom: today,
    validTo: addDays(today, 30),
  });
  return vacancy.id;
}

// ---------------------------------------------------------------------------------------------- faults

interface Target {
  /** What was killed, e.g. "hotline-1 (pid 123)". */
  what: string;
  inject(): Promise<void>;
  /** Starts it again and waits until it is healthy. */
  restart(): Promise<void>;
}

interface Fault {
  name: string;
  /** The process to kill, or why there is none in this mode. */
  target(): Promise<Target | string>;
}

function serviceFault(service: string, mode: Mode): Fault {
  return {
    name: service,
    target: async () => {
      const instance = mode === 'cluster' ? `${service}-1` : service;
      const pid = readPid(instance);
      if (!pid) return `${instance} is not running`;
      const others = mode === 'cluster' ? `, ${service}-2 keeps running` : ', its only process';
      return {
        what: `kill -9 ${instance} (pid ${pid}${others})`,
        inject: async () => void process.kill(pid, 'SIGKILL'),
        restart: async () => {
          await run('bash', [join(ROOT, 'scripts/drill/restart-instance.sh'), instance], { cwd: ROOT });
        },
      };
    },
  };
}

function kafkaFault(clustered: boolean): Fault {
  return {
    name: 'kafka broker',
    target: async () => {
      const kafka = new Kafka({
        clientId: 'fault-drill',
        brokers: process.env.KAFKA_BROKERS!.split(','),
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      await admin.connect();
      try {
        const metadata = await admin.fetchTopicMetadata({ topics: [Topics.hotlineCase] });
        const leader = metadata.topics[0].partitions.find((partition) => partition.partitionId === 0)?.leader;
        const { brokers } = await admin.describeCluster();
        const broker = brokers.find((candidate) => candidate.nodeId === leader);
        if (!broker) return `no leader for ${Topics.hotlineCase} partition 0`;
        const pids = await listenerPids(broker.port);
        if (pids.length !== 1)
          return `cannot tell the process of broker ${broker.nodeId} (port ${broker.port})`;
        const count = brokers.length;
        return {
          what: `kill -9 broker ${broker.nodeId} (pid ${pids[0]}), leader of ${Topics.hotlineCase}/0, ${count} broker${count > 1 ? 's' : ''}`,
          inject: async () => void process.kill(pids[0], 'SIGKILL'),
          restart: async () => {
            await (clustered
              ? stackCommand('up', '--cluster', 'kafka-cluster')
              : stackCommand('up', 'kafka'));
            await waitFor('the broker', async () => (await listenerPids(broker.port)).length > 0, 120_000);
          },
        };
      } finally {
        await admin.disconnect();
      }
    },
  };
}

function temporalHistoryFault(clustered: boolean): Fault {
  return {
    name: 'temporal history',
    target: async () => {
      if (!clustered)
        return 'not applicable in this mode (the dev server is one process; no separate history service)';
      const pid = Number((await stackCommand('pid', '--cluster', 'temporal-history').catch(() => '')).trim());
      if (!pid) return 'not running (`stack.sh pid --cluster temporal-history` names no process)';
      return {
        what: `kill -9 temporal history (pid ${pid}; frontend, matching, worker keep running)`,
        inject: async () => void process.kill(pid, 'SIGKILL'),
        restart: async () => {
          await stackCommand('up', '--cluster', 'temporal-cluster');
        },
      };
    },
  };
}

function postgresFault(): Fault {
  return {
    name: 'postgres',
    target: async () => ({
      what: 'stack.sh down postgres (fast shutdown), then up',
      inject: async () => {
        await stackCommand('down', 'postgres');
      },
      restart: async () => {
        await stackCommand('up', 'postgres');
      },
    }),
  };
}

// ---------------------------------------------------------------------------------------------- report

interface Row {
  fault: string;
  target: string;
  /** From the kill until the restarted process was healthy again. */
  down: string;
  recovery: string;
  refused: string;
  acknowledged: string;
  lost: string;
  duplicates: string;
  placement: string;
}

function printTable(rows: Row[]): void {
  const headers: Row = {
    fault: 'fault',
    target: 'what',
    down: 'down (s)',
    recovery: 'intake back (s)',
    refused: 'refused',
    acknowledged: 'acked',
    lost: 'lost',
    duplicates: 'dup',
    placement: 'placement meanwhile',
  };
  const keys = Object.keys(headers) as Array<keyof Row>;
  const widths = keys.map((key) => Math.max(...[headers, ...rows].map((row) => row[key].length)));
  const line = (row: Row) => keys.map((key, i) => row[key].padEnd(widths[i])).join(' | ');
  process.stdout.write(
    [line(headers), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line), ''].join('\n'),
  );
}

const describeDuplicates = (counts: DuplicateCounts) =>
  totalDuplicates(counts) === 0
    ? '0'
    : Object.entries(counts)
        .filter(([, n]) => n !== 0)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  loadStackEnv();
  const modeFile = join(RUN_DIR, 'mode');
  if (!existsSync(modeFile) || !(await httpOk('http://127.0.0.1:3000/health/ready')))
    throw new Error('the services are not running: start them with scripts/start.sh [--cluster]');
  const mode = readFileSync(modeFile, 'utf8').trim() as Mode;
  // The Temporal and Kafka the services were started on (scripts/services.sh), whatever runs besides.
  const devTemporal = process.env.TEMPORAL_ADDRESS;
  const endpoints = join(RUN_DIR, 'endpoints.env');
  if (existsSync(endpoints)) applyEnvFile(endpoints);
  const clustered =
    mode === 'cluster' && process.env.TEMPORAL_ADDRESS !== devTemporal && (await clusteredStackUp());
  say(
    `mode: ${mode}${mode === 'cluster' ? ` (replicas behind HAProxy) on the ${clustered ? 'clustered' : 'dev'} stack` : ''}; ` +
      `Temporal ${process.env.TEMPORAL_ADDRESS}, Kafka ${process.env.KAFKA_BROKERS}; ${RATE} intakes/s`,
  );

  const db = new Pool({ connectionString: process.env.DATABASE_ADMIN_URL, max: 4 });
  // Postgres restarts during the drill: a pooled connection it cut must not crash the process.
  db.on('error', () => undefined);
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const temporal = new TemporalClient({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  const workflowExists = async (caseId: string) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await temporal.workflow.getHandle(caseId).describe();
        return true;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        if (attempt >= 5) throw error;
        await sleep(2000);
      }
    }
  };

  const urls = { hotline: 'http://127.0.0.1:3000', jobs: 'http://127.0.0.1:3003' };
  const operator = new Account('operator.wuhou', urls);
  const employer = new Account('employer.demo', urls);
  const supervisor = new Account('supervisor.wuhou', urls);
  const intakes = new Intakes();

  const faults: Fault[] = [
    ...['hotline', 'people', 'employers', 'jobs', 'worker'].map((service) => serviceFault(service, mode)),
    kafkaFault(clustered),
    temporalHistoryFault(clustered),
    postgresFault(),
  ].filter((fault) => ONLY.length === 0 || ONLY.some((name) => fault.name.startsWith(name)));

  // Cases in every state the drill can reach by itself, their expected state taken once they got there.
  // A breached case needs two working days to pass, more than a drill's budget: the breach path is covered by
  // the workflow's time-skipping tests.
  say(
    'preparing cases (registered, matching, escalated, placed, withdrawn) and one case to place during each fault',
  );
  const vacancyId = await postVacancy(employer);
  const expected = new Map<string, string>();
  const scenario = await Promise.all([
    openCase(operator, intakes, true),
    ...Array.from({ length: 4 + faults.length }, () => openCase(operator, intakes)),
  ]);
  await Promise.all(scenario.map((caseId) => caseUntil(operator, caseId, 'the registration', registered)));
  const [escalated, justRegistered, matching, placed, withdrawn, ...toPlace] = scenario;
  await operator.must('hotline', 'POST', `/cases/${matching}/referrals`, { vacancyId });
  // The supervisor escalates from the board: a public-welfare post or assistance-base place is reserved.
  await supervisor.must('hotline', 'POST', `/cases/${escalated}/escalate`, {
    reason: '故障演练：督导决定立即兜底',
  });
  await drivePlacement(operator, employer, placed, vacancyId);
  await operator.must('hotline', 'POST', `/cases/${withdrawn}/close`, {
    ending: 'withdrawn',
    reason: '故障演练：来电人撤回求助',
  });
  for (const caseId of [escalated, justRegistered, matching, placed, withdrawn]) {
    const view = await caseUntil(operator, caseId, 'its state', (next) => {
      if (caseId === matching) return (next.view?.referrals.length ?? 0) > 0;
      if (caseId === escalated) return next.state === 'escalated';
      if (caseId === withdrawn) return next.state === 'withdrawn';
      if (caseId === placed) return next.state === 'placed';
      return true;
    });
    expected.set(caseId, view.state);
  }
  say(`cases prepared: ${[...expected.values()].join(', ')}`);

  const baseline = await countDuplicates(db, SCHEMAS);
  const load = new IntakeLoad(operator, intakes);
  load.start();
  await sleep(5000);

  const rows: Row[] = [];
  const windows: Array<{ row: Row; from: number; to: number }> = [];
  for (const [index, fault] of faults.entries()) {
    const placeCase = toPlace[index];
    if (Date.now() - started > BUDGET_MS) {
      rows.push({ ...emptyRow(fault.name), target: 'skipped: the drill ran out of its time budget' });
      continue;
    }
    let target: Target | string;
    try {
      target = await fault.target();
    } catch (error) {
      target = `could not find the process: ${(error as Error).message}`;
    }
    if (typeof target === 'string') {
      rows.push({ ...emptyRow(fault.name), target });
      say(`${fault.name}: ${target}`);
      continue;
    }
    const before = await countDuplicates(db, SCHEMAS);
    say(`${fault.name}: ${target.what}`);
    const faultAt = Date.now();
    await target.inject();
    // The placement runs through the outage and the restart.
    const placement = (async () => {
      await sleep(500);
      const t0 = Date.now();
      await drivePlacement(operator, employer, placeCase, vacancyId);
      expected.set(placeCase, 'placed');
      return `placed in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    })().catch((error: unknown) => {
      expected.set(placeCase, 'placed');
      return `FAILED: ${(error as Error).message}`;
    });
    await sleep(HOLD_MS);
    let restartProblem = '';
    await target.restart().catch((error: unknown) => {
      // execFile's error carries the command's stderr: its last line says why.
      const stderr = ((error as { stderr?: string }).stderr ?? '').trim().split('\n').at(-1);
      restartProblem = ` RESTART FAILED: ${stderr || (error as Error).message.split('\n')[0]}`;
    });
    const healthyAt = Date.now();
    // Intake must work again: wait (bounded) for the first acknowledged intake after the last refused one.
    await waitFor(
      'intake to work again',
      async () => recoverySeconds(load.attempts, faultAt, Date.now()).seconds !== null,
      90_000,
    ).catch(() => undefined);
    const placementResult = await placement;
    await sleep(3000);
    const to = Date.now();
    const recovery = recoverySeconds(load.attempts, faultAt, to);
    const duplicates = duplicatesSince(
      before,
      await countDuplicates(db, SCHEMAS, [...load.acknowledged.keys()]).catch(() => before),
    );
    const row: Row = {
      fault: fault.name,
      target: target.what + restartProblem,
      down: ((healthyAt - faultAt) / 1000).toFixed(1),
      recovery: recovery.seconds === null ? 'NEVER' : recovery.seconds.toFixed(1),
      refused: String(recovery.failed),
      acknowledged: String(
        load.attempts.filter((attempt) => attempt.ok && attempt.at >= faultAt && attempt.at < to).length,
      ),
      lost: '…',
      duplicates: describeDuplicates(duplicates),
      placement: placementResult,
    };
    rows.push(row);
    windows.push({ row, from: faultAt, to });
    say(
      `${fault.name}: intake back after ${row.recovery} s, ${row.refused} refused, placement ${placementResult}`,
    );
    await sleep(3000);
  }
  await load.stop();

  // Intakes without an answer: asked again with the same key; one the hotline had taken is a case like the others.
  let takenAnyway = 0;
  for (const intake of load.unanswered) {
    const answer = await operator
      .call<{ caseId: string }>('hotline', 'POST', '/cases', intake.body, { 'idempotency-key': intake.key })
      .catch(() => undefined);
    if (answer?.status === 200) {
      takenAnyway++;
      load.acknowledged.set(answer.body.caseId, Date.now());
    }
  }

  // Lost cases: a workflow that waits for its start (Temporal or the database was down) is started by the hotline's
  // sweeper within a minute; allow it that long.
  say(`checking ${load.acknowledged.size} acknowledged intakes (case rows, workflows in Temporal, states)`);
  const acknowledged = [...load.acknowledged.keys()];
  const everyCase = [...scenario, ...acknowledged];
  let lost: LostCase[] = [];
  const lostDeadline = Date.now() + 120_000;
  for (;;) {
    lost = await findLostCases(db, SCHEMAS.hotline, everyCase, workflowExists);
    if (lost.length === 0 || Date.now() > lostDeadline) break;
    await sleep(5000);
  }
  for (const window of windows) {
    const inWindow = lost.filter((entry) => {
      const at = load.acknowledged.get(entry.caseId) ?? 0;
      return at >= window.from && at < window.to;
    });
    window.row.lost = String(inWindow.length);
  }

  // Every case in its expected state: the prepared ones as they were (or placed), every intake registered.
  const wrongStates: string[] = [];
  const intakeStates = new Map<string, number>();
  let next = 0;
  const toCheck = [...expected.keys(), ...acknowledged];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < toCheck.length) {
        const caseId = toCheck[next++];
        const want = expected.get(caseId);
        try {
          const view = want
            ? await caseUntil(operator, caseId, `state ${want}`, (current) => current.state === want, 30_000)
            : await caseUntil(operator, caseId, 'the registration', registered, 60_000);
          if (!want) intakeStates.set(view.state, (intakeStates.get(view.state) ?? 0) + 1);
        } catch (error) {
          wrongStates.push((error as Error).message);
        }
      }
    }),
  );
  const finalDuplicates = duplicatesSince(baseline, await countDuplicates(db, SCHEMAS, acknowledged));

  process.stdout.write('\n');
  printTable(rows);
  const states = [...intakeStates].map(([state, n]) => `${state} ${n}`).join(', ');
  process.stdout.write(
    [
      '',
      `mode: ${mode}${clustered ? ' on the clustered stack' : ''}; ${load.attempts.length} intakes sent at ${RATE}/s, ` +
        `${acknowledged.length} acknowledged (${takenAnyway} of them found taken when an unanswered intake was sent again)`,
      `lost: ${lost.length}${lost.length ? ` (${lost.map((entry) => `${entry.caseId}: ${entry.reason}`).join('; ')})` : ''}`,
      `duplicates over the whole drill: ${describeDuplicates(finalDuplicates)}`,
      `intake cases by state: ${states || 'none'}`,
      `prepared cases in their expected state: ${expected.size - wrongStates.filter((m) => [...expected.keys()].some((id) => m.includes(id))).length}/${expected.size}`,
      ...(wrongStates.length ? ['not in the expected state:', ...wrongStates.map((m) => `  ${m}`)] : []),
      `drill time: ${((Date.now() - started) / 60_000).toFixed(1)} min`,
      '',
    ].join('\n'),
  );
  const failed =
    lost.length > 0 ||
    totalDuplicates(finalDuplicates) > 0 ||
    wrongStates.length > 0 ||
    rows.some(
      (row) =>
        row.recovery === 'NEVER' ||
        row.placement.startsWith('FAILED') ||
        row.target.includes('RESTART FAILED'),
    );
  await connection.close();
  await db.end();
  process.exitCode = failed ? 1 : 0;
}

function emptyRow(fault: string): Row {
  return {
    fault,
    target: '',
    recovery: '-',
    refused: '-',
    acknowledged: '-',
    lost: '-',
    duplicates: '-',
    placement: '-',
    down: '-',
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`drill: failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
