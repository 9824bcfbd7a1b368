/**
 * The household workflow in the time-skipping test server, with a recording fake of its one activity (the
 * hotline's projection). This is the workflow's unit test; the hotline's side has its own specs.
 *
 * The cases are dated (a household found on Friday 2027-03-05, a request on 01-31 that a short February clamps),
 * but the test server's clock starts at the real present and cannot go back. The workflow computes its clocks
 * from the dates itself, so each case runs 400 years later (or a multiple of that): 400 Gregorian years are
 * exactly 20,871 weeks, so every weekday, month length and leap day is the same. Assertions convert back and
 * compare exact Shanghai wall times of the dated case.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import {
  WorkflowUpdateFailedError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createTimeSkippingEnv } from '@platform/testing';
import { workflowBundleCodeOptions } from '@platform/temporal-kit';
import {
  DEFAULT_HOUSEHOLD_POLICY,
  HouseholdAssistanceErrors,
  type HouseholdAssistanceInput,
  type HouseholdCardEntry,
  type HouseholdEpisodeBasis,
  type HouseholdEpisodeView,
} from '@platform/contracts';
import {
  HOUSEHOLD_ASSISTANCE_REVISION,
  householdEpisodeId,
  householdSignals,
  householdUpdates,
  householdViewQuery,
} from './api';
import type { householdAssistance } from './household-assistance.workflow';

const HOUR = 3_600_000;
const QUEUE = 'household-assistance-spec';
/** 400 Gregorian years: the calendar repeats exactly. */
const CYCLE_MS = 146_097 * 24 * HOUR;
const HISTORIES_DIR = join(__dirname, 'histories');
const operator = {
  userId: 'u-op',
  username: 'op-zhang',
  roles: ['operator' as const],
  orgPath: '510100/510107/510107001',
};
const supervisor = { ...operator, userId: 'u-sup', username: 'sup-li', roles: ['supervisor' as const] };

/** What the fake projection received, per episode. */
const projections = new Map<string, Array<{ seq: number; view: HouseholdEpisodeView }>>();
const activities = {
  async recordHouseholdEpisode({ seq, view }: { seq: number; view: HouseholdEpisodeView }) {
    const list = projections.get(view.episodeId) ?? [];
    list.push({ seq, view });
    projections.set(view.episodeId, list);
  },
};

describe('householdAssistance in the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let n = 0;
  /** Server time − dated (virtual) time of the current test: a multiple of 400 years. */
  let shift = 0;
  let started: WorkflowHandleWithFirstExecutionRunId<typeof householdAssistance>[] = [];

  beforeAll(async () => {
    bundle = await bundleWorkflowCode(
      workflowBundleCodeOptions(join(__dirname, 'household-assistance.workflow.ts')),
    );
  }, 120_000);
  // A fresh test server per test: its clock cannot go back, and each case skips months.
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  }, 60_000);
  afterEach(() => env?.teardown());

  /** A dated Shanghai wall time as the server instant (ISO, UTC). */
  const server = (dated: string) => new Date(Date.parse(dated) + shift).toISOString();
  /** A server instant as the dated case's Shanghai wall time, e.g. `2027-03-26T00:00:00+08:00`. */
  const dated = (serverIso: string) =>
    `${new Date(Date.parse(serverIso) - shift + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
  /** A server date (yyyy-mm-dd) as the dated case's date. */
  const datedDay = (day: string) => `${Number(day.slice(0, 4)) - (shift / CYCLE_MS) * 400}${day.slice(4)}`;

  /** Moves the test server's clock to a dated instant (timers due on the way fire in order). */
  async function sleepUntil(datedInstant: string) {
    const wait = Date.parse(server(datedInstant)) - Number(await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
  }

  /**
   * Starts an episode found at `foundAt` (dated, Shanghai) once the server's clock reads that instant, and
   * waits for its first projection.
   */
  async function found(foundAt: string, basis: HouseholdEpisodeBasis = 'detected') {
    const now = Number(await env.currentTimeMs());
    shift = Math.max(1, Math.ceil((now - Date.parse(foundAt)) / CYCLE_MS)) * CYCLE_MS;
    await sleepUntil(foundAt);
    const householdId = `5f0c2d9e-8b7a-4c1e-9d3f-a0b1c2d3e4${(++n).toString(16).padStart(2, '0')}`;
    const episodeId = householdEpisodeId(householdId, 1);
    const input: HouseholdAssistanceInput = {
      episodeId,
      householdId,
      episode: 1,
      districtCode: '510107',
      streetCode: '510107001',
      communityCode: '510107001001',
      foundAt: server(foundAt),
      basis,
      policy: DEFAULT_HOUSEHOLD_POLICY,
      revision: HOUSEHOLD_ASSISTANCE_REVISION,
    };
    const handle = await env.client.workflow.start('householdAssistance', {
      workflowId: episodeId,
      taskQueue: QUEUE,
      args: [input],
    });
    started.push(handle as WorkflowHandleWithFirstExecutionRunId<typeof householdAssistance>);
    await eventually(handle, 'its first projection', () => (projections.get(episodeId) ?? []).length > 0);
    return { handle, episodeId, input };
  }

  /** Queries do not move the test server's clock, so polling is safe. */
  async function eventually(
    handle: WorkflowHandle,
    what: string,
    check: (view: HouseholdEpisodeView) => boolean,
  ): Promise<HouseholdEpisodeView> {
    for (let i = 0; i < 200; i++) {
      const view = await handle.query(householdViewQuery);
      if (check(view)) return view;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`episode never reached ${what}`);
  }

  /** Runs the real workflow code; records the first episode's history for the replay spec when asked. */
  async function running(body: () => Promise<void>, record?: string): Promise<void> {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: QUEUE,
      workflowBundle: bundle,
      activities,
    });
    started = [];
    try {
      await worker.runUntil(async () => {
        await body();
        if (record && process.env.RECORD_HISTORIES === '1') {
          mkdirSync(HISTORIES_DIR, { recursive: true });
          const history = temporal.api.history.v1.History.encode(await started[0].fetchHistory()).finish();
          writeFileSync(join(HISTORIES_DIR, `${record}.history.bin`), history);
        }
      });
    } finally {
      for (const handle of started) await handle.terminate('test finished').catch(() => undefined);
    }
  }

  const signal = {
    employed: (handle: WorkflowHandle, at: string) =>
      handle.signal(householdSignals.householdLeftStatus, { at: server(at), reason: 'member-employed' }),
    noLongerQualifies: (handle: WorkflowHandle, at: string) =>
      handle.signal(householdSignals.householdLeftStatus, { at: server(at), reason: 'no-longer-qualifies' }),
    reentered: (handle: WorkflowHandle, at: string) =>
      handle.signal(householdSignals.householdReentered, { at: server(at) }),
    placed: (handle: WorkflowHandle, at: string, personId: string, caseId?: string) =>
      handle.signal(householdSignals.memberPlaced, {
        at: server(at),
        personId,
        ...(caseId ? { caseId } : {}),
      }),
  };
  const followUp = (handle: WorkflowHandle, month: number, stillEmployed: boolean, note?: string) =>
    handle.executeUpdate(householdUpdates.recordFollowUp, {
      args: [{ actor: operator, month, stillEmployed, ...(note ? { note } : {}) }],
    });

  /** The reason an update was refused (the test fails if it was not). */
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  };

  const kinds = (view: HouseholdEpisodeView) => view.card.map((e) => e.kind);
  /**
   * The card entries of a kind, each checked to be written at its instant (dated, in order): a timer fires just
   * after its instant, by the workflow task's own processing, never before. Answers their `dueAt`s, dated.
   */
  const firedAt = (view: HouseholdEpisodeView, kind: HouseholdCardEntry['kind'], instants: string[]) => {
    const entries = view.card.filter((e) => e.kind === kind);
    expect(entries).toHaveLength(instants.length);
    entries.forEach((entry, i) => {
      const lag = Date.parse(entry.at) - Date.parse(server(instants[i]));
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThan(10_000);
    });
    return entries.map((e) => dated(e.dueAt!));
  };
  /** Every projection of the episode: sequence numbers 1, 2, 3… without gaps or repeats. */
  const projected = (episodeId: string) => {
    const list = [...(projections.get(episodeId) ?? [])].sort((a, b) => a.seq - b.seq);
    expect(list.map((p) => p.seq)).toEqual(list.map((_, i) => i + 1));
    return list;
  };

  it('found on a Friday, resolved on day 19: warned at 00:00 on day 16, never breached; followed up at 1, 3 and 6 months, then closed as stable', async () => {
    await running(async () => {
      const { handle, episodeId } = await found('2027-03-05T10:00:00+08:00'); // a Friday
      const first = await handle.query(householdViewQuery);
      expect(first).toMatchObject({
        status: 'open',
        basis: 'detected',
        reopenCount: 0,
        policyVersion: 'household-2026-1',
      });
      expect(datedDay(first.clock.dueDate)).toBe('2027-03-25'); // day 0 = 03-05, day 20 = 03-25
      expect(dated(first.clock.dueAt)).toBe('2027-03-26T00:00:00+08:00');
      expect(dated(first.clock.warnAt)).toBe('2027-03-21T00:00:00+08:00');
      expect(kinds(first)).toEqual(['found']);

      await sleepUntil('2027-03-24T09:00:00+08:00'); // day 19
      const warned = await eventually(handle, 'the warning', (v) => v.clock.warned);
      // Written at warnAt; the entry names the breach instant it warns of.
      expect(firedAt(warned, 'warning', ['2027-03-21T00:00:00+08:00'])).toEqual([
        '2027-03-26T00:00:00+08:00',
      ]);

      await signal.placed(handle, '2027-03-24T09:00:00+08:00', 'person-1', 'case-1');
      await signal.placed(handle, '2027-03-24T09:00:00+08:00', 'person-1', 'case-1'); // redelivered
      await signal.employed(handle, '2027-03-24T09:30:00+08:00');
      const resolved = await eventually(handle, 'resolved', (v) => v.status === 'resolved');
      expect(resolved).toMatchObject({
        resolution: 'member-employed',
        employedMembers: ['person-1'],
        memberCases: [{ personId: 'person-1', caseId: 'case-1' }],
      });
      expect(dated(resolved.clock.metAt!)).toBe('2027-03-24T09:30:00+08:00');
      expect(dated(resolved.resolvedAt!)).toBe('2027-03-24T09:30:00+08:00');
      expect(resolved.followUps.map((f) => [f.month, dated(f.dueAt)])).toEqual([
        [1, '2027-04-24T00:00:00+08:00'],
        [3, '2027-06-24T00:00:00+08:00'],
        [6, '2027-09-24T00:00:00+08:00'],
      ]);
      // Not due yet.
      const early = await refusal(followUp(handle, 1, true));
      expect(early.type).toBe(HouseholdAssistanceErrors.wrongState);

      await sleepUntil('2027-03-27T00:00:00+08:00'); // past the breach instant: met, so nothing
      const afterDue = await handle.query(householdViewQuery);
      expect(afterDue.clock.breached).toBe(false);
      expect(kinds(afterDue)).not.toContain('breached');

      const dues = ['2027-04-24T00:00:00+08:00', '2027-06-24T00:00:00+08:00', '2027-09-24T00:00:00+08:00'];
      for (const [month, due, checkAt] of [
        [1, '2027-04-24T00:00:00+08:00', '2027-04-24T09:00:00+08:00'],
        [3, '2027-06-24T00:00:00+08:00', '2027-06-24T09:00:00+08:00'],
        [6, '2027-09-24T00:00:00+08:00', '2027-09-24T09:00:00+08:00'],
      ] as const) {
        await sleepUntil(checkAt);
        const dueView = await eventually(handle, `follow-up ${month} due`, (v) =>
          v.card.some((e) => e.kind === 'follow-up-due' && e.month === month),
        );
        expect(firedAt(dueView, 'follow-up-due', dues.slice(0, dues.indexOf(due) + 1)).at(-1)).toBe(due);
        const after = await followUp(handle, month, true, 'still at the warehouse');
        expect(after.followUps.find((f) => f.month === month)).toMatchObject({ stillEmployed: true });
      }
      expect(await handle.result()).toEqual({ episodeId, resolution: 'member-employed', stable: true });

      const views = projected(episodeId).map((p) => p.view);
      const last = views[views.length - 1];
      expect(last.status).toBe('closed');
      expect(kinds(last)).toEqual([
        'found',
        'warning',
        'member-employed',
        'left-status',
        'follow-up-due',
        'follow-up',
        'follow-up-due',
        'follow-up',
        'follow-up-due',
        'follow-up',
        'closed',
      ]);
      // One projection per change: the start, the warning, the placement, leaving, 3 × (due, recorded).
      expect(views).toHaveLength(10);
    }, 'resolved-day-19');
  }, 120_000);

  it('not resolved: warned at exactly 00:00 on day 16, breached at exactly 00:00 on day 21; still open and worked, until a supervisor closes it', async () => {
    await running(async () => {
      const { handle, episodeId } = await found('2027-03-05T10:00:00+08:00');
      // Not a second early: nothing at 23:59:59 the evening before either instant.
      await sleepUntil('2027-03-20T23:59:59+08:00');
      expect((await handle.query(householdViewQuery)).clock.warned).toBe(false);
      await sleepUntil('2027-03-25T23:59:59+08:00');
      const beforeBreach = await eventually(handle, 'the warning', (v) => v.clock.warned);
      expect(beforeBreach.clock.breached).toBe(false);
      await sleepUntil('2027-03-27T12:00:00+08:00');
      const breached = await eventually(handle, 'the breach', (v) => v.clock.breached);
      expect(breached).toMatchObject({
        status: 'open',
        clock: { warned: true, breached: true, metAt: null },
      });
      expect(kinds(breached)).toEqual(['found', 'warning', 'breached']);
      expect(firedAt(breached, 'warning', ['2027-03-21T00:00:00+08:00'])).toEqual([
        '2027-03-26T00:00:00+08:00',
      ]);
      expect(firedAt(breached, 'breached', ['2027-03-26T00:00:00+08:00'])).toEqual([
        '2027-03-26T00:00:00+08:00',
      ]);
      // The hotline's projection saw each as it happened.
      expect(projected(episodeId).map((p) => [p.view.clock.warned, p.view.clock.breached])).toEqual([
        [false, false],
        [true, false],
        [true, true],
      ]);

      const staffed = await handle.executeUpdate(householdUpdates.assignStaff, {
        args: [{ actor: supervisor, level: 'street', username: 'op-wang', note: 'street takes it over' }],
      });
      expect(staffed.staff).toEqual({ street: 'op-wang' });
      expect(staffed.card.at(-1)).toMatchObject({
        kind: 'staff-assigned',
        actor: 'sup-li',
        level: 'street',
        assignee: 'op-wang',
        note: 'street takes it over',
      });
      const contacted = await handle.executeUpdate(householdUpdates.recordContact, {
        args: [
          { actor: operator, kind: 'visit', personId: 'person-2', note: 'visited, two vacancies offered' },
        ],
      });
      expect(contacted.card.at(-1)).toMatchObject({
        kind: 'contact',
        contactKind: 'visit',
        personId: 'person-2',
      });

      const closed = await handle.executeUpdate(householdUpdates.close, {
        args: [{ actor: supervisor, note: 'household moved to another city' }],
      });
      expect(closed).toMatchObject({ status: 'closed', resolution: 'closed-by-supervisor' });
      expect(closed.card.at(-1)).toMatchObject({
        kind: 'closed',
        actor: 'sup-li',
        resolution: 'closed-by-supervisor',
      });
      expect(await handle.result()).toEqual({ episodeId, resolution: 'closed-by-supervisor', stable: false });
    }, 'breached');
  }, 120_000);

  it('double employment (双就业) asked on 01-31 is due by 02-28; a second member placed in time achieves it, no double warning or breach', async () => {
    await running(async () => {
      const { handle } = await found('2027-01-10T10:00:00+08:00');
      await sleepUntil('2027-01-20T10:00:00+08:00');
      await signal.placed(handle, '2027-01-20T10:00:00+08:00', 'person-1');
      await signal.employed(handle, '2027-01-20T10:00:00+08:00');
      await eventually(handle, 'resolved', (v) => v.status === 'resolved');

      await sleepUntil('2027-01-31T10:00:00+08:00');
      const asked = await handle.executeUpdate(householdUpdates.requestDoubleEmployment, {
        args: [{ actor: operator, note: 'the daughter wants work too' }],
      });
      expect(datedDay(asked.doubleEmployment!.dueDate)).toBe('2027-02-28'); // one month, clamped
      expect(dated(asked.doubleEmployment!.dueAt)).toBe('2027-03-01T00:00:00+08:00');
      expect(dated(asked.doubleEmployment!.warnAt)).toBe('2027-02-24T00:00:00+08:00');
      expect(dated(asked.doubleEmployment!.requestedAt).slice(0, 13)).toBe('2027-01-31T10');
      const again = await refusal(
        handle.executeUpdate(householdUpdates.requestDoubleEmployment, { args: [{ actor: operator }] }),
      );
      expect(again.type).toBe(HouseholdAssistanceErrors.wrongState);

      await sleepUntil('2027-02-15T10:00:00+08:00');
      await signal.placed(handle, '2027-02-15T10:00:00+08:00', 'person-2', 'case-2');
      const achieved = await eventually(
        handle,
        'double employment',
        (v) => v.doubleEmployment?.metAt != null,
      );
      expect(dated(achieved.doubleEmployment!.metAt!)).toBe('2027-02-15T10:00:00+08:00');
      expect(achieved.employedMembers).toEqual(['person-1', 'person-2']);
      const linked = await handle.executeUpdate(householdUpdates.linkMemberCase, {
        args: [{ actor: operator, personId: 'person-2', caseId: 'case-2' }],
      });
      expect(linked.card.length).toBe(achieved.card.length); // already linked by the placement: nothing new

      await sleepUntil('2027-03-02T10:00:00+08:00');
      const later = await handle.query(householdViewQuery);
      expect(later.doubleEmployment).toMatchObject({ warned: false, breached: false });
      expect(kinds(later)).toEqual([
        'found',
        'member-employed',
        'left-status',
        'double-requested',
        'member-employed',
        'double-achieved',
        'follow-up-due', // 1 month after leaving (01-20)
      ]);
      expect(firedAt(later, 'follow-up-due', ['2027-02-20T00:00:00+08:00'])).toEqual([
        '2027-02-20T00:00:00+08:00',
      ]);
    }, 'double-achieved');
  }, 120_000);

  it('double employment not met: its warning and its breach at exactly 00:00 after the due date, after the one-member clock', async () => {
    await running(async () => {
      const { handle } = await found('2027-03-05T10:00:00+08:00');
      const asked = await handle.executeUpdate(householdUpdates.requestDoubleEmployment, {
        args: [{ actor: operator }],
      });
      expect(datedDay(asked.doubleEmployment!.dueDate)).toBe('2027-04-05');
      await sleepUntil('2027-04-07T10:00:00+08:00');
      const breached = await eventually(handle, 'the double breach', (v) => !!v.doubleEmployment?.breached);
      expect(kinds(breached)).toEqual([
        'found',
        'double-requested',
        'warning',
        'breached',
        'double-warning',
        'double-breached',
      ]);
      expect(firedAt(breached, 'double-warning', ['2027-04-01T00:00:00+08:00'])).toEqual([
        '2027-04-06T00:00:00+08:00',
      ]);
      expect(firedAt(breached, 'double-breached', ['2027-04-06T00:00:00+08:00'])).toEqual([
        '2027-04-06T00:00:00+08:00',
      ]);
      expect(breached.status).toBe('open');
    }, 'double-breached');
  }, 120_000);

  it('a 3-month follow-up that finds the member out of work reopens the episode with a new 20-day clock from that day', async () => {
    await running(async () => {
      const { handle, episodeId } = await found('2027-03-05T10:00:00+08:00');
      await sleepUntil('2027-03-08T10:00:00+08:00');
      await signal.placed(handle, '2027-03-08T10:00:00+08:00', 'person-1');
      await signal.employed(handle, '2027-03-08T10:00:00+08:00');
      const resolved = await eventually(handle, 'resolved', (v) => v.status === 'resolved');
      expect(resolved.followUps.map((f) => dated(f.dueAt))).toEqual([
        '2027-04-08T00:00:00+08:00',
        '2027-06-08T00:00:00+08:00',
        '2027-09-08T00:00:00+08:00',
      ]);
      await sleepUntil('2027-04-08T10:00:00+08:00');
      await followUp(handle, 1, true);
      await sleepUntil('2027-06-08T10:00:00+08:00');
      await eventually(handle, 'the 3-month follow-up due', (v) =>
        v.card.some((e) => e.kind === 'follow-up-due' && e.month === 3),
      );
      const reopened = await followUp(handle, 3, false, 'laid off in May');
      expect(reopened).toMatchObject({
        status: 'open',
        reopenCount: 1,
        resolution: null,
        resolvedAt: null,
        followUps: [],
      });
      expect(datedDay(reopened.clock.dueDate)).toBe('2027-06-28'); // day 0 = 06-08
      expect(dated(reopened.clock.dueAt)).toBe('2027-06-29T00:00:00+08:00');
      expect(reopened.clock).toMatchObject({ warned: false, breached: false, metAt: null });
      expect(reopened.card.slice(-2)).toEqual([
        expect.objectContaining({
          kind: 'follow-up',
          month: 3,
          stillEmployed: false,
          note: 'laid off in May',
        }),
        expect.objectContaining({ kind: 'reopened', actor: 'op-zhang' }),
      ]);
      // Already open: a re-entry from the people service changes nothing.
      await signal.reentered(handle, '2027-06-08T11:00:00+08:00');

      await sleepUntil('2027-06-24T10:00:00+08:00');
      const warned = await eventually(handle, 'the new warning', (v) => v.clock.warned);
      expect(firedAt(warned, 'warning', ['2027-06-24T00:00:00+08:00'])).toEqual([
        '2027-06-29T00:00:00+08:00',
      ]);
      expect(kinds(warned).filter((k) => k === 'reopened' || k === 'reentered-status')).toEqual(['reopened']);
      // The 6-month follow-up of the first resolution is gone; the new clock breaches at its own instant.
      await sleepUntil('2027-09-09T10:00:00+08:00');
      const late = await handle.query(householdViewQuery);
      expect(late.card.filter((e) => e.kind === 'follow-up-due').map((e) => e.month)).toEqual([1, 3]);
      expect(firedAt(late, 'breached', ['2027-06-29T00:00:00+08:00'])).toEqual(['2027-06-29T00:00:00+08:00']);
      expect(projected(episodeId).at(-1)!.view.reopenCount).toBe(1);
    }, 'follow-up-reopens');
  }, 120_000);

  it('the household falls back into the status within 6 months: reopened from the re-entry instant, follow-ups cancelled', async () => {
    await running(async () => {
      const { handle } = await found('2027-03-05T10:00:00+08:00');
      await sleepUntil('2027-03-10T10:00:00+08:00');
      await signal.placed(handle, '2027-03-10T09:00:00+08:00', 'person-1');
      await signal.employed(handle, '2027-03-10T10:00:00+08:00');
      await eventually(handle, 'resolved', (v) => v.status === 'resolved');
      await sleepUntil('2027-05-20T16:00:00+08:00');
      // The people service's time of the re-entry counts, not when the signal arrives.
      await signal.reentered(handle, '2027-05-20T15:00:00+08:00');
      const reopened = await eventually(handle, 'reopened', (v) => v.status === 'open');
      expect(reopened).toMatchObject({ reopenCount: 1, followUps: [], resolution: null });
      expect(datedDay(reopened.clock.dueDate)).toBe('2027-06-09');
      expect(dated(reopened.clock.dueAt)).toBe('2027-06-10T00:00:00+08:00');
      expect(kinds(reopened).slice(-2)).toEqual(['reentered-status', 'reopened']);
      // The 1-month follow-up fell due before (04-10); the 3- and 6-month ones never do.
      await sleepUntil('2027-09-11T10:00:00+08:00');
      const later = await handle.query(householdViewQuery);
      expect(later.card.filter((e) => e.kind === 'follow-up-due').map((e) => e.month)).toEqual([1]);
      const notOpen = await refusal(followUp(handle, 1, true));
      expect(notOpen.type).toBe(HouseholdAssistanceErrors.wrongState);
    }, 'reentered');
  }, 120_000);

  it('refuses invalid updates in both languages with a typed reason, and writes nothing', async () => {
    await running(async () => {
      const { handle, episodeId } = await found('2027-03-05T10:00:00+08:00');
      const before = await handle.query(householdViewQuery);
      const contact = (note: string, extra: object = {}) =>
        handle.executeUpdate(householdUpdates.recordContact, {
          args: [{ actor: operator, kind: 'call', note, ...extra }],
        });

      const empty = await refusal(contact('   '));
      expect(empty.type).toBe(HouseholdAssistanceErrors.invalid);
      expect(empty.message).toBe('note must not be blank / note（备注）不能为空');
      expect(empty.details).toEqual([{ en: 'note must not be blank', zh: 'note（备注）不能为空' }]);
      expect((await refusal(contact('x'.repeat(501)))).message).toContain('at most 500');
      expect((await refusal(contact('ok', { kind: 'letter' }))).message).toContain('kind must be one of');
      const level = await refusal(
        handle.executeUpdate(householdUpdates.assignStaff, {
          args: [{ actor: operator, level: 'mayor' as never, username: 'op-wang' }],
        }),
      );
      expect(level.type).toBe(HouseholdAssistanceErrors.invalid);
      const blankUser = await refusal(
        handle.executeUpdate(householdUpdates.assignStaff, {
          args: [{ actor: operator, level: 'helper', username: ' ' }],
        }),
      );
      expect(blankUser.message).toBe('username is required / username 必填');
      const noActor = await refusal(contact('ok', { actor: { ...operator, username: '' } }));
      expect(noActor.message).toContain('actor.username is required');
      const notResolved = await refusal(followUp(handle, 1, true));
      expect(notResolved.type).toBe(HouseholdAssistanceErrors.wrongState);
      expect(notResolved.message).toContain(' / ');
      const closeBlank = await refusal(
        handle.executeUpdate(householdUpdates.close, { args: [{ actor: supervisor, note: '' }] }),
      );
      expect(closeBlank.type).toBe(HouseholdAssistanceErrors.invalid);

      // Resolved: a month that is not one of the follow-ups.
      await signal.employed(handle, '2027-03-05T11:00:00+08:00');
      await eventually(handle, 'resolved', (v) => v.status === 'resolved');
      const unknownMonth = await refusal(followUp(handle, 2, true));
      expect(unknownMonth.type).toBe(HouseholdAssistanceErrors.invalid);
      expect(unknownMonth.message).toBe(
        'month must be one of the follow-ups (1, 3, 6) / month（跟踪月份）须为 1, 3, 6 之一',
      );

      const after = await handle.query(householdViewQuery);
      expect(after.card.slice(0, before.card.length)).toEqual(before.card);
      expect(kinds(after)).toEqual(['found', 'left-status']);
      expect(projected(episodeId)).toHaveLength(2); // the start and leaving the status: refusals wrote nothing
    }, 'rejections');
  }, 120_000);

  it('a certified household that no longer qualifies: closed, the workflow completes', async () => {
    await running(async () => {
      const { handle, episodeId } = await found('2027-03-05T10:00:00+08:00', 'certified');
      await sleepUntil('2027-03-12T10:00:00+08:00');
      await signal.noLongerQualifies(handle, '2027-03-12T09:00:00+08:00');
      expect(await handle.result()).toEqual({ episodeId, resolution: 'no-longer-qualifies', stable: false });
      const last = projected(episodeId).at(-1)!.view;
      expect(last).toMatchObject({ status: 'closed', resolution: 'no-longer-qualifies' });
      expect(dated(last.resolvedAt!)).toBe('2027-03-12T09:00:00+08:00');
      expect(kinds(last)).toEqual(['certified', 'left-status', 'closed']);
      expect(last.clock).toMatchObject({ warned: false, breached: false });
    }, 'no-longer-qualifies');
  }, 120_000);

  it('carries references only: the workflow ID, input, views and card hold no personal data', async () => {
    await running(async () => {
      const { handle, episodeId, input } = await found('2027-03-05T10:00:00+08:00');
      expect(episodeId).toMatch(/^household-[0-9a-f-]{36}-1$/);
      await signal.placed(handle, '2027-03-05T11:00:00+08:00', 'person-1', 'case-1');
      await handle.executeUpdate(householdUpdates.recordContact, {
        args: [{ actor: operator, kind: 'call', note: 'called the household' }],
      });
      await signal.employed(handle, '2027-03-05T12:00:00+08:00');
      await eventually(handle, 'resolved', (v) => v.status === 'resolved');
      const texts = [
        episodeId,
        JSON.stringify(input),
        ...projected(episodeId).map((p) => JSON.stringify(p.view)),
      ];
      for (const text of texts) {
        expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // a mobile number
        expect(text).not.toMatch(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/); // a resident ID number
        expect(text).not.toMatch(/"(name|phone|idNumber|address)"/);
      }
      const allowed = new Set([
        'at',
        'actor',
        'kind',
        'personId',
        'caseId',
        'contactKind',
        'level',
        'assignee',
        'dueAt',
        'resolution',
        'month',
        'stillEmployed',
        'note',
      ]);
      const view = await handle.query(householdViewQuery);
      for (const entry of view.card) for (const key of Object.keys(entry)) expect(allowed).toContain(key);
    });
  }, 120_000);
});
