import { Inject, Injectable } from '@nestjs/common';
import { ActivityWorkerHost } from '@platform/temporal-kit';
import { EmployersConfig } from '../config';
import { ReservationsService } from '../reservations/reservations.service';
import { createEmployersActivities } from './employers.activities';

export const EMPLOYERS_CONFIG = Symbol('EMPLOYERS_CONFIG');

/** Runs the employers activities on task queue `employers` (TaskQueues.employers); also a readiness check. */
@Injectable()
export class EmployersActivityWorker extends ActivityWorkerHost {
  protected readonly taskQueue: string;

  constructor(
    @Inject(EMPLOYERS_CONFIG) config: EmployersConfig,
    private readonly reservations: ReservationsService,
  ) {
    super(config);
    this.taskQueue = config.EMPLOYERS_TASK_QUEUE;
  }

  protected activities() {
    return { ...createEmployersActivities({ reservations: this.reservations }) };
  }
}
