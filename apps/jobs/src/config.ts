import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';

export const jobsConfigShape = { ...serviceFields(3003, 'jobs'), ...temporalFields };
export type JobsConfig = ReturnType<typeof loadJobsConfig>;

export function loadJobsConfig() {
  return loadConfigOrExit(jobsConfigShape, 'jobs');
}
