import { DynamicModule, Inject, Injectable, Module } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { HealthModule, LoggingModule, ReadinessCheck } from '@platform/nest-kit';
import { TEMPORAL_CONNECTION, TemporalReadiness } from '@platform/temporal-kit';

const WORKER = Symbol('WORKER');

/** Ready only while the worker polls its task queue. */
@Injectable()
export class WorkerRunningReadiness implements ReadinessCheck {
  readonly name = 'worker';
  constructor(@Inject(WORKER) private readonly worker: Worker) {}

  async check(): Promise<void> {
    const state = this.worker.getState();
    if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
  }
}

@Module({})
export class WorkerHealthModule {
  static forRoot(options: { logLevel: string; worker: Worker; connection: Connection }): DynamicModule {
    return {
      module: WorkerHealthModule,
      imports: [
        LoggingModule.forService('worker', options.logLevel),
        HealthModule.register([TemporalReadiness, WorkerRunningReadiness]),
      ],
      providers: [
        { provide: WORKER, useValue: options.worker },
        { provide: TEMPORAL_CONNECTION, useValue: options.connection },
        TemporalReadiness,
        WorkerRunningReadiness,
      ],
    };
  }
}
