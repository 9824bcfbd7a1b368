import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';

export const jobsConfigShape = {
  ...serviceFields(3003, 'jobs'),
  ...temporalFields,
  /** Always `jobs` in deployments; tests use their own queue so parallel apps never take each other's tasks. */
  JOBS_TASK_QUEUE: z.string().min(1).default(TaskQueues.jobs),
};
export type JobsConfig = ReturnType<typeof loadJobsConfig>;

export function loadJobsConfig() {
  return loadConfigOrExit(jobsConfigShape, 'jobs');
}
