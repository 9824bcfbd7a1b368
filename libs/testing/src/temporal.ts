import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalTestServerPath } from './stack-env';

const START_ATTEMPTS = 6;

/**
 * The time-skipping environment on the Java test server that infra/local provisioned; the SDK is never
 * allowed to download a server (this machine cannot reach the download host). The SDK gives the JVM 5 s to
 * listen; on two busy cores it sometimes needs longer (several times over when other suites start JVMs too), so
 * a start that timed out is tried again.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
      });
    } catch (error) {
      const slowStart = error instanceof Error && error.message.includes('Failed to start ephemeral server');
      if (!slowStart || attempt === START_ATTEMPTS) throw error;
    }
  }
}
