import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { CaseDetail, CaseIntake } from '@platform/contracts';
import { TEST_TEMPORAL_PAYLOAD_KEY, TestServiceApp } from '@platform/service-testing';
import { eventually, freePort, httpOk, REPO_ROOT, temporalAddress } from '@platform/testing';
// The end-to-end harness starts every app in-process through the app's own test helper; apps have no
// npm-scoped entry point, so these relative imports are the only way in (the type:e2e tag allows any project).
/* eslint-disable @nx/enforce-module-boundaries */
import { EmployersConfig } from '../../../apps/employers/src/config';
import { startEmployers, testUscc } from '../../../apps/employers/src/testing/employers-test-app';
import { HotlineConfig } from '../../../apps/hotline/src/config';
import { DEMO_EMPLOYER_ID } from '../../../apps/hotline/src/identity/demo-accounts';
import { startHotline, tokenFor } from '../../../apps/hotline/src/identity/testing/hotline-test-app';
import { JobsConfig } from '../../../apps/jobs/src/config';
import { startJobs, vacancyBody } from '../../../apps/jobs/src/testing/jobs-test-app';
import { PeopleConfig } from '../../../apps/people/src/config';
import { idNumber, mobile, startPeople } from '../../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */

/** 玉林街道 (510107003), the demo operator's street; its first community is in the hotline's seeded org tree. */
export const YULIN_STREET = '510107003';
export const YULIN_COMMUNITY = '510107003001';

/** Asia/Shanghai yyyy-mm-dd of an instant (UTC+08:00, no DST). */
export const shanghaiDay = (at = Date.now()): string =>
  new Date(at + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The workflow worker as deployed: its own Node process (apps/worker/src/main.ts) on the platform's workflow
 * queue, so a spec can kill -9 it and start it again while cases are in flight.
 */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** The last lines it printed, for the error message when it does not come up. */
  private output = '';
  /** Everything it printed since it was created (the leak scan reads its logs). */
  printed = '';
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the worker is already running');
    this.port = await freePort();
    this.output = '';
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(REPO_ROOT, 'apps/worker/src/main.ts')],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'test',
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
          ...this.env,
          PORT: String(this.port),
        },
      },
    );
    const keep = (chunk: Buffer) => {
      this.printed += chunk.toString();
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    try {
      // Bundling the workflow code takes a few seconds on the first start.
      await eventually(
        'the workflow worker is ready',
        () => {
          if (!this.running) throw new Error(`the worker exited during start-up:\n${this.output}`);
          return httpOk(`http://127.0.0.1:${this.port}/health/ready`);
        },
        90_000,
      );
    } catch (error) {
      await this.kill();
      throw new Error(`${(error as Error).message}\n${this.output}`);
    }
  }

  /** SIGKILL by default: a crash, no draining of in-flight tasks. Resolves once the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return this.exited;
    this.child!.kill(signal);
    // A worker that does not drain within 15 s of SIGTERM is killed, so a spec's teardown never hangs.
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), 15_000)));
    if ((await Promise.race([this.exited, stuck])) === 'stuck') this.child!.kill('SIGKILL');
    clearTimeout(timer);
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}

export interface DemoData {
  /** The employer the `employer.demo` account acts for (its token carries this id); owns the vacancy. */
  employerId: string;
  vacancyId: string;
  /** In the employers service: the employer behind the assistance base, the base and the welfare pool. */
  baseEmployerId: string;
  assistanceBaseId: string;
  welfarePoolId: string;
}

export interface Platform {
  hotline: TestServiceApp<HotlineConfig>;
  people: TestServiceApp<PeopleConfig>;
  jobs: TestServiceApp<JobsConfig>;
  employers: TestServiceApp<EmployersConfig>;
  worker: WorkerProcess;
  /** Base URLs (each app listens on 127.0.0.1 on a free port). */
  urls: { hotline: string; people: string; jobs: string; employers: string };
  tokens: { supervisor: string; operator: string; employer: string };
  demo: DemoData;
  close: () => Promise<void>;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function listen(service: TestServiceApp<unknown>): Promise<string> {
  await service.app.listen(0, '127.0.0.1');
  return (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
}

async function expectStatus(
  what: string,
  pending: request.Test,
  status: number,
): Promise<Record<string, unknown>> {
  const response = await pending;
  if (response.status !== status)
    throw new Error(`${what} answered ${response.status}: ${response.text.slice(0, 500)}`);
  return response.body as Record<string, unknown>;
}

export interface PlatformOptions {
  /** More environment for the worker process (the tracing spec's OTLP endpoint). */
  workerEnv?: Record<string, string>;
}

/**
 * The whole platform for one spec file: hotline, people, jobs and employers in-process (each on a throwaway
 * schema, real Postgres/Kafka/Temporal) and the workflow worker as a child process, all on one set of unique
 * task queues and one payload key; plus the demo data a case needs. `close()` stops everything and drops the
 * schemas.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const started: Array<TestServiceApp<unknown>> = [];
  let worker: WorkerProcess | undefined;
  let workflowQueue: string | undefined;
  const close = async () => {
    await worker?.kill('SIGTERM');
    // Cases would otherwise stay open on the shared dev server, their timers firing into a dead queue.
    if (workflowQueue) await terminateWorkflows(workflowQueue).catch(() => undefined);
    await Promise.allSettled(started.map((service) => service.close()));
  };
  try {
    // The activity services first: the hotline passes their queues to every case workflow.
    const [people, jobs, employers] = await Promise.all([
      startPeople({ TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY }),
      startJobs(),
      startEmployers(),
    ]);
    started.push(people, jobs, employers);
    // People listens first: the hotline registers a new case's caller with it during the call.
    const peopleUrl = await listen(people);
    const hotline = await startHotline({
      PEOPLE_URL: peopleUrl,
      HOTLINE_WORKFLOW_TASK_QUEUE: `e2e-cases-${randomUUID()}`,
      PEOPLE_TASK_QUEUE: people.config.PEOPLE_TASK_QUEUE,
      JOBS_TASK_QUEUE: jobs.config.JOBS_TASK_QUEUE,
      EMPLOYERS_TASK_QUEUE: employers.config.EMPLOYERS_TASK_QUEUE,
      // Its own people's households only (every test stack shares the broker).
      PEOPLE_DEPLOYMENT: people.schema,
      TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
    });
    started.push(hotline);
    workflowQueue = hotline.config.HOTLINE_WORKFLOW_TASK_QUEUE;
    worker = new WorkerProcess({
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_PAYLOAD_KEY: TEST_TEMPORAL_PAYLOAD_KEY,
      WORKER_TASK_QUEUE: hotline.config.HOTLINE_WORKFLOW_TASK_QUEUE,
      // Case events go into the hotline's outbox (its throwaway schema), as in production.
      HOTLINE_DATABASE_URL: hotline.config.DATABASE_URL,
      HOTLINE_DB_SCHEMA: hotline.config.DB_SCHEMA,
      ...options.workerEnv,
    });
    const [urls] = await Promise.all([
      Promise.all([listen(hotline), listen(jobs), listen(employers)]).then(
        ([hotlineUrl, jobsUrl, employersUrl]) => ({
          hotline: hotlineUrl,
          people: peopleUrl,
          jobs: jobsUrl,
          employers: employersUrl,
        }),
      ),
      worker.start(),
    ]);
    const tokens = {
      supervisor: await tokenFor(hotline, 'supervisor.city'),
      operator: await tokenFor(hotline, 'operator.wuhou'),
      employer: await tokenFor(hotline, 'employer.demo'),
    };
    const demo = await seedDemoData(urls, tokens);
    return { hotline, people, jobs, employers, worker, urls, tokens, demo, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Terminates every running workflow of a task queue (the spec's own queue); returns how many. */
export async function terminateWorkflows(taskQueue: string): Promise<number> {
  const connection = await Connection.connect({ address: temporalAddress() });
  try {
    const client = new Client({ connection });
    const ids: string[] = [];
    const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    for (let from = 0; from < ids.length; from += 50) {
      await Promise.allSettled(
        ids
          .slice(from, from + 50)
          .map((id) => client.workflow.getHandle(id).terminate('end-to-end spec finished')),
      );
    }
    return ids.length;
  } finally {
    await connection.close();
  }
}

/**
 * An open vacancy of the demo employer in jobs (the `employer.demo` token carries DEMO_EMPLOYER_ID, which is
 * what jobs scopes vacancies and referrals by), and in employers an assistance base and a public-welfare pool
 * of Wuhou district with room this month, so an escalation has somewhere to go.
 */
async function seedDemoData(urls: Platform['urls'], tokens: Platform['tokens']): Promise<DemoData> {
  const period = shanghaiDay().slice(0, 7);
  const year = period.slice(0, 4);
  const vacancy = await expectStatus(
    'creating the demo vacancy',
    request(urls.jobs)
      .post('/employer/vacancies')
      .set(bearer(tokens.employer))
      .send(vacancyBody({ headcount: 500, districtCode: '510107', streetCode: YULIN_STREET })),
    201,
  );
  const baseEmployer = await expectStatus(
    'creating the assistance-base employer',
    request(urls.employers)
      .post('/employers')
      .set(bearer(tokens.supervisor))
      .send({
        uscc: testUscc(962110),
        name: '成都托底安置服务有限公司',
        industry: '劳务派遣',
        districtCode: '510107',
        streetCode: YULIN_STREET,
        addressDetail: '武侯大道 1 号',
      }),
    201,
  );
  const base = await expectStatus(
    'creating the assistance base',
    request(urls.employers)
      .post('/assistance-bases')
      .set(bearer(tokens.supervisor))
      .send({
        employerId: baseEmployer.id,
        designatedFrom: `${year}-01-01`,
        designatedTo: `${year}-12-31`,
        acceptedCategories: ['older_urban', 'zero_employment_household'],
        capacities: [{ period, capacity: 500 }],
      }),
    201,
  );
  const pool = await expectStatus(
    'creating the welfare pool',
    request(urls.employers)
      .post('/welfare-pools')
      .set(bearer(tokens.supervisor))
      .send({ districtCode: '510107', postType: '社区网格员', period, fundedSlots: 50 }),
    201,
  );
  return {
    employerId: DEMO_EMPLOYER_ID,
    vacancyId: String(vacancy.id),
    baseEmployerId: String(baseEmployer.id),
    assistanceBaseId: String(base.id),
    welfarePoolId: String(pool.id),
  };
}

/**
 * A caller's intake in the demo operator's street. `n` makes the ID number unique (a working-age birth date
 * 1970–2002 per n, then the sequence number); the phone is fresh each call.
 */
export function caseIntake(n: number, overrides: Partial<CaseIntake> = {}): CaseIntake {
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 12_000) * 86_400_000).toISOString().slice(0, 10);
  return {
    person: {
      name: '李四',
      idNumber: idNumber(birth.replace(/-/g, ''), 100 + Math.floor(n / 12_000), '510107'),
      phone: mobile(),
      hukouType: 'urban',
      hukouPlace: '四川省成都市武侯区',
      communityCode: YULIN_COMMUNITY,
    },
    wants: '保洁或保安，白班',
    acceptsAnyJob: true,
    skills: ['保洁'],
    constraints: { hours: ['full_time'], maxDistanceKm: 10 },
    location: { lat: 30.64, lng: 104.04 },
    ...overrides,
  };
}

/** Authorization header for supertest's `.set`. */
export const as = bearer;

/** GET /cases/{id} as the demo operator, and a poll until the case shows what a step waits for. */
export function caseReader(platform: Platform) {
  const getCase = async (caseId: string): Promise<CaseDetail> => {
    const response = await request(platform.urls.hotline)
      .get(`/cases/${caseId}`)
      .set(as(platform.tokens.operator));
    if (response.status !== 200) throw new Error(`GET /cases answered ${response.status}: ${response.text}`);
    return response.body as CaseDetail;
  };
  /** Polls the case until `check` holds (real processes are asynchronous); returns the body that satisfied it. */
  const caseUntil = async (caseId: string, what: string, check: (body: CaseDetail) => boolean) => {
    let last: CaseDetail | undefined;
    await eventually(
      what,
      async () => {
        last = await getCase(caseId).catch(() => undefined);
        return !!last && check(last);
      },
      60_000,
    );
    return last!;
  };
  return { getCase, caseUntil };
}
