import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { base64Bytes, loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';
import { parseEncryptionKeys } from '@platform/pii';

/** Key settings are checked here so a bad key stops the process at start, with the variable named. */
export const piiFields = {
  PII_ENCRYPTION_KEYS: z.string().superRefine((value, ctx) => {
    try {
      parseEncryptionKeys(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  }),
  PII_ACTIVE_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a key id listed in PII_ENCRYPTION_KEYS'),
  PII_BLIND_INDEX_KEY: base64Bytes(32),
  /** Always `people` in deployments; tests use their own queue so parallel apps never take each other's tasks. */
  PEOPLE_TASK_QUEUE: z.string().min(1).default(TaskQueues.people),
};

export const peopleConfigShape = { ...serviceFields(3001, 'people'), ...temporalFields, ...piiFields };
export type PeopleConfig = ReturnType<typeof loadPeopleConfig>;

export function loadPeopleConfig() {
  return loadConfigOrExit(peopleConfigShape, 'people');
}
