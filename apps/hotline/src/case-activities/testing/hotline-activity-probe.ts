import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { HotlineConfig } from '../../config';

type ProbeInput = Omit<
  Parameters<typeof import('./hotline-activity.workflow').hotlineActivityProbe>[0],
  'taskQueue'
>;

/**
 * Runs the spec-local probe workflow on the real Temporal dev server against the hotline app's activity worker
 * (its queue from config), with the same payload codec; returns the result and how often each activity ran.
 */
export async function runHotlineActivityProbe(
  config: HotlineConfig,
  input: ProbeInput,
): Promise<{ result: Record<string, unknown>; attempts: Record<string, number> }> {
  const dataConverter = encryptedDataConverter(config);
  const taskQueue = `hotline-probe-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    dataConverter,
    ...workflowBundleOptions(join(__dirname, 'hotline-activity.workflow.ts')),
  });
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection, dataConverter });
  try {
    return await worker.runUntil(async () => {
      const handle = await client.workflow.start('hotlineActivityProbe', {
        taskQueue,
        workflowId: `hotline-probe-${randomUUID()}`,
        args: [{ taskQueue: config.HOTLINE_ACTIVITY_TASK_QUEUE, ...input }],
      });
      const result = (await handle.result()) as Record<string, unknown>;
      const attempts: Record<string, number> = {};
      for (const event of (await handle.fetchHistory()).events ?? []) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (scheduled?.activityType?.name)
          attempts[scheduled.activityType.name] = (attempts[scheduled.activityType.name] ?? 0) + 1;
        const started = event.activityTaskStartedEventAttributes;
        if (started && (started.attempt ?? 1) > 1) attempts.retried = (attempts.retried ?? 0) + 1;
      }
      return { result, attempts };
    });
  } finally {
    await connection.close();
    await nativeConnection.close();
  }
}
