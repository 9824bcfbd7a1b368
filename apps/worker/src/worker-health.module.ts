import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  HealthModule,
  LoggingModule,
  MetricsModule,
  PostgresReadiness,
  ReadinessCheck,
} from '@platform/nest-kit';
import { TEMPORAL_CONNECTION, TemporalReadiness } from '@platform/temporal-kit';

const WORKER = Symbol('WORKER');

/** Ready only while the worker polls its task queue (and, by the other checks, reaches Temporal and Postgres). */
@Injectable()
export class WorkerRunningReadiness implements ReadinessCheck {
  readonly name = 'worker';
  constructor(@Inject(WORKER) private readonly worker: Worker) {}

  async check(): Promise<void> {
    const state = this.worker.getState();
    if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
  }

  /**
   * Liveness: a failed worker never polls again (main() then exits; this covers the moments before and a
   * worker that ends without a shutdown signal, which main() treats the same).
   */
  alive(): void {
    const state = this.worker.getState();
    if (state === 'FAILED') throw new Error('worker failed');
  }
}

@Module({})
export class WorkerHealthModule {
  static forRoot(options: {
    logLevel: string;
    worker: Worker;
    connection: Connection;
    /** The hotline's database, where the worker writes case events. */
    hotlineDataSource: DataSource;
  }): DynamicModule {
    return {
      module: WorkerHealthModule,
      imports: [
        LoggingModule.forService('worker', options.logLevel),
        // Node's metrics and the health endpoints' timings; the SDK's own are on TEMPORAL_METRICS_PORT.
        MetricsModule.register({ service: 'worker' }),
        HealthModule.register([TemporalReadiness, WorkerRunningReadiness, PostgresReadiness]),
      ],
      providers: [
        { provide: WORKER, useValue: options.worker },
        { provide: TEMPORAL_CONNECTION, useValue: options.connection },
        { provide: DataSource, useValue: options.hotlineDataSource },
        TemporalReadiness,
        WorkerRunningReadiness,
        PostgresReadiness,
      ],
    };
  }
}
