import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { jwtPrivateKey, loadConfigOrExit, serviceFields, temporalFields } from '@platform/config';
import { piiKeyFields } from '@platform/pii';

export const hotlineConfigShape = {
  ...serviceFields(3000, 'hotline'),
  /** The hotline alone signs access tokens (docs/adr/0003-tokens-and-sessions.md). */
  JWT_PRIVATE_KEY: jwtPrivateKey(),
  ...temporalFields,
  // The intake (name, ID number, phone) waits encrypted in the case row until the workflow has registered it.
  ...piiKeyFields,
  /** Where case workflows run (the worker's queue); tests use their own queues. */
  HOTLINE_WORKFLOW_TASK_QUEUE: z.string().min(1).default(TaskQueues.hotline),
  HOTLINE_ACTIVITY_TASK_QUEUE: z.string().min(1).default(TaskQueues.hotlineActivities),
  /** Queues of the other services' activities, passed to each case workflow (tests override them). */
  PEOPLE_TASK_QUEUE: z.string().min(1).default(TaskQueues.people),
  JOBS_TASK_QUEUE: z.string().min(1).default(TaskQueues.jobs),
  EMPLOYERS_TASK_QUEUE: z.string().min(1).default(TaskQueues.employers),
  /**
   * The people API (e.g. http://people:3001). When set, a new case's caller is registered while the operator is
   * on the call, so the case starts registered; unset, or when people does not answer within the timeout, the
   * case workflow registers the caller itself (docs/case-workflow.md, Intake).
   */
  PEOPLE_URL: z.string().url().optional(),
  PEOPLE_REGISTRATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /**
   * The people deployment (its database schema) whose household events start this hotline's household
   * episodes; another deployment's households on a shared broker are not this hotline's (tests share one).
   */
  PEOPLE_DEPLOYMENT: z.string().min(1).default('people'),
  /**
   * The board calls a referral's employer silent after this much working time (hours falling on working days)
   * without news of the referral from jobs.
   */
  BOARD_EMPLOYER_SILENT_WORKING_HOURS: z.coerce.number().int().min(1).max(240).default(24),
  /** Whether case workflows upsert search attributes (the time-skipping test server has none registered). */
  HOTLINE_CASE_SEARCH_ATTRIBUTES: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
};
export type HotlineConfig = ReturnType<typeof loadHotlineConfig>;

export function loadHotlineConfig() {
  return loadConfigOrExit(hotlineConfigShape, 'hotline');
}
