import { Inject, Injectable } from '@nestjs/common';
import { ActivityWorkerHost } from '@platform/temporal-kit';
import { JobsConfig } from '../config';
import { MatchingService } from '../matching/matching.service';
import { ReferralsService } from '../referrals/referrals.service';
import { createJobsActivities } from './jobs.activities';

export const JOBS_CONFIG = Symbol('JOBS_CONFIG');

/** Runs the jobs activities on task queue `jobs` (TaskQueues.jobs) for the life of the app; also a readiness check. */
@Injectable()
export class JobsActivityWorker extends ActivityWorkerHost {
  protected readonly taskQueue: string;

  constructor(
    @Inject(JOBS_CONFIG) config: JobsConfig,
    private readonly matching: MatchingService,
    private readonly referrals: ReferralsService,
  ) {
    super(config);
    this.taskQueue = config.JOBS_TASK_QUEUE;
  }

  protected activities() {
    return { ...createJobsActivities({ matching: this.matching, referrals: this.referrals }) };
  }
}
