import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { ConfigError, loadConfig, serviceFields, temporalFields } from '@platform/config';
import { piiKeyFields } from '@platform/pii';
import { smsFields, smsSettings } from './sms/sms-config';

export const piiFields = {
  ...piiKeyFields,
  /** Always `people` in deployments; tests use their own queue so parallel apps never take each other's tasks. */
  PEOPLE_TASK_QUEUE: z.string().min(1).default(TaskQueues.people),
};

export const peopleConfigShape = {
  ...serviceFields(3001, 'people'),
  ...temporalFields,
  ...piiFields,
  ...smsFields,
};
export type PeopleConfig = ReturnType<typeof parsePeopleConfig>;

/** The environment checked, including what one variable cannot say alone (the SMS gateway in production). */
export function parsePeopleConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(peopleConfigShape, env);
  smsSettings(config);
  return config;
}

/** At process start: on a bad environment, prints which variables are wrong (never their values) and exits. */
export function loadPeopleConfig(): PeopleConfig {
  try {
    return parsePeopleConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`people: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
