import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';

export const employersConfigShape = {
  ...serviceFields(3002, 'employers'),
  ...temporalFields,
  /** Always `employers` in deployments; tests use their own queue so parallel apps never take each other's tasks. */
  EMPLOYERS_TASK_QUEUE: z.string().min(1).default(TaskQueues.employers),
};
export type EmployersConfig = ReturnType<typeof loadEmployersConfig>;

export function loadEmployersConfig() {
  return loadConfigOrExit(employersConfigShape, 'employers');
}
