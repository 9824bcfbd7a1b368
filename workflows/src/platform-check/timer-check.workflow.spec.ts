import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '@platform/testing';
import { workflowBundleOptions } from '@platform/temporal-kit';
import { timerCheck } from './timer-check.workflow';

const THREE_DAYS_MS = 3 * 24 * 3600 * 1000;

describe('timerCheck in the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(() => env?.teardown());

  it('sleeps 3 days of workflow time in seconds of wall time', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'timer-check-test',
      ...workflowBundleOptions(),
    });
    const wallStart = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute(timerCheck, {
        workflowId: `timer-check-${Date.now()}`,
        taskQueue: 'timer-check-test',
        args: [THREE_DAYS_MS],
      }),
    );
    const wallMs = Date.now() - wallStart;
    expect(result.sleptMs).toBeGreaterThanOrEqual(THREE_DAYS_MS);
    expect(wallMs).toBeLessThan(30_000);
  }, 120_000);
});
