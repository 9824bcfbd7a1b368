import { z } from 'zod';
import { commonFields, loadConfigOrExit, port, temporalFields } from '@platform/config';

export const workerConfigShape = {
  ...commonFields,
  ...temporalFields,
  HOST: z.string().default('127.0.0.1'),
  /** Health endpoints only: the worker serves no other HTTP. */
  PORT: port(3004),
};
export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export function loadWorkerConfig() {
  return loadConfigOrExit(workerConfigShape, 'worker');
}
