import type { Client } from '@temporalio/client';
import type { HelpRequestInput } from '@platform/contracts';
import {
  calendarChangedSignal,
  escalateNowUpdate,
  HELP_REQUEST_REVISION,
  helpRequestWorkflow,
  timelineQuery,
} from '@platform/workflows/help-request';
import { HotlineConfig } from '../config';
import { CaseWorkflows, HELP_REQUEST_WORKFLOW, SHUTDOWN_DRAIN_MS } from './case-workflows';

/** A client whose signals stay pending until the spec settles them (as a call waiting out a gRPC retry). */
function fakeClient() {
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  const close = jest.fn(async () => undefined);
  const client = {
    workflow: {
      getHandle: () => ({
        signal: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
      }),
    },
    connection: { close },
  } as unknown as Client;
  return { client, close, pending };
}

const config = { HOTLINE_WORKFLOW_TASK_QUEUE: 'hotline-workflows' } as HotlineConfig;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('CaseWorkflows shutdown', () => {
  it('closes the Temporal connection only after the calls in flight settled', async () => {
    const { client, close, pending } = fakeClient();
    const workflows = new CaseWorkflows(client, config);
    const signal = workflows.calendarChanged('case-1', { calendarVersion: 'v2' });
    const failing = workflows.referralChanged('case-2', {} as never).catch((error: Error) => error);

    const shutdown = workflows.onApplicationShutdown();
    await flush();
    expect(close).not.toHaveBeenCalled();

    pending[0].resolve();
    await flush();
    expect(close).not.toHaveBeenCalled();

    pending[1].reject(new Error('unavailable'));
    await shutdown;
    await signal;
    expect((await failing) as Error).toHaveProperty('message', 'unavailable');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('closes at once when nothing is in flight', async () => {
    const { client, close, pending } = fakeClient();
    const workflows = new CaseWorkflows(client, config);
    const done = workflows.calendarChanged('case-1', { calendarVersion: 'v2' });
    pending[0].resolve();
    await done;

    await workflows.onApplicationShutdown();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('gives up waiting after the drain time and closes anyway', async () => {
    jest.useFakeTimers();
    try {
      const { client, close } = fakeClient();
      const workflows = new CaseWorkflows(client, config);
      void workflows.calendarChanged('case-1', { calendarVersion: 'v2' });

      const shutdown = workflows.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(SHUTDOWN_DRAIN_MS - 1);
      expect(close).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      await shutdown;
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('CaseWorkflows through the workflow API', () => {
  function recordingClient() {
    const calls: Array<{ call: string; caseId?: string; definition: unknown; options?: unknown }> = [];
    const client = {
      workflow: {
        start: async (definition: unknown, options: unknown) =>
          calls.push({ call: 'start', definition, options }),
        getHandle: (caseId: string) => ({
          executeUpdate: async (definition: unknown, options: unknown) => {
            calls.push({ call: 'update', caseId, definition, options });
            return { caseId };
          },
          signal: async (definition: unknown) => void calls.push({ call: 'signal', caseId, definition }),
          query: async (definition: unknown) => calls.push({ call: 'query', caseId, definition }),
        }),
      },
      withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
      connection: { close: async () => undefined },
    } as unknown as Client;
    return { client, calls };
  }

  it('starts the typed workflow and sends each message by its definition (escalateNow by name)', async () => {
    const { client, calls } = recordingClient();
    const workflows = new CaseWorkflows(client, config);
    const input = {
      caseId: 'case-1',
      openedBy: { username: 'op-wang' },
      districtCode: '510107',
      streetCode: '510107001',
      communityCode: '510107001001',
      options: { upsertSearchAttributes: true },
      prepared: { sla: { deadline: '2025-09-26T00:00:00+08:00' } },
      revision: HELP_REQUEST_REVISION,
    } as HelpRequestInput;
    await workflows.start(input);
    const actor = { userId: 'u', username: 'sup-li', roles: ['supervisor' as const], orgPath: '510100' };
    await workflows.update('case-1', 'escalateNow', { actor, reason: 'urgent' });
    await workflows.calendarChanged('case-1', { calendarVersion: 'v2' });
    await workflows.timeline('case-1');

    expect(calls[0]).toMatchObject({
      call: 'start',
      definition: helpRequestWorkflow,
      options: { workflowId: 'case-1', taskQueue: 'hotline-workflows', args: [input] },
    });
    // Started with its search attributes (revision 1): the workflow's intake upserts none.
    const attributes = (
      calls[0].options as { typedSearchAttributes: { key: { name: string }; value: unknown }[] }
    ).typedSearchAttributes;
    expect(Object.fromEntries(attributes.map((a) => [a.key.name, a.value]))).toEqual({
      CaseStatus: 'intake',
      SlaDeadline: new Date('2025-09-26T00:00:00+08:00'),
      SlaBreached: false,
      DistrictCode: '510107',
      StreetCode: '510107001',
      CommunityCode: '510107001001',
      CaseOwner: 'op-wang',
    });
    expect(HELP_REQUEST_WORKFLOW).toBe('helpRequest');
    expect(calls.slice(1)).toEqual([
      {
        call: 'update',
        caseId: 'case-1',
        definition: escalateNowUpdate,
        options: { args: [{ actor, reason: 'urgent' }] },
      },
      { call: 'signal', caseId: 'case-1', definition: calendarChangedSignal },
      { call: 'query', caseId: 'case-1', definition: timelineQuery },
    ]);
    expect(escalateNowUpdate.name).toBe('escalateNow');
  });
});
