/**
 * The case workflow in the time-skipping test server, with recording fakes for the services' activities (this
 * is the workflow's unit test; the real activities have their own integration specs and test/e2e runs it all).
 *
 * The test server's clock starts at the real present and cannot go back, but the cases that matter are dated
 * (National Day 2025, a given weekend). So each case gets a virtual clock: the fake hotline activities compute
 * the SLA with the official calendar at `virtual = server time − offset` and hand back server instants; every
 * assertion converts back and compares exact virtual instants.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { CalendarData, officialCalendar, OFFICIAL_CALENDAR, WorkingCalendar } from '@platform/calendar';
import { createTimeSkippingEnv } from '@platform/testing';
import { workflowBundleCodeOptions } from '@platform/temporal-kit';
import type {
  CasePolicy,
  EmployersActivities,
  HelpRequestCarry,
  HelpRequestInput,
  HelpRequestView,
  HotlineActivities,
  JobsActivities,
  PeopleActivities,
  PublishCaseEventInput,
  RecordServiceInput,
  ReserveForEscalationInput,
} from '@platform/contracts';
import { helpRequest } from './help-request.workflow';
import { HELP_REQUEST_REVISION } from './revision';
import {
  calendarChangedSignal,
  closeCaseUpdate,
  confirmStartUpdate,
  escalateNowUpdate,
  handOffUpdate,
  proposeReferralUpdate,
  recordCallbackUpdate,
  recordContactUpdate,
  recordFollowUpUpdate,
  recordPersonAnswerUpdate,
  referralChangedSignal,
  retryRegistrationUpdate,
  stateQuery,
  timelineQuery,
} from './messages';

const HOUR = 3600_000;
const QUEUE = 'help-request-spec';
const operator = {
  userId: 'u-op',
  username: 'op-zhang',
  roles: ['operator' as const],
  orgPath: '510100/510107',
};
const POLICY: CasePolicy = {
  refusal: { version: 'policy-test', validReasonCodes: ['health', 'distance'], maxUnjustifiedRefusals: 2 },
  callbackAfterWorkingDays: 1,
  followUpMonths: [1, 3, 6],
  promiseWorkingDays: 2,
};
/** Where recorded histories go for the replay spec (written when RECORD_HISTORIES=1). */
const HISTORIES_DIR = join(__dirname, 'histories');

/** What the fakes saw, per case id. */
const offsets = new Map<string, number>();
const calendars = new Map<string, WorkingCalendar>();
const categoriesOf = new Map<string, string[]>();
const serviceRecords: RecordServiceInput[] = [];
const escalations: ReserveForEscalationInput[] = [];
const reservationCalls: Array<{ call: string; reservationId: string }> = [];
const events: PublishCaseEventInput[] = [];
/** How often each case asked the hotline to prepare its clock (`prepareCase`). */
const prepareCalls = new Map<string, number>();

const offsetOf = (caseId: string) => offsets.get(caseId)!;
const calendarOf = (caseId: string) => calendars.get(caseId) ?? officialCalendar();
const toServer = (caseId: string, virtual: Date) =>
  new Date(virtual.getTime() + offsetOf(caseId)).toISOString();
/** A server instant as Shanghai wall time on the case's virtual clock, e.g. `2025-10-10T00:00:00+08:00`. */
function virtual(caseId: string, serverIso: string): string {
  const shanghai = new Date(Date.parse(serverIso) - offsetOf(caseId) + 8 * HOUR);
  return `${shanghai.toISOString().slice(0, 19)}+08:00`;
}

const hotline: HotlineActivities = {
  async prepareCase({ caseId, startedAt }) {
    prepareCalls.set(caseId, (prepareCalls.get(caseId) ?? 0) + 1);
    const sla = await hotline.computeCaseSla({ caseId, startedAt, workingDays: POLICY.promiseWorkingDays });
    return { policy: POLICY, sla };
  },
  async computeCaseSla({ caseId, startedAt, workingDays }) {
    const calendar = calendarOf(caseId);
    const start = new Date(Date.parse(startedAt) - offsetOf(caseId));
    const due = calendar.deadline(start, workingDays);
    const m = calendar.milestones(start, due.deadline);
    return {
      startedAt,
      deadline: toServer(caseId, due.deadline),
      dueDate: due.dueDate,
      milestones: {
        half: toServer(caseId, m.half),
        threeQuarters: toServer(caseId, m.threeQuarters),
        oneWorkingDayLeft: toServer(caseId, m.oneWorkingDayLeft),
      },
      calendarVersion: calendar.version,
      provisional: due.provisional,
      missingYears: due.missingYears,
    };
  },
  async schedulePlacement({ caseId, startedOn, callbackAfterWorkingDays, followUpMonths }) {
    const calendar = calendarOf(caseId);
    const midnight = (day: string) => toServer(caseId, new Date(`${day}T00:00:00+08:00`));
    const [y, mo, d] = startedOn.split('-').map(Number);
    const followUpDay = (months: number) => {
      const target = new Date(Date.UTC(y, mo - 1 + months, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d, last));
      const day = target.toISOString().slice(0, 10);
      return calendar.isWorkingDay(day) ? day : calendar.nthWorkingDayAfter(day, 1).date;
    };
    return {
      callbackAt: midnight(calendar.nthWorkingDayAfter(startedOn, callbackAfterWorkingDays).date),
      followUpsAt: followUpMonths.map((m) => midnight(followUpDay(m))),
      calendarVersion: calendar.version,
    };
  },
  async publishCaseEvent(input) {
    events.push(input);
  },
};

/** Cases whose registration fails (the people service's database is down) until the test removes them. */
const peopleDown = new Set<string>();
/** Cases opened with `receivedHoursAgo`. */
const keyedInLate = new Set<string>();
/** Cases whose intake the people service refuses (bad data), and how often it was asked to register each. */
const refusedIntake = new Set<string>();
const registrationAttempts = new Map<string, number>();
/** The failure the people activities raise for data their validation refuses (libs/temporal-kit `validated`). */
const REFUSED_NAME = ApplicationFailure.create({
  message: 'Invalid activity input / 活动参数有误',
  type: 'Problem400',
  nonRetryable: true,
  details: [
    [
      {
        field: 'person.name',
        rule: 'isLength',
        message: { zh: 'person.name：长度不符合要求', en: 'person.name: must not be blank' },
      },
    ],
  ],
});

const people: PeopleActivities = {
  async registerForCase({ caseId, occurredAt, ...registration }) {
    // A call keyed in late: registration takes longer than the milestones already due take to fire.
    if (keyedInLate.has(caseId)) await new Promise((resolve) => setTimeout(resolve, 1500));
    registrationAttempts.set(caseId, (registrationAttempts.get(caseId) ?? 0) + 1);
    // Refused until the operator corrects the name (the spec's intake says 测试).
    if (refusedIntake.has(caseId) && registration.person.name === '测试') throw REFUSED_NAME;
    if (peopleDown.has(caseId)) {
      // Retryable, next try in an hour: the retry waits on the server, where time can be skipped.
      throw ApplicationFailure.create({ message: 'people database unavailable', nextRetryDelay: '1 hour' });
    }
    const { person } = await people.registerOrFindPerson(registration);
    const evaluation = await people.evaluatePersonCategories({
      personId: person.personId,
      correlationId: caseId,
    });
    const record = await people.recordService({
      actor: registration.actor,
      personId: person.personId,
      kind: 'registration',
      channel: 'phone',
      occurredAt,
      outcome: `962110 case ${caseId}`,
      requestId: `${caseId}:registration`,
    });
    return {
      person,
      categories: evaluation.categories.map((c) => c.code),
      serviceRecordId: record.serviceRecordId,
    };
  },
  async registerOrFindPerson({ correlationId, person }) {
    return {
      outcome: 'created',
      person: {
        personId: `p-${correlationId}`,
        name: person.name,
        idNumberMasked: '510***********001X',
        phoneMasked: '138****0000',
        orgPath: operator.orgPath,
        communityCode: person.communityCode,
        categories: [],
      },
    };
  },
  async evaluatePersonCategories({ personId, correlationId }) {
    const codes = categoriesOf.get(correlationId) ?? [];
    return { personId, evaluatedAt: '', categories: codes.map((code) => ({ code, reasons: [] })) };
  },
  async recordService(input) {
    // Idempotent by requestId, like the real one: a retried activity returns the first record.
    const index = serviceRecords.findIndex((r) => r.requestId === input.requestId);
    if (index < 0) serviceRecords.push(input);
    return { serviceRecordId: `sr-${index < 0 ? serviceRecords.length : index + 1}`, confirmed: false };
  },
  async getContactForCallback() {
    throw ApplicationFailure.nonRetryable('not used by the workflow');
  },
};

const referralSummary = (caseId: string, referralId: string, status: string) => ({
  referralId,
  vacancyId: referralId.split(':')[1],
  employerId: 'emp-1',
  caseId,
  personId: `p-${caseId}`,
  status,
  respondBy: null,
  startedOn: null,
});
const jobs: JobsActivities = {
  async matchVacancies() {
    return [];
  },
  async proposeReferral({ caseId, vacancyId }) {
    if (vacancyId === 'vac-closed')
      throw ApplicationFailure.nonRetryable('The vacancy is not open', 'Conflict');
    return referralSummary(caseId, `ref:${vacancyId}`, 'proposed');
  },
  async recordPersonAnswer({ correlationId, referralId, answer }) {
    return referralSummary(
      correlationId,
      referralId,
      answer === 'accepted' ? 'person_accepted' : 'person_declined',
    );
  },
  async confirmStart({ correlationId, referralId }) {
    return referralSummary(correlationId, referralId, 'started');
  },
};

const employers: Pick<
  EmployersActivities,
  'reserveForEscalation' | 'confirmReservation' | 'releaseReservation'
> = {
  async reserveForEscalation(input) {
    escalations.push(input);
    const welfare = input.categories.length > 0;
    return {
      reservationId: `res-${input.caseId}`,
      kind: welfare ? 'welfare_slot' : 'assistance_base',
      targetId: welfare ? `pool-${input.districtCode}` : 'base-1',
      status: 'held',
      expiresAt: '',
    };
  },
  async confirmReservation({ reservationId }) {
    reservationCalls.push({ call: 'confirm', reservationId });
    return { reservationId, kind: 'assistance_base', status: 'confirmed', expiresAt: '' };
  },
  async releaseReservation({ reservationId }) {
    reservationCalls.push({ call: 'release', reservationId });
    return { reservationId, kind: 'assistance_base', status: 'released', expiresAt: '' };
  },
};

describe('helpRequest in the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let n = 0;
  /** Cases started by the current test; any still open afterwards is terminated so a failure cannot spill over. */
  let started: WorkflowHandleWithFirstExecutionRunId<typeof helpRequest>[] = [];

  beforeAll(async () => {
    bundle = await bundleWorkflowCode(workflowBundleCodeOptions());
  }, 120_000);
  // A fresh test server per test: a long skip after other tests' runs could stall on the shared server.
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);
  afterEach(() => env?.teardown());

  /**
   * Opens a case whose virtual clock reads `virtualStart` (Shanghai) now and waits for its registration; with
   * `peopleDown` (registration fails until the test brings people back) or `receivedHoursAgo` (a call keyed in
   * late, whose past milestones fire at once), only for its clock.
   */
  async function open(
    virtualStart: string,
    options: {
      categories?: string[];
      peopleDown?: boolean;
      receivedHoursAgo?: number;
      refusedIntake?: boolean;
      acceptsAnyJob?: boolean;
      /** Open as a reopened cycle with this carry (as continue-as-new would). */
      carry?: (caseId: string) => HelpRequestCarry;
      /** The policy the hotline read when the call was recorded: policy and SLA travel in the input. */
      preparedPolicy?: CasePolicy;
      /** The revision the case is started on (default: the current one, as the hotline starts cases). */
      revision?: number;
      /** People registered the caller while the operator was on the call: the registration is in the input. */
      registeredAtIntake?: boolean;
    } = {},
  ) {
    const caseId = `00000000-0000-4000-8000-${String(Date.now() % 1e8).padStart(8, '0')}${String(++n).padStart(4, '0')}`;
    const t0 = await env.currentTimeMs();
    offsets.set(caseId, t0 - Date.parse(virtualStart));
    categoriesOf.set(caseId, options.categories ?? []);
    const input: HelpRequestInput = {
      caseId,
      openedAt: new Date(t0 - (options.receivedHoursAgo ?? 0) * HOUR).toISOString(),
      openedBy: operator,
      districtCode: '510107',
      streetCode: '510107001',
      communityCode: '510107001001',
      intake: {
        person: {
          name: '测试',
          idNumber: '11010519491231002X',
          phone: '13800000000',
          hukouType: 'urban',
          hukouPlace: '成都',
          communityCode: '510107001001',
        },
        wants: 'warehouse work',
        acceptsAnyJob: options.acceptsAnyJob ?? true,
        skills: ['forklift'],
        constraints: {},
      },
      options: {
        upsertSearchAttributes: false, // the time-skipping server has no custom search attributes
        taskQueues: { people: QUEUE, jobs: QUEUE, employers: QUEUE, hotlineActivities: QUEUE },
      },
      ...(options.carry ? { carry: options.carry(caseId) } : {}),
      ...(options.revision === 0 ? {} : { revision: options.revision ?? HELP_REQUEST_REVISION }),
    };
    if (options.preparedPolicy) {
      const sla = await hotline.computeCaseSla({
        caseId,
        startedAt: input.openedAt,
        workingDays: options.preparedPolicy.promiseWorkingDays,
      });
      input.prepared = { policy: options.preparedPolicy, sla };
    }
    if (options.registeredAtIntake) {
      input.registered = {
        person: {
          personId: `p-at-intake-${caseId}`,
          name: '王建国',
          idNumberMasked: '110***********002X',
          phoneMasked: '138****0000',
          orgPath: operator.orgPath,
          communityCode: '510107001001',
          categories: ['low-income'],
        },
        categories: ['low-income'],
        serviceRecordId: `sr-at-intake-${caseId}`,
      };
    }
    if (options.peopleDown) peopleDown.add(caseId);
    if (options.refusedIntake) refusedIntake.add(caseId);
    if (options.receivedHoursAgo) keyedInLate.add(caseId);
    const handle = await env.client.workflow.start(helpRequest, {
      workflowId: caseId,
      taskQueue: QUEUE,
      args: [input],
    });
    started.push(handle);
    if (options.peopleDown || options.receivedHoursAgo || options.refusedIntake) {
      await eventuallyView(handle, 'its clock set', (view) => !!view.sla);
    } else {
      await eventuallyState(handle, 'registered');
    }
    return { handle, caseId };
  }

  /** Queries do not move the test server's clock, so polling for a state is safe. */
  async function eventuallyView(
    handle: WorkflowHandle,
    what: string,
    check: (view: HelpRequestView) => boolean,
  ): Promise<HelpRequestView> {
    for (let i = 0; i < 200; i++) {
      const view = await handle.query(stateQuery);
      if (check(view)) return view;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`case never reached ${what}`);
  }
  const eventuallyState = (handle: WorkflowHandle, state: string) =>
    eventuallyView(handle, state, (view) => view.state === state);

  /** Runs the real workflow code; one worker hosts the fakes of every activity queue. */
  async function running<T>(body: () => Promise<T>, record?: string): Promise<T> {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities: { ...hotline, ...people, ...jobs, ...employers },
    });
    started = [];
    try {
      return await worker.runUntil(async () => {
        const result = await body();
        if (record && process.env.RECORD_HISTORIES === '1') {
          mkdirSync(HISTORIES_DIR, { recursive: true });
          // The first run: for a reopened case that is the run that ended in continue-as-new.
          const first = env.client.workflow.getHandle(started[0].workflowId, started[0].firstExecutionRunId);
          const history = temporal.api.history.v1.History.encode(await first.fetchHistory()).finish();
          writeFileSync(join(HISTORIES_DIR, `${record}.history.bin`), history);
        }
        return result;
      });
    } finally {
      for (const handle of started) await handle.terminate('test finished').catch(() => undefined);
    }
  }

  const signalReferral = (
    handle: WorkflowHandle,
    eventId: string,
    referralId: string,
    status: string,
    occurredOn: string | null = null,
  ) =>
    handle.signal(referralChangedSignal, {
      eventId,
      referralId,
      vacancyId: referralId.split(':')[1],
      status: status as never,
      reason: null,
      occurredOn,
      actor: 'employer.demo',
    });

  /** Operator proposes, employer accepts (Kafka signal), person accepts. */
  async function bothAccept(handle: WorkflowHandle, vacancyId = 'vac-1') {
    const proposed = await handle.executeUpdate(proposeReferralUpdate, {
      args: [{ actor: operator, vacancyId }],
    });
    const referralId = proposed.referrals.find((r) => r.vacancyId === vacancyId)!.referralId;
    await signalReferral(handle, `evt-${referralId}-accepted`, referralId, 'employer_accepted');
    await handle.executeUpdate(recordPersonAnswerUpdate, {
      args: [{ actor: operator, referralId, answer: 'accepted' }],
    });
    return referralId;
  }

  const timelineOf = async (handle: WorkflowHandle) => handle.query(timelineQuery);

  /** The reason an update was refused (the test fails if it was not). */
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  };
  const dueOf = async (handle: WorkflowHandle, caseId: string, kind: string) =>
    (await timelineOf(handle)).filter((e) => e.kind === kind).map((e) => virtual(caseId, e.dueAt!));

  it('places in time: registered, proposed, both accept, started within the SLA; callback due next working day', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00'); // a Tuesday
      const view = await handle.query(stateQuery);
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-26T00:00:00+08:00'); // due 24:00 Thu 09-25
      expect(view.personId).toBe(`p-${caseId}`);
      expect(view.promise).toBe('active');
      expect(serviceRecords.filter((r) => r.requestId === `${caseId}:registration`)).toHaveLength(1);

      const referralId = await bothAccept(handle);
      await env.sleep(3 * HOUR);
      const placed = await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      expect(placed).toMatchObject({ state: 'placed', promise: 'kept' });
      // Recorded at workflow time: the sleep's end plus the few real seconds the updates took.
      expect(virtual(caseId, placed.sla!.placedAt!).slice(0, 16)).toBe('2025-09-23T13:00');
      expect(placed.sla!.latePlacement).toBe(false);

      await env.sleep(24 * HOUR); // past 00:00 Wed 09-24, the next working day
      const view2 = await eventuallyState(handle, 'callback');
      expect(virtual(caseId, view2.callback!.dueAt)).toBe('2025-09-24T00:00:00+08:00');
      expect(await dueOf(handle, caseId, 'escalation')).toEqual([]);
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual([]);
      const types = events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          'hotline.case.registered',
          'hotline.case.placed',
          'hotline.case.callback-scheduled',
          'hotline.case.callback-due',
        ]),
      );
      // The callback's due time went out with the placement, before it fell due (agendas show it ahead).
      const scheduled = events.find(
        (e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.callback-scheduled',
      );
      expect(virtual(caseId, scheduled!.snapshot.callbackDueAt!)).toBe('2025-09-24T00:00:00+08:00');
      const seqs = events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.snapshot.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      // Case events are local activities of the workflow's own worker (patch `case-events-local`): one marker
      // each in the history, no activity task.
      const history = await handle.fetchHistory();
      const activityTypes = history.events!.map(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name,
      );
      expect(activityTypes).not.toContain('publishCaseEvent');
      const localRuns = history.events!.filter(
        (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
      );
      expect(localRuns).toHaveLength(seqs.length);
    }, 'placed-in-time');
  }, 120_000);

  it('escalates to a public-welfare slot at one working day left when the categories allow (bounded in time), then places there', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00', { categories: ['5'] });
      await env.sleep(38 * HOUR + 60_000); // just past 00:00 Thu 09-25 (one working day left)
      const view = await eventuallyState(handle, 'escalated');
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-09-25T00:00:00+08:00']);
      // 62 working hours from Tue 10:00: half (31 h) falls on Wed 17:00.
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual(['2025-09-24T17:00:00+08:00']);
      expect(view.escalation).toEqual({
        kind: 'welfare_slot',
        reservationId: `res-${caseId}`,
        targetId: 'pool-510107',
      });
      expect(escalations.find((e) => e.caseId === caseId)).toMatchObject({
        categories: ['5'],
        districtCode: '510107',
        caseCommunityCode: '510107001001', // the hold's area: the case's operators see it
        period: expect.stringMatching(/^\d{4}-\d{2}$/), // from workflow time, not the virtual clock
        personId: `p-${caseId}`,
      });
      // Bounded even when no employers worker picks the task up (its retries alone are bounded already), so an
      // outage there cannot hold back the breach. The test server does not skip time past an unpolled task,
      // so the bound is read from the history rather than waited for.
      const scheduled = (await handle.fetchHistory()).events!.find(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'reserveForEscalation',
      )!.activityTaskScheduledEventAttributes!;
      expect(Number(scheduled.scheduleToCloseTimeout!.seconds)).toBe(600);

      const placed = await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, viaEscalation: true, startedOn: '2025-09-25' }],
      });
      expect(placed).toMatchObject({ state: 'placed', sla: { latePlacement: false } });
      expect(reservationCalls).toContainEqual({ call: 'confirm', reservationId: `res-${caseId}` });
      expect(reservationCalls).not.toContainEqual({ call: 'release', reservationId: `res-${caseId}` });
    }, 'escalated-welfare');
  }, 120_000);

  it('escalates to an assistance base without categories; a market placement afterwards releases the base', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      await env.sleep(38 * HOUR + 60_000);
      const view = await eventuallyState(handle, 'escalated');
      expect(view.escalation).toMatchObject({ kind: 'assistance_base', targetId: 'base-1' });
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-09-25T00:00:00+08:00']);

      const referralId = await bothAccept(handle);
      await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-25' }],
      });
      await env.sleep(HOUR);
      expect(reservationCalls).toContainEqual({ call: 'release', reservationId: `res-${caseId}` });
    }, 'escalated-base');
  }, 120_000);

  it('breaches over a weekend at 24:00 of the second working day, keeps working, records the placement as late', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-19T16:00:00+08:00'); // Friday
      const view = await handle.query(stateQuery);
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-24T00:00:00+08:00'); // Mon 22 + Tue 23
      await env.sleep(8 * HOUR + 4 * 24 * HOUR + HOUR); // to Wed 01:00

      const after = await eventuallyState(handle, 'escalated');
      expect(after.sla!.breached).toBe(true);
      expect(after.promise).toBe('late');
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual(['2025-09-24T00:00:00+08:00']);
      // Saturday and Sunday are not working time: half of the 56 h falls on Monday 20:00.
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual([
        '2025-09-22T20:00:00+08:00',
        '2025-09-23T10:00:00+08:00',
      ]);
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-09-23T00:00:00+08:00']);

      const referralId = await bothAccept(handle);
      const placed = await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-24' }],
      });
      expect(placed.sla).toMatchObject({ breached: true, latePlacement: true });
      expect(placed.promise).toBe('late');
      const placedEvent = events.find(
        (e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.placed',
      );
      expect(placedEvent!.snapshot.promise).toBe('late');
    }, 'breach-weekend');
  }, 120_000);

  it('the clock runs while the people service is down: the breach comes on time, registration when it is back', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-19T16:00:00+08:00', { peopleDown: true }); // Friday
      await env.sleep(8 * HOUR + 4 * 24 * HOUR + HOUR); // to Wed 01:00

      const waiting = await eventuallyView(handle, 'the breach', (view) => view.sla?.breached === true);
      expect(waiting.state).toBe('intake');
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual(['2025-09-24T00:00:00+08:00']);
      // No person to reserve a slot for: recorded, and the operator is left to act.
      expect(await dueOf(handle, caseId, 'escalation-failed')).toEqual(['2025-09-23T00:00:00+08:00']);
      expect(events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type)).toContain(
        'hotline.case.sla-breached',
      );

      // The people service is back: the registration that kept retrying completes at its next try.
      peopleDown.delete(caseId);
      await env.sleep(HOUR + 60_000);
      const registered = await eventuallyState(handle, 'registered');
      expect(registered).toMatchObject({ personId: `p-${caseId}`, sla: { breached: true } });
    }, 'people-outage');
  }, 120_000);

  it('a registration refused for bad data is tried once; the stuck intake shows the bilingual reason', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00', { refusedIntake: true });
      const view = await eventuallyView(handle, 'the refusal', (v) => v.registrationFailure != null);
      expect(view.state).toBe('intake');
      expect(view.registrationFailure).toEqual({
        type: 'Problem400',
        reason: 'Invalid activity input / 活动参数有误',
        errors: [expect.objectContaining({ field: 'person.name', rule: 'isLength' })],
      });
      const entry = (await timelineOf(handle)).find((e) => e.kind === 'registration');
      expect(entry).toMatchObject({ actor: 'system' });
      expect(entry!.detail).toBe(
        'registration failed: Invalid activity input / 活动参数有误 ' +
          '(person.name: must not be blank / person.name：长度不符合要求)',
      );
      // Hours later it has not been tried again (a retryable failure would have been, within the minute).
      await env.sleep(3 * HOUR);
      expect(registrationAttempts.get(caseId)).toBe(1);
      expect(
        events.filter((e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.registration-failed'),
      ).toEqual([expect.objectContaining({ detail: 'Problem400' })]);
      // The operator can still end the stuck intake.
      const closed = await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'withdrawn', reason: 'wrong name; opened again' }],
      });
      expect(closed.state).toBe('withdrawn');
    });
  }, 120_000);

  it('a refused registration sent again: refused once more, then registered with the corrections on the same case and clock', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00', { refusedIntake: true });
      const refused = await eventuallyView(handle, 'the refusal', (v) => v.registrationFailure != null);
      const person = {
        name: '测试',
        idNumber: '11010519491231002X',
        phone: '13800000000',
        hukouType: 'urban' as const,
        hukouPlace: '成都',
        communityCode: '510107001001',
      };
      const retry = (name: string) =>
        handle.executeUpdate(retryRegistrationUpdate, {
          args: [{ actor: operator, person: { ...person, name } }],
        });

      const again = await retry('测试');
      expect(again).toMatchObject({ state: 'intake', personId: null });
      expect(again.registrationFailure).toMatchObject({ type: 'Problem400' });

      const registered = await retry('王小明');
      expect(registered).toMatchObject({
        state: 'registered',
        personId: `p-${caseId}`,
        registrationFailure: null,
      });
      expect(registered.sla!.deadline).toBe(refused.sla!.deadline);
      expect(registrationAttempts.get(caseId)).toBe(3);
      expect(
        (await timelineOf(handle))
          .filter((e) => e.kind === 'registration')
          .map((e) => [e.actor, e.facts?.retry ?? e.facts?.failure ?? e.facts?.personId]),
      ).toEqual([
        ['system', 'registration-refused'],
        ['op-zhang', true],
        ['system', 'registration-refused'],
        ['op-zhang', true],
        ['op-zhang', `p-${caseId}`],
      ]);
      expect(
        events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type.replace('hotline.case.', '')),
      ).toEqual(['registration-failed', 'registration-failed', 'registered']);

      // Registered now: nothing waits for a retry.
      const refusal = await failure(retry('王小明'));
      expect(refusal.type).toBe('CaseConflict');
      expect(refusal.message).toContain('nothing to register again');
      expect(registrationAttempts.get(caseId)).toBe(3);
    }, 'registration-retry');
  }, 120_000);

  it('a call keyed in late: the escalation already due waits for the registration, then reserves', async () => {
    await running(async () => {
      // Received Tue 10:00, keyed in Thu 10:00: one working day left since Thu 00:00, due Fri 00:00.
      const { handle, caseId } = await open('2025-09-25T10:00:00+08:00', {
        receivedHoursAgo: 48,
        categories: ['5'],
      });
      const view = await eventuallyState(handle, 'escalated');
      expect(view).toMatchObject({ personId: `p-${caseId}`, escalation: { kind: 'welfare_slot' } });
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-26T00:00:00+08:00');
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-09-25T00:00:00+08:00']);
      expect(await dueOf(handle, caseId, 'escalation-failed')).toEqual([]);
    }, 'keyed-in-late');
  }, 120_000);

  it('opened on the last working day before National Day 2025: the clock sleeps through the holiday', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-30T10:00:00+08:00');
      const { sla } = await handle.query(stateQuery);
      expect(virtual(caseId, sla!.deadline)).toBe('2025-10-11T00:00:00+08:00'); // Thu 10-09 + Fri 10-10
      expect(sla!.dueDate).toBe('2025-10-10');
      // 62 working hours: 14 on 09-30, 24 on 10-09, 24 on 10-10.
      expect(virtual(caseId, sla!.milestones.half)).toBe('2025-10-09T17:00:00+08:00');
      expect(virtual(caseId, sla!.milestones.threeQuarters)).toBe('2025-10-10T08:30:00+08:00');
      expect(virtual(caseId, sla!.milestones.oneWorkingDayLeft)).toBe('2025-10-10T00:00:00+08:00');

      await env.sleep(8 * 24 * HOUR + 14 * HOUR); // to 00:00 on 10-09: nothing fired during the holiday
      expect((await timelineOf(handle)).filter((e) => e.dueAt)).toEqual([]);
      await env.sleep(48 * HOUR + HOUR);
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual([
        '2025-10-09T17:00:00+08:00',
        '2025-10-10T08:30:00+08:00',
      ]);
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-10-10T00:00:00+08:00']);
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual(['2025-10-11T00:00:00+08:00']);
    }, 'national-day-2025');
  }, 120_000);

  it('callback, follow-ups, and a follow-up that finds the person out of work reopens help with a new clock', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      const referralId = await bothAccept(handle);
      await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      await env.sleep(15 * HOUR); // 01:00 Wed 09-24: the callback is due
      await eventuallyState(handle, 'callback');
      const afterCallback = await handle.executeUpdate(recordCallbackUpdate, {
        args: [{ actor: operator, reached: true, working: true, satisfaction: 5, note: 'started, happy' }],
      });
      expect(afterCallback.callback).toMatchObject({ satisfaction: 5 });
      const following = await eventuallyState(handle, 'following-up');
      expect(following.followUps.map((f) => virtual(caseId, f.dueAt))).toEqual([
        '2025-10-23T00:00:00+08:00',
        '2025-12-23T00:00:00+08:00',
        '2026-03-23T00:00:00+08:00',
      ]);
      await expect(
        handle.executeUpdate(recordFollowUpUpdate, {
          args: [{ actor: operator, reached: true, stillEmployed: true, note: 'early' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);

      await env.sleep(30 * 24 * HOUR); // past the first follow-up (10-23)
      expect(await dueOf(handle, caseId, 'follow-up-due')).toEqual(['2025-10-23T00:00:00+08:00']);
      const reopenAt = await env.currentTimeMs();
      await handle.executeUpdate(recordFollowUpUpdate, {
        args: [{ actor: operator, reached: true, stillEmployed: false, note: 'laid off' }],
      });
      // continue-as-new: the same case id, a new run, cycle 2, a new 2-working-day clock from the follow-up.
      const reopened = await eventuallyState(handle, 'registered');
      expect(reopened).toMatchObject({ cycle: 2, state: 'registered', personId: `p-${caseId}` });
      expect(Date.parse(reopened.sla!.startedAt)).toBeGreaterThanOrEqual(reopenAt);
      // Reopened Fri 10-24 01:00: day 1 Mon 10-27, day 2 Tue 10-28.
      expect(virtual(caseId, reopened.sla!.deadline)).toBe('2025-10-29T00:00:00+08:00');
      const kinds = (await timelineOf(handle)).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['callback', 'follow-up-due', 'follow-up', 'reopened']));
      const records = serviceRecords.filter((r) => r.requestId?.startsWith(caseId)).map((r) => r.kind);
      expect(records).toEqual(['registration', 'job-referral', 'job-referral', 'callback', 'follow-up']);
    }, 'follow-up-reopens');
  }, 120_000);

  it('owner handoff (首问负责): only an explicit, recorded handoff changes the owner', async () => {
    await running(async () => {
      const { handle } = await open('2025-09-23T10:00:00+08:00');
      expect((await handle.query(stateQuery)).owner).toBe('op-zhang');
      await bothAccept(handle);
      expect((await handle.query(stateQuery)).owner).toBe('op-zhang'); // acting on the case does not take it
      const supervisor = { ...operator, userId: 'u-sup', username: 'sup-li', roles: ['supervisor' as const] };
      const view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: supervisor, toOwner: 'op-wang', reason: 'op-zhang on leave' }],
      });
      expect(view.owner).toBe('op-wang');
      const handoff = (await timelineOf(handle)).filter((e) => e.kind === 'handoff');
      expect(handoff).toEqual([
        expect.objectContaining({
          actor: 'sup-li',
          detail: 'owner op-zhang → op-wang: op-zhang on leave',
          facts: { fromOwner: 'op-zhang', toOwner: 'op-wang' },
          note: 'op-zhang on leave',
        }),
      ]);
      await expect(
        handle.executeUpdate(handOffUpdate, {
          args: [{ actor: supervisor, toOwner: 'op-wang', reason: 'again' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
    }, 'handoff');
  }, 120_000);

  it('applies a duplicated employer event once, and never moves a referral backwards', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      const proposed = await handle.executeUpdate(proposeReferralUpdate, {
        args: [{ actor: operator, vacancyId: 'vac-1' }],
      });
      const referralId = proposed.referrals[0].referralId;
      await signalReferral(handle, 'evt-1', referralId, 'employer_accepted');
      await signalReferral(handle, 'evt-1', referralId, 'employer_accepted'); // Kafka redelivery
      await signalReferral(handle, 'evt-0', referralId, 'proposed'); // a late, older event
      await signalReferral(handle, 'evt-3', referralId, 'employer_accepted'); // same fact, other id
      const view = await handle.query(stateQuery);
      expect(view.referrals).toEqual([expect.objectContaining({ referralId, status: 'employer_accepted' })]);
      const answers = (await timelineOf(handle)).filter((e) => e.kind === 'answer');
      expect(answers).toHaveLength(1);
      const changed = events.filter(
        (e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.referral-changed',
      );
      expect(changed).toHaveLength(1);
    }, 'duplicate-employer-event');
  }, 120_000);

  it('recomputes the clock when the calendar changes: a new holiday moves the deadline; fired milestones stay', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      await env.sleep(32 * HOUR); // Wed 18:00: past the half milestone (Wed 17:00)
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual(['2025-09-24T17:00:00+08:00']);
      const corrected: CalendarData = {
        ...OFFICIAL_CALENDAR,
        version: 'corrected-2025',
        years: OFFICIAL_CALENDAR.years.map((y) =>
          y.year === 2025
            ? { ...y, overrides: [...y.overrides, { date: '2025-09-25', kind: 'holiday' as const }] }
            : y,
        ),
      };
      calendars.set(caseId, new WorkingCalendar(corrected));
      await handle.signal(calendarChangedSignal, { calendarVersion: 'corrected-2025' });
      await env.sleep(HOUR);
      const view = await handle.query(stateQuery);
      expect(view.sla).toMatchObject({ calendarVersion: 'corrected-2025', dueDate: '2025-09-26' });
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-27T00:00:00+08:00');
      const recomputed = (await timelineOf(handle)).filter((e) => e.kind === 'sla-recomputed');
      expect(recomputed).toHaveLength(1);
      expect(virtual(caseId, recomputed[0].facts!.previousDeadline!)).toBe('2025-09-26T00:00:00+08:00');
      expect(virtual(caseId, recomputed[0].facts!.deadline!)).toBe('2025-09-27T00:00:00+08:00');
      expect(recomputed[0].facts!.calendarVersion).toBe('corrected-2025');
      await env.sleep(3 * 24 * HOUR);
      // The half warning is not repeated; the rest fire on the corrected instants (Thu 09-25 is now off, so one
      // working day is left from Thu 00:00 and three quarters are used at Fri 08:30).
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual([
        '2025-09-24T17:00:00+08:00',
        '2025-09-26T08:30:00+08:00',
      ]);
      expect(await dueOf(handle, caseId, 'escalation')).toEqual(['2025-09-25T00:00:00+08:00']);
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual(['2025-09-27T00:00:00+08:00']);
    });
  }, 120_000);

  it('counts refusals without a valid reason against the policy; past the limit the promise is waived', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      const decline = async (vacancyId: string, reasonCode: string) => {
        const proposed = await handle.executeUpdate(proposeReferralUpdate, {
          args: [{ actor: operator, vacancyId }],
        });
        const referralId = proposed.referrals.find((r) => r.vacancyId === vacancyId)!.referralId;
        await signalReferral(handle, `evt-${vacancyId}`, referralId, 'employer_accepted');
        return handle.executeUpdate(recordPersonAnswerUpdate, {
          args: [{ actor: operator, referralId, answer: 'declined', reasonCode, reason: 'said no' }],
        });
      };
      expect(await decline('vac-1', 'health')).toMatchObject({
        unjustifiedRefusals: 0,
        promiseWaived: false,
      });
      expect(await decline('vac-2', 'too-far-from-mall')).toMatchObject({
        unjustifiedRefusals: 1,
        promiseWaived: false,
      });
      expect(await decline('vac-3', 'dislikes-uniform')).toMatchObject({
        unjustifiedRefusals: 2,
        promiseWaived: true,
        promise: 'waived',
      });
      await env.sleep(4 * 24 * HOUR);
      expect(await dueOf(handle, caseId, 'escalation')).toEqual([]);
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual([]);
      expect((await handle.query(stateQuery)).sla!.breached).toBe(false);
    });
  }, 120_000);

  it('a caller who picks and chooses (acceptsAnyJob false): no promise, no escalation, no breach; still placed and called back', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-19T16:00:00+08:00', { acceptsAnyJob: false }); // Friday
      expect(await handle.query(stateQuery)).toMatchObject({
        promise: 'not-applicable',
        state: 'registered',
      });
      await env.sleep(8 * HOUR + 4 * 24 * HOUR + HOUR); // to Wed 01:00, past the would-be deadline

      const view = await handle.query(stateQuery);
      expect(view).toMatchObject({ state: 'registered', promise: 'not-applicable', escalation: null });
      expect(view.sla!.breached).toBe(false);
      expect(await dueOf(handle, caseId, 'escalation')).toEqual([]);
      expect(await dueOf(handle, caseId, 'escalation-failed')).toEqual([]);
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual([]);
      expect(await dueOf(handle, caseId, 'sla-breach')).toEqual([]);
      expect(escalations.filter((e) => e.caseId === caseId)).toEqual([]);
      const types = events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type);
      expect(types).not.toContain('hotline.case.sla-breached');
      expect(types).not.toContain('hotline.case.escalated');
      expect(events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.snapshot.promise)).toEqual(
        types.map(() => 'not-applicable'),
      );

      // Still worked: placed after the would-be deadline is not late, and the callback falls due.
      const referralId = await bothAccept(handle);
      const placed = await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-24' }],
      });
      expect(placed).toMatchObject({
        state: 'placed',
        promise: 'not-applicable',
        sla: { latePlacement: false },
      });
      await env.sleep(24 * HOUR);
      await eventuallyState(handle, 'callback');
    }, 'picks-and-chooses');
  }, 120_000);

  const supervisor = { ...operator, userId: 'u-sup', username: 'sup-li', roles: ['supervisor' as const] };
  /** The ApplicationFailure an update was refused with. */
  async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  }

  it('a supervisor escalates now: reserved at once, logged with the reason; the milestone does not escalate again. Timeline facts tell the employer from the person', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00'); // Tuesday
      const proposed = await handle.executeUpdate(proposeReferralUpdate, {
        args: [{ actor: operator, vacancyId: 'vac-1' }],
      });
      const referralId = proposed.referrals[0].referralId;
      await signalReferral(handle, 'evt-emp-1', referralId, 'employer_accepted');
      await handle.executeUpdate(recordPersonAnswerUpdate, {
        args: [{ actor: operator, referralId, answer: 'declined', reasonCode: 'health', reason: 'bad back' }],
      });
      await handle.executeUpdate(recordContactUpdate, {
        args: [{ actor: operator, channel: 'phone', reached: true, note: 'will ask his brother' }],
      });
      const answers = (await timelineOf(handle)).filter((e) => e.kind === 'answer');
      expect(answers).toEqual([
        expect.objectContaining({
          actor: 'employer.demo',
          facts: {
            referralId,
            vacancyId: 'vac-1',
            referralStatus: 'employer_accepted',
            answeredBy: 'employer',
            answer: 'accepted',
          },
        }),
        expect.objectContaining({
          actor: 'op-zhang',
          facts: {
            referralId,
            vacancyId: 'vac-1',
            referralStatus: 'person_declined',
            answeredBy: 'person',
            answer: 'declined',
            reasonCode: 'health',
            unjustified: false,
          },
          note: 'bad back',
        }),
      ]);
      expect((await timelineOf(handle)).find((e) => e.kind === 'contact')).toMatchObject({
        facts: { channel: 'phone', reached: true },
        note: 'will ask his brother',
      });
      expect((await timelineOf(handle)).every((e) => e.facts !== undefined)).toBe(true);

      await env.sleep(2 * HOUR); // Tue 12:00
      const escalated = await handle.executeUpdate(escalateNowUpdate, {
        args: [{ actor: supervisor, reason: 'no forklift work in the district this week' }],
      });
      expect(escalated).toMatchObject({
        state: 'escalated',
        escalation: { kind: 'assistance_base', reservationId: `res-${caseId}`, targetId: 'base-1' },
      });
      const entry = (await timelineOf(handle)).find((e) => e.kind === 'escalation')!;
      expect(entry).toMatchObject({
        actor: 'sup-li',
        note: 'no forklift work in the district this week',
        facts: {
          escalationKind: 'assistance_base',
          reservationId: `res-${caseId}`,
          targetId: 'base-1',
          reservation: 'held',
        },
      });
      expect(entry.dueAt).toBeUndefined();
      expect(entry.facts!.milestone).toBeUndefined();
      // Recorded at workflow time: the sleep's end plus the few real seconds the updates took.
      expect(virtual(caseId, entry.at).slice(0, 16)).toBe('2025-09-23T12:00');
      expect(
        events.filter((e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.escalated'),
      ).toEqual([expect.objectContaining({ actor: 'sup-li', detail: 'assistance_base' })]);

      const again = await refusal(
        handle.executeUpdate(escalateNowUpdate, { args: [{ actor: supervisor, reason: 'again' }] }),
      );
      expect(again.type).toBe('CaseConflict');
      expect(again.message).toBe('cannot escalate: the case is already escalated / 无法升级：案件已升级');
      expect(
        (
          await refusal(
            handle.executeUpdate(escalateNowUpdate, { args: [{ actor: supervisor, reason: ' ' }] }),
          )
        ).type,
      ).toBe('InvalidCaseUpdate');

      await env.sleep(36 * HOUR + 60_000); // past Thu 00:00 (one working day left) and Wed 17:00 (half)
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual(['2025-09-24T17:00:00+08:00']);
      expect((await timelineOf(handle)).filter((e) => e.kind.startsWith('escalation'))).toEqual([entry]);
      expect(escalations.filter((e) => e.caseId === caseId)).toHaveLength(1);
      expect(escalations.find((e) => e.caseId === caseId)!.actor).toEqual({ username: 'sup-li' });
    }, 'escalate-now');
  }, 120_000);

  it('escalateNow is refused where escalation is not possible: not registered, no promise, placed', async () => {
    await running(async () => {
      const escalateNow = (handle: WorkflowHandle) =>
        refusal(handle.executeUpdate(escalateNowUpdate, { args: [{ actor: supervisor, reason: 'urgent' }] }));

      const { handle: registering } = await open('2025-09-23T10:00:00+08:00', { peopleDown: true });
      expect(await escalateNow(registering)).toMatchObject({
        type: 'CaseConflict',
        message: 'cannot escalate: the person is not registered yet / 无法升级：求职者尚未登记',
      });

      const { handle: choosy } = await open('2025-09-23T10:00:00+08:00', { acceptsAnyJob: false });
      expect((await escalateNow(choosy)).message).toContain('no promise');

      const { handle: placed, caseId } = await open('2025-09-23T10:00:00+08:00');
      const referralId = await bothAccept(placed);
      expect((await escalateNow(placed)).message).toContain('confirm the start');
      await placed.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      expect((await escalateNow(placed)).message).toBe(
        'cannot escalate: the person has started work / 无法升级：求职者已上岗',
      );
      expect(escalations.filter((e) => e.caseId === caseId)).toEqual([]);
    });
  }, 120_000);

  it('refusals without a valid reason count across a reopen; a carry from before the count starts at 0', async () => {
    await running(async () => {
      const { handle } = await open('2025-09-23T10:00:00+08:00');
      const decline = async (vacancyId: string, reasonCode: string) => {
        const proposed = await handle.executeUpdate(proposeReferralUpdate, {
          args: [{ actor: operator, vacancyId }],
        });
        const referralId = proposed.referrals.find((r) => r.vacancyId === vacancyId)!.referralId;
        await signalReferral(handle, `evt-${vacancyId}`, referralId, 'employer_accepted');
        return handle.executeUpdate(recordPersonAnswerUpdate, {
          args: [{ actor: operator, referralId, answer: 'declined', reasonCode, reason: 'said no' }],
        });
      };
      expect(await decline('vac-1', 'dislikes-uniform')).toMatchObject({ unjustifiedRefusals: 1 });
      const referralId = await bothAccept(handle, 'vac-2');
      await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      await env.sleep(15 * HOUR); // 01:00 Wed 09-24: the callback is due
      await eventuallyState(handle, 'callback');
      await handle.executeUpdate(recordCallbackUpdate, {
        args: [{ actor: operator, reached: true, working: false, satisfaction: 2, note: 'quit after a day' }],
      });
      const reopened = await eventuallyView(
        handle,
        'cycle 2 registered',
        (view) => view.cycle === 2 && view.state === 'registered',
      );
      expect(reopened).toMatchObject({ state: 'registered', unjustifiedRefusals: 1, promise: 'active' });
      const callback = (await timelineOf(handle)).find((e) => e.kind === 'callback');
      expect(callback).toMatchObject({
        facts: { reached: true, working: false, satisfaction: 2 },
        note: 'quit after a day',
      });
      // The second refusal without a valid reason, in the new cycle, reaches the policy's limit of 2.
      expect(await decline('vac-3', 'too-far-from-mall')).toMatchObject({
        cycle: 2,
        unjustifiedRefusals: 2,
        promiseWaived: true,
        promise: 'waived',
      });
      expect((await timelineOf(handle)).find((e) => e.kind === 'promise-waived')!.facts).toEqual({
        unjustifiedRefusals: 2,
        policyVersion: 'policy-test',
      });

      const { handle: older } = await open('2025-09-23T10:00:00+08:00', {
        carry: (id) => ({
          cycle: 2,
          reopenedAt: new Date().toISOString(),
          person: { personId: `p-${id}`, categories: [], name: '测试', phoneMasked: '138****0000' },
          timeline: [],
          owner: 'op-zhang',
          eventSeq: 7,
        }),
      });
      expect(await older.query(stateQuery)).toMatchObject({ cycle: 2, unjustifiedRefusals: 0 });
    });
  }, 120_000);

  it('a calendar change that moves nothing leaves no timeline entry and publishes no event', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00');
      calendars.set(caseId, new WorkingCalendar({ ...OFFICIAL_CALENDAR, version: 'reissued-2025' }));
      await handle.signal(calendarChangedSignal, { calendarVersion: 'reissued-2025' });
      await env.sleep(HOUR);
      const view = await handle.query(stateQuery);
      expect(view.sla).toMatchObject({ calendarVersion: 'reissued-2025', dueDate: '2025-09-25' });
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-26T00:00:00+08:00');
      expect((await timelineOf(handle)).filter((e) => e.kind === 'sla-recomputed')).toEqual([]);
      expect(
        events.filter((e) => e.snapshot.caseId === caseId && e.type === 'hotline.case.sla-recomputed'),
      ).toEqual([]);
      // The clock still runs on the same instants.
      await env.sleep(31 * HOUR);
      expect(await dueOf(handle, caseId, 'sla-warning')).toEqual(['2025-09-24T17:00:00+08:00']);
    }, 'calendar-unchanged');
  }, 120_000);

  it('policy and SLA computed when the call was recorded travel in the input: no prepareCase; a reopened cycle prepares its own clock', async () => {
    await running(async () => {
      const atIntake: CasePolicy = {
        ...POLICY,
        refusal: { version: 'policy-at-intake', validReasonCodes: ['health'], maxUnjustifiedRefusals: 1 },
      };
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00', { preparedPolicy: atIntake });
      const view = await handle.query(stateQuery);
      expect(virtual(caseId, view.sla!.deadline)).toBe('2025-09-26T00:00:00+08:00');
      expect(prepareCalls.get(caseId)).toBeUndefined();

      // The policy in force is the one carried: one refusal without a valid reason waives the promise.
      const proposed = await handle.executeUpdate(proposeReferralUpdate, {
        args: [{ actor: operator, vacancyId: 'vac-1' }],
      });
      const declined = proposed.referrals[0].referralId;
      await signalReferral(handle, 'evt-vac-1', declined, 'employer_accepted');
      const waived = await handle.executeUpdate(recordPersonAnswerUpdate, {
        args: [{ actor: operator, referralId: declined, answer: 'declined', reasonCode: 'too-far' }],
      });
      expect(waived.promise).toBe('waived');
      expect((await timelineOf(handle)).find((e) => e.kind === 'promise-waived')!.facts).toEqual({
        unjustifiedRefusals: 1,
        policyVersion: 'policy-at-intake',
      });

      const referralId = await bothAccept(handle, 'vac-2');
      await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      await env.sleep(15 * HOUR); // 01:00 Wed 09-24: the callback is due
      await eventuallyState(handle, 'callback');
      const reopenAt = await env.currentTimeMs();
      await handle.executeUpdate(recordCallbackUpdate, {
        args: [{ actor: operator, reached: true, working: false, satisfaction: 3, note: 'let go' }],
      });
      const reopened = await eventuallyView(
        handle,
        'cycle 2 registered',
        (v) => v.cycle === 2 && v.state === 'registered',
      );
      // Reopened Wed 01:00: its own clock (the start day not counted: Thu + Fri), prepared by the activity.
      expect(Date.parse(reopened.sla!.startedAt)).toBeGreaterThanOrEqual(reopenAt);
      expect(virtual(caseId, reopened.sla!.deadline)).toBe('2025-09-27T00:00:00+08:00');
      expect(prepareCalls.get(caseId)).toBe(1);
    }, 'prepared-at-intake');
  }, 120_000);

  it('a caller people registered during the call: the case is registered in its first workflow task, without registerForCase', async () => {
    await running(async () => {
      const { handle, caseId } = await open('2025-09-23T10:00:00+08:00', {
        preparedPolicy: POLICY,
        registeredAtIntake: true,
      });
      const view = await handle.query(stateQuery);
      expect(view.personId).toBe(`p-at-intake-${caseId}`);
      expect(view.categories).toEqual(['low-income']);
      expect(registrationAttempts.get(caseId)).toBeUndefined();
      expect(events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type)).toEqual([
        'hotline.case.registered',
      ]);
      // One workflow task from the start to the registered event: the clock's timer, then the event's marker.
      const history = (await handle.fetchHistory()).events ?? [];
      const registeredAt = history.findIndex((e) => e.markerRecordedEventAttributes);
      const before = history.slice(0, registeredAt);
      expect(before.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      expect(before.some((e) => e.activityTaskScheduledEventAttributes)).toBe(false);
      expect(before.some((e) => e.timerStartedEventAttributes)).toBe(true);

      // Worked on as any case: placed in time.
      const referralId = await bothAccept(handle, 'vac-1');
      const placed = await handle.executeUpdate(confirmStartUpdate, {
        args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
      });
      expect(placed.promise).toBe('kept');
    }, 'registered-at-intake');
  }, 120_000);

  it('a case on the current revision has its patches built in (no markers); a case from before calls patched() and records them', async () => {
    await running(async () => {
      const patchesIn = async (handle: WorkflowHandle) =>
        ((await handle.fetchHistory()).events ?? [])
          .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
          .map((e) => {
            // The SDK's patch marker: its details hold the patch id as JSON.
            const [details] = Object.values(e.markerRecordedEventAttributes!.details!);
            return (JSON.parse(Buffer.from(details.payloads![0].data!).toString('utf8')) as { id: string })
              .id;
          });
      const current = await open('2025-09-23T10:00:00+08:00', { preparedPolicy: POLICY });
      const before = await open('2025-09-23T10:00:00+08:00', { preparedPolicy: POLICY, revision: 0 });
      for (const { handle } of [current, before]) {
        const referralId = await bothAccept(handle, 'vac-1');
        await handle.executeUpdate(confirmStartUpdate, {
          args: [{ actor: operator, referralId, startedOn: '2025-09-23' }],
        });
        await eventuallyView(handle, 'its callback scheduled', (view) => !!view.callback);
      }
      expect(await patchesIn(current.handle)).toEqual([]);
      expect(await patchesIn(before.handle)).toEqual([
        'case-events-local',
        'prepared-at-intake',
        'clock-runs-during-registration',
        'callback-scheduled-event',
      ]);
      // Both ran the same case: the same events in the same order.
      const eventTypes = (caseId: string) =>
        events.filter((e) => e.snapshot.caseId === caseId).map((e) => e.type);
      expect(eventTypes(current.caseId)).toEqual(eventTypes(before.caseId));
      expect(eventTypes(current.caseId)).toContain('hotline.case.callback-scheduled');
    }, 'current-revision');
  }, 120_000);

  it('a worker refuses a case started on a revision it does not know: the workflow task fails and waits for a newer worker', async () => {
    await running(async () => {
      const caseId = '00000000-0000-4000-8000-00000000ffff';
      const handle = await env.client.workflow.start(helpRequest, {
        workflowId: caseId,
        taskQueue: QUEUE,
        args: [
          {
            caseId,
            openedAt: new Date(await env.currentTimeMs()).toISOString(),
            openedBy: operator,
            districtCode: '510107',
            streetCode: '510107001',
            communityCode: '510107001001',
            intake: { person: { name: '测试' }, acceptsAnyJob: true, skills: [], constraints: {} },
            options: { upsertSearchAttributes: false },
            revision: HELP_REQUEST_REVISION + 1,
          } as unknown as HelpRequestInput,
        ],
      });
      started.push(handle);
      let failure: string | undefined;
      for (let i = 0; i < 200 && !failure; i++) {
        const history = await handle.fetchHistory();
        // The failure's message travels encoded (the bundle's failure converter), as plain JSON here.
        const encoded = history.events?.find((e) => e.workflowTaskFailedEventAttributes)
          ?.workflowTaskFailedEventAttributes?.failure?.encodedAttributes?.data;
        if (encoded)
          failure = (JSON.parse(Buffer.from(encoded).toString('utf8')) as { message: string }).message;
        if (!failure) await new Promise((r) => setTimeout(r, 25));
      }
      expect(failure).toBe(
        `case started on revision ${HELP_REQUEST_REVISION + 1}; this worker knows up to ${HELP_REQUEST_REVISION}`,
      );
      expect((await handle.describe()).status.name).toBe('RUNNING');
      expect(events.filter((e) => e.snapshot.caseId === caseId)).toEqual([]);
    });
  }, 60_000);

  it('refuses invalid updates with a typed reason and writes nothing; a closed case accepts nothing more', async () => {
    await running(async () => {
      const { handle } = await open('2025-09-23T10:00:00+08:00');
      expect(
        (
          await failure(
            handle.executeUpdate(proposeReferralUpdate, { args: [{ actor: operator, vacancyId: '' }] }),
          )
        ).type,
      ).toBe('InvalidCaseUpdate');
      expect(
        (
          await failure(
            handle.executeUpdate(proposeReferralUpdate, {
              args: [{ actor: operator, vacancyId: 'vac-closed' }],
            }),
          )
        ).message,
      ).toContain('not open');
      expect(
        (
          await failure(
            handle.executeUpdate(confirmStartUpdate, {
              args: [{ actor: operator, referralId: 'nope', startedOn: '2025-09-23' }],
            }),
          )
        ).type,
      ).toBe('UnknownReferral');
      expect((await handle.query(stateQuery)).referrals).toEqual([]);
      await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'withdrawn', reason: 'found work himself' }],
      });
      expect(await handle.result()).toMatchObject({ state: 'withdrawn', reason: 'found work himself' });
      // The run is over: no update reaches it any more (the hotline answers 409 for a finished case).
      await expect(
        handle.executeUpdate(proposeReferralUpdate, { args: [{ actor: operator, vacancyId: 'vac-1' }] }),
      ).rejects.toThrow(WorkflowNotFoundError);
      expect((await handle.query(stateQuery)).state).toBe('withdrawn');
    }, 'withdrawn');
  }, 120_000);
});
