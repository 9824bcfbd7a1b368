import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';
import { piiKeyFields } from '@platform/pii';

export const piiFields = {
  ...piiKeyFields,
  /** Always `people` in deployments; tests use their own queue so parallel apps never take each other's tasks. */
  PEOPLE_TASK_QUEUE: z.string().min(1).default(TaskQueues.people),
};

export const peopleConfigShape = { ...serviceFields(3001, 'people'), ...temporalFields, ...piiFields };
export type PeopleConfig = ReturnType<typeof loadPeopleConfig>;

export function loadPeopleConfig() {
  return loadConfigOrExit(peopleConfigShape, 'people');
}
