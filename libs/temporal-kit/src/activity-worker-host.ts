import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { TemporalPayloadKeySettings } from '@platform/config';
import { ReadinessCheck } from '@platform/nest-kit';
import { temporalConnectionOptions, TemporalConnectionSettings } from './connection-options';
import { encryptedDataConverter } from './payload-codec';
import { routeTemporalLogsThroughRedaction } from './temporal-logger';

export interface TemporalSettings extends TemporalPayloadKeySettings, TemporalConnectionSettings {
  TEMPORAL_NAMESPACE: string;
}

export interface ActivityWorkerOptions {
  /** E.g. `{ payloadCodecs: [new AesGcmPayloadCodec(...)] }`, so payloads with personal data are encrypted. */
  dataConverter?: DataConverter;
}

/**
 * Runs a service's Temporal activities on its own task queue for the life of the Nest application.
 * A service extends this as a provider, naming its queue and building its activities from its own
 * (injected) services, so activities use the same DataSource and rules as the HTTP API.
 */
export abstract class ActivityWorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown, ReadinessCheck
{
  readonly name: string = 'temporal-activity-worker';
  protected abstract readonly taskQueue: string;
  private readonly logger = new Logger(this.constructor.name);
  private connection: NativeConnection | undefined;
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;

  protected constructor(
    private readonly settings: TemporalSettings,
    private readonly options: ActivityWorkerOptions = {},
  ) {}

  /** The activity functions, keyed by the names workflows call them with. */
  protected abstract activities(): Record<string, (...args: never[]) => Promise<unknown>>;

  async onApplicationBootstrap(): Promise<void> {
    routeTemporalLogsThroughRedaction();
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.settings));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.settings.TEMPORAL_NAMESPACE,
      taskQueue: this.taskQueue,
      activities: this.activities(),
      // Encrypted payloads always: the workflow worker and the other services share the key.
      dataConverter: this.options.dataConverter ?? encryptedDataConverter(this.settings),
    });
    this.running = this.worker
      .run()
      .catch((error) => this.logger.error({ err: error }, 'activity worker stopped'));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }

  /** Readiness: the worker is polling its task queue. */
  async check(): Promise<void> {
    const state = this.worker?.getState() ?? 'NOT STARTED';
    if (state !== 'RUNNING') throw new Error(`activity worker on "${this.taskQueue}" is ${state}`);
  }
}
