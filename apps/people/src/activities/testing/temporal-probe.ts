import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { PeopleActivityActor, RegisterOrFindPersonInput } from '@platform/contracts';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { PeopleConfig } from '../../config';

/**
 * Runs the spec-local probe workflow on the real Temporal dev server, against the people app's activity
 * worker (its queue from config), with the same payload codec; returns the result and the raw history.
 */
export async function runPeopleProbe(
  config: PeopleConfig,
  input: { actor: PeopleActivityActor; registration: RegisterOrFindPersonInput },
): Promise<{ result: unknown; historyJson: string }> {
  const dataConverter = encryptedDataConverter(config);
  const taskQueue = `people-probe-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    dataConverter,
    ...workflowBundleOptions(join(__dirname, 'people-activity.workflow.ts')),
  });
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection, dataConverter });
  try {
    return await worker.runUntil(async () => {
      const handle = await client.workflow.start('peopleActivityProbe', {
        taskQueue,
        workflowId: `people-probe-${randomUUID()}`,
        args: [{ taskQueue: config.PEOPLE_TASK_QUEUE, ...input }],
      });
      const result = await handle.result();
      return { result, historyJson: historyAsText(await handle.fetchHistory()) };
    });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}

/**
 * The history as searchable text: the JSON itself plus every string decoded as base64 (payload data and
 * metadata are base64 in the fetched history), so a plaintext value anywhere would be found.
 */
export function historyAsText(history: unknown): string {
  const decoded: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') decoded.push(Buffer.from(value, 'base64').toString('utf8'));
    else if (value instanceof Uint8Array) decoded.push(Buffer.from(value).toString('utf8'));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(history);
  return `${JSON.stringify(history)}\n${decoded.join('\n')}`;
}
