import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createTimeSkippingEnv } from '@platform/testing';
import { workflowBundleCodeOptions } from '@platform/temporal-kit';
import type {
  EmployersActivities,
  HelpRequestInput,
  ReservationSummary,
  ReserveBaseCapacityInput,
  ReserveWelfareSlotInput,
} from '@platform/contracts';
import {
  closeCaseUpdate,
  confirmStartUpdate,
  handOffUpdate,
  followUpInstant,
  helpRequest,
  proposeReferralUpdate,
  recordEmployerAnswerUpdate,
  recordPersonAnswerUpdate,
  slaQuery,
  stateQuery,
  timelineQuery,
} from './help-request.workflow';

const HOUR = 3600_000;
const TASK_QUEUE = 'help-request-test';
const operator = { username: 'op-zhang' };

describe('followUpInstant', () => {
  it('is Shanghai midnight N months later, clamped to the end of a shorter month', () => {
    expect(followUpInstant('2026-01-05', 1).toISOString()).toBe('2026-02-04T16:00:00.000Z');
    expect(followUpInstant('2026-01-31', 1).toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(followUpInstant('2025-08-31', 6).toISOString()).toBe('2026-02-27T16:00:00.000Z');
    expect(followUpInstant('2026-11-30', 3).toISOString()).toBe('2027-02-27T16:00:00.000Z');
  });
});

describe('helpRequest in the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  const welfareCalls: ReserveWelfareSlotInput[] = [];
  const baseCalls: ReserveBaseCapacityInput[] = [];
  let n = 0;
  /** Cases started by the current test; any still open afterwards is terminated so a failure cannot spill over. */
  let started: WorkflowHandle[] = [];

  // The workflow's unit test: the employers queue is served by stubs that record their calls.
  const stubEmployers: Pick<EmployersActivities, 'reserveWelfareSlot' | 'reserveAssistanceBaseCapacity'> = {
    async reserveWelfareSlot(input): Promise<ReservationSummary> {
      welfareCalls.push(input);
      if (input.poolId === 'pool-empty') {
        throw ApplicationFailure.nonRetryable('welfare pool pool-empty has no free slot', 'PoolExhausted');
      }
      return { reservationId: `w-${input.caseId}`, kind: 'welfare_slot', status: 'held', expiresAt: '' };
    },
    async reserveAssistanceBaseCapacity(input): Promise<ReservationSummary> {
      baseCalls.push(input);
      return { reservationId: `b-${input.caseId}`, kind: 'assistance_base', status: 'held', expiresAt: '' };
    },
  };

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    bundle = await bundleWorkflowCode(workflowBundleCodeOptions());
  }, 120_000);
  afterAll(() => env?.teardown());

  /** An SLA 4 days long from the test server's current time, with distinct milestone instants. */
  async function start(overrides: Partial<HelpRequestInput> = {}) {
    const t0 = await env.currentTimeMs();
    const iso = (h: number) => new Date(t0 + h * HOUR).toISOString();
    const input: HelpRequestInput = {
      caseId: `case-${Date.now()}-${++n}`,
      personRef: 'person-ref-1',
      districtCode: '310101',
      streetCode: '310101001',
      communityCode: '310101001001',
      owner: operator.username,
      acceptsAnyJob: false,
      categories: [],
      sla: {
        deadline: iso(96),
        milestones: { half: iso(48), threeQuarters: iso(72), oneWorkingDayLeft: iso(73) },
        calendarVersion: 'test',
        provisional: false,
      },
      escalation: { welfarePoolId: 'pool-1', assistanceBaseId: 'base-1' },
      callbackAfterMs: 24 * HOUR,
      upsertSearchAttributes: false, // the time-skipping server has no custom search attributes
      ...overrides,
    };
    const handle = await env.client.workflow.start(helpRequest, {
      workflowId: input.caseId,
      taskQueue: TASK_QUEUE,
      args: [input],
    });
    started.push(handle);
    return { handle, input };
  }

  async function place(handle: WorkflowHandle, referralId: string, startedOn = '2026-01-05') {
    await handle.executeUpdate(proposeReferralUpdate, {
      args: [{ actor: operator, referralId, vacancyId: 'vac-1' }],
    });
    await handle.executeUpdate(recordEmployerAnswerUpdate, {
      args: [{ actor: { username: 'employer-1' }, referralId, answer: 'accepted' }],
    });
    await handle.executeUpdate(recordPersonAnswerUpdate, {
      args: [{ actor: operator, referralId, answer: 'accepted' }],
    });
    return handle.executeUpdate(confirmStartUpdate, {
      args: [{ actor: operator, referralId, startedOn }],
    });
  }

  /** A worker runs once, so each test gets its own pair (the bundle is built once). */
  async function running<T>(body: () => Promise<T>): Promise<T> {
    const workflowWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
    });
    const employersWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'employers',
      activities: stubEmployers,
    });
    started = [];
    try {
      return await workflowWorker.runUntil(employersWorker.runUntil(body));
    } finally {
      for (const handle of started) {
        await handle.terminate('test finished').catch(() => undefined); // already closed: nothing to do
      }
    }
  }

  it('places before the deadline: on time, no escalation, then callback, follow-ups and closed', async () => {
    await running(async () => {
      const { handle, input } = await start();
      const startedOn = new Date((await env.currentTimeMs()) + 8 * HOUR).toISOString().slice(0, 10);
      const view = await place(handle, 'ref-1', startedOn);
      expect(view.state).toBe('placed');

      const result = await handle.result(); // time skips through the callback and the follow-ups
      expect(result.state).toBe('closed');
      const sla = await handle.query(slaQuery);
      expect(sla).toMatchObject({ breached: false, latePlacement: false });
      const kinds = (await handle.query(timelineQuery)).map((e) => e.kind);
      expect(kinds).not.toContain('escalation');
      expect(kinds).not.toContain('sla-warning');
      expect(kinds).toContain('callback-due');
      const timeline = await handle.query(timelineQuery);
      const callback = timeline.find((e) => e.kind === 'callback-due');
      expect(Date.parse(callback!.dueAt!)).toBe(Date.parse(sla.placedAt!) + 24 * HOUR);
      const followUps = timeline.filter((e) => e.kind === 'follow-up').map((e) => e.dueAt);
      expect(followUps).toEqual([1, 3, 6].map((m) => followUpInstant(startedOn, m).toISOString()));
      const closed = timeline.at(-1)!;
      expect(closed).toMatchObject({ to: 'closed', actor: 'system' });
      expect(Date.parse(closed.at)).toBeGreaterThanOrEqual(Date.parse(followUps[2]!));
      expect(baseCalls.some((c) => c.caseId === input.caseId)).toBe(false);
    });
  }, 120_000);

  it('without a placement: warnings, escalation at one working day left, breach, then a late placement', async () => {
    await running(async () => {
      const { handle, input } = await start();
      await env.sleep(97 * HOUR);

      const timeline = await handle.query(timelineQuery);
      const due = (kind: string) => timeline.filter((e) => e.kind === kind).map((e) => e.dueAt);
      expect(due('sla-warning')).toEqual([input.sla.milestones.half, input.sla.milestones.threeQuarters]);
      expect(due('escalation')).toEqual([input.sla.milestones.oneWorkingDayLeft]);
      expect(due('sla-breach')).toEqual([input.sla.deadline]);
      for (const e of timeline.filter((x) => x.dueAt)) {
        expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(e.dueAt!));
      }
      // No categories → an assistance base, reserved for this case.
      expect(baseCalls.filter((c) => c.caseId === input.caseId)).toHaveLength(1);
      expect(baseCalls.find((c) => c.caseId === input.caseId)).toMatchObject({ baseId: 'base-1' });
      const state = await handle.query(stateQuery);
      expect(state.state).toBe('escalated');
      expect(state.escalation).toEqual({ kind: 'assistance_base', reservationId: `b-${input.caseId}` });
      expect((await handle.query(slaQuery)).breached).toBe(true);

      const view = await place(handle, 'ref-late');
      expect(view.state).toBe('placed');
      expect(await handle.query(slaQuery)).toMatchObject({ breached: true, latePlacement: true });
      await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'referred-elsewhere', reason: 'test ends here' }],
      });
      expect((await handle.result()).state).toBe('referred-elsewhere');
    });
  }, 120_000);

  it('escalates to a public-welfare slot when the person has categories', async () => {
    await running(async () => {
      const { handle, input } = await start({ categories: ['long-term-unemployed'] });
      await env.sleep(74 * HOUR);
      const call = welfareCalls.find((c) => c.caseId === input.caseId);
      expect(call).toMatchObject({ poolId: 'pool-1', categories: ['long-term-unemployed'] });
      expect((await handle.query(stateQuery)).escalation?.kind).toBe('welfare_slot');
      await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'withdrawn', reason: 'found work alone' }],
      });
      await handle.result();
    });
  }, 120_000);

  it('a failed escalation is recorded and the case keeps being worked', async () => {
    await running(async () => {
      const { handle } = await start({
        categories: ['disabled'],
        escalation: { welfarePoolId: 'pool-empty', assistanceBaseId: 'base-1' },
      });
      await env.sleep(74 * HOUR);
      const failed = (await handle.query(timelineQuery)).find((e) => e.kind === 'escalation-failed');
      expect(failed?.detail).toContain('pool-empty');
      const state = await handle.query(stateQuery);
      expect(state).toMatchObject({ state: 'escalated', escalation: null });
      expect((await place(handle, 'ref-after-failure')).state).toBe('placed');
    });
  }, 120_000);

  it('hands off with a record, and rejects invalid updates', async () => {
    await running(async () => {
      const { handle } = await start();
      const view = await handle.executeUpdate(handOffUpdate, {
        args: [{ actor: operator, toOwner: 'op-li', reason: 'shift change' }],
      });
      expect(view.owner).toBe('op-li');
      const handoff = (await handle.query(timelineQuery)).find((e) => e.kind === 'handoff');
      expect(handoff).toMatchObject({ actor: 'op-zhang', detail: 'owner op-zhang → op-li: shift change' });

      await expect(
        handle.executeUpdate(recordEmployerAnswerUpdate, {
          args: [{ actor: { username: 'employer-1' }, referralId: 'nope', answer: 'accepted' }],
        }),
      ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(handOffUpdate, {
          args: [{ actor: operator, toOwner: 'op-li', reason: 'again' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      await expect(
        handle.executeUpdate(closeCaseUpdate, {
          args: [{ actor: operator, ending: 'withdrawn', reason: '' }],
        }),
      ).rejects.toThrow(WorkflowUpdateFailedError);
      expect((await handle.query(stateQuery)).owner).toBe('op-li');

      await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'withdrawn', reason: 'test ends here' }],
      });
      await handle.result();
    });
  }, 120_000);

  it('a duplicated employer answer is applied once', async () => {
    await running(async () => {
      const { handle } = await start();
      await handle.executeUpdate(proposeReferralUpdate, {
        args: [{ actor: operator, referralId: 'ref-d', vacancyId: 'vac-1' }],
      });
      const answer = { actor: { username: 'employer-1' }, referralId: 'ref-d', answer: 'accepted' as const };
      await handle.executeUpdate(recordEmployerAnswerUpdate, { args: [answer] });
      await handle.executeUpdate(recordEmployerAnswerUpdate, { args: [answer] });
      const answers = (await handle.query(timelineQuery)).filter((e) => e.kind === 'answer');
      expect(answers).toHaveLength(1);
      await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'withdrawn', reason: 'test ends here' }],
      });
      await handle.result();
    });
  }, 120_000);

  it('close with an ending and a reason ends the workflow', async () => {
    await running(async () => {
      const { handle } = await start();
      const view = await handle.executeUpdate(closeCaseUpdate, {
        args: [{ actor: operator, ending: 'unreachable', reason: 'three calls unanswered' }],
      });
      expect(view).toMatchObject({ state: 'unreachable', reason: 'three calls unanswered' });
      expect(await handle.result()).toEqual({
        caseId: view.caseId,
        state: 'unreachable',
        reason: 'three calls unanswered',
      });
      const last = (await handle.query(timelineQuery)).at(-1);
      expect(last).toMatchObject({
        kind: 'transition',
        from: 'registered',
        to: 'unreachable',
        actor: 'op-zhang',
      });
    });
  }, 120_000);
});
