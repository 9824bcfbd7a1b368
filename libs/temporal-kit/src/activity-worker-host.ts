import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { TemporalPayloadKeySettings } from '@platform/config';
import { ReadinessCheck } from '@platform/nest-kit';
import { temporalConnectionOptions, TemporalConnectionSettings } from './connection-options';
import { encryptedDataConverter } from './payload-codec';
import { routeTemporalLogsThroughRedaction } from './temporal-logger';
import { tracingActivityInterceptors } from './tracing-interceptors';

/** The signals on which Temporal's runtime shuts its workers down (its default `shutdownSignals`). */
const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGQUIT', 'SIGUSR2'];

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
  private shuttingDown = false;
  /** Temporal's runtime shuts workers down on these signals itself, before Nest's shutdown hooks run. */
  private readonly onShutdownSignal = () => {
    this.shuttingDown = true;
  };
  /** Why the worker ended while the application was not shutting down (liveness fails from then on). */
  private stoppedUnexpectedly: string | undefined;

  protected constructor(
    private readonly settings: TemporalSettings,
    private readonly options: ActivityWorkerOptions = {},
  ) {}

  /** The activity functions, keyed by the names workflows call them with. */
  protected abstract activities(): Record<string, (...args: never[]) => Promise<unknown>>;

  async onApplicationBootstrap(): Promise<void> {
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, this.onShutdownSignal);
    routeTemporalLogsThroughRedaction();
    this.connection = await NativeConnection.connect(temporalConnectionOptions(this.settings));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.settings.TEMPORAL_NAMESPACE,
      taskQueue: this.taskQueue,
      activities: this.activities(),
      // Encrypted payloads always: the workflow worker and the other services share the key.
      dataConverter: this.options.dataConverter ?? encryptedDataConverter(this.settings),
      // Each activity in a span, child of the workflow's (none when tracing is off).
      interceptors: { activity: tracingActivityInterceptors() },
    });
    this.running = this.worker.run().then(
      () => this.ended('it stopped'),
      (error: unknown) =>
        this.ended(error instanceof Error ? `it failed: ${error.message}` : 'it failed', error),
    );
  }

  private ended(how: string, error?: unknown): void {
    if (this.shuttingDown) return;
    this.stoppedUnexpectedly = how;
    this.logger.error({ err: error }, 'activity worker stopped; liveness fails so the process is restarted');
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, this.onShutdownSignal);
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }

  /** Readiness: the worker is polling its task queue. */
  async check(): Promise<void> {
    const state = this.worker?.getState() ?? 'NOT STARTED';
    if (state !== 'RUNNING') throw new Error(`activity worker on "${this.taskQueue}" is ${state}`);
  }

  /** Liveness: a worker that ran and ended outside shutdown never comes back in this process. */
  alive(): void {
    if (this.stoppedUnexpectedly)
      throw new Error(`activity worker on "${this.taskQueue}" ended: ${this.stoppedUnexpectedly}`);
  }
}
