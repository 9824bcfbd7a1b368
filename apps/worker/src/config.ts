import { z } from 'zod';
import { TaskQueues } from '@platform/contracts';
import { commonFields, loadConfigOrExit, port, postgresUrl, temporalFields } from '@platform/config';

export const workerConfigShape = {
  ...commonFields,
  ...temporalFields,
  HOST: z.string().default('127.0.0.1'),
  /** Health endpoints only: the worker serves no other HTTP. */
  PORT: port(3004),
  /** Always `hotline` in deployments; tests run their own worker process on their own queue. */
  WORKER_TASK_QUEUE: z.string().min(1).default(TaskQueues.hotline),
  /**
   * Open cases kept in memory (~150 KB each, measured by bench:intake); the others sleep on their timers and are
   * replayed from history when one fires. Bounds the worker's memory however many cases are open.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(10).max(100_000).default(2_000),
  /**
   * The hotline's database, as the hotline has it (same role): the worker writes case events into the hotline's
   * outbox itself (a local activity). The hotline's data, so the hotline's role, never a role of its own.
   */
  HOTLINE_DATABASE_URL: postgresUrl(),
  /** The hotline's schema; tests point it at the hotline's throwaway schema. */
  HOTLINE_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default('hotline'),
  /** Connections to the hotline's database: one outbox insert per case event, held for milliseconds. */
  HOTLINE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(50).default(4),
};
export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;

export function loadWorkerConfig() {
  return loadConfigOrExit(workerConfigShape, 'worker');
}
