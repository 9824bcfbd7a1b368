import { DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasePolicyModule } from '../case-policy/case-policy.module';
import { HotlineConfig } from '../config';
import { CASE_ACTIVITIES_CONFIG, HotlineActivityWorker } from './hotline-activity-worker';

/** The Temporal activity worker the case workflow calls for the policy, the SLA, schedules and events. */
@Module({})
export class CaseActivitiesModule {
  static forRoot(config: HotlineConfig): DynamicModule {
    return {
      module: CaseActivitiesModule,
      imports: [CalendarModule, CasePolicyModule],
      providers: [{ provide: CASE_ACTIVITIES_CONFIG, useValue: config }, HotlineActivityWorker],
      exports: [HotlineActivityWorker],
    };
  }
}
