import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivityWorkerHost } from '@platform/temporal-kit';
import { CalendarService } from '../calendar/calendar.service';
import { CasePolicyService } from '../case-policy/case-policy.service';
import { HotlineConfig } from '../config';
import { createHotlineActivities } from './hotline.activities';

export const CASE_ACTIVITIES_CONFIG = Symbol('CASE_ACTIVITIES_CONFIG');

/** Runs the hotline activities on HOTLINE_ACTIVITY_TASK_QUEUE (TaskQueues.hotlineActivities), encrypted payloads. */
@Injectable()
export class HotlineActivityWorker extends ActivityWorkerHost {
  protected readonly taskQueue: string;

  constructor(
    @Inject(CASE_ACTIVITIES_CONFIG) config: HotlineConfig,
    private readonly calendar: CalendarService,
    private readonly policies: CasePolicyService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    super(config);
    this.taskQueue = config.HOTLINE_ACTIVITY_TASK_QUEUE;
  }

  protected activities() {
    const { calendar, policies, dataSource } = this;
    return { ...createHotlineActivities({ calendar, policies, dataSource }) };
  }
}
