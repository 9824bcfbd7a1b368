import type { Client } from '@temporalio/client';
import { HotlineConfig } from '../config';
import { CaseWorkflows, SHUTDOWN_DRAIN_MS } from './case-workflows';

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
