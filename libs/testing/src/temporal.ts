import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServerPath } from './stack-env';

/**
 * The time-skipping environment on the Java test server that infra/local provisioned; the SDK is never
 * allowed to download a server (this machine cannot reach the download host).
 */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
}
