import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SearchAttributes } from '@platform/contracts';
import { temporalAddress } from '@platform/testing';
import { workflowBundleOptions } from '@platform/temporal-kit';
import { timerCheck } from '@platform/workflows';

describe('workflows on the Temporal dev server', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: temporalAddress() });
    nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  it('runs a workflow on a worker to completion', async () => {
    const taskQueue = `dev-server-it-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      ...workflowBundleOptions(),
    });
    const client = new Client({ connection });
    const workflowId = `timer-check-${randomUUID()}`;
    const result = await worker.runUntil(
      client.workflow.execute(timerCheck, { workflowId, taskQueue, args: [200] }),
    );
    expect(result).toEqual({ workflowId, sleptMs: expect.any(Number) });
    expect(result.sleptMs).toBeGreaterThanOrEqual(200);
    const described = await client.workflow.getHandle(workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
  }, 120_000);

  it('has the custom search attributes the case workflow needs', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace: 'default',
    });
    const custom = Object.keys(customAttributes ?? {});
    expect(custom).toEqual(expect.arrayContaining(Object.values(SearchAttributes)));
  });
});
