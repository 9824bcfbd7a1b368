import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { Clock, ServiceCoreModule } from '@platform/nest-kit';
import { HotlineConfig } from './config';
import { hotlineEntities, hotlineMigrations } from './data-source';
import { CalendarModule } from './calendar/calendar.module';
import { IdentityModule } from './identity/identity.module';
import { OrgTreeModule } from './org-tree/org-tree.module';
import { CasePolicyModule } from './case-policy/case-policy.module';
import { CaseActivitiesModule } from './case-activities/case-activities.module';
import { HotlineActivityWorker } from './case-activities/hotline-activity-worker';
import { BoardModule } from './board/board.module';
import { CaseBoardProjector } from './board/case-board-projector';
import { CasesModule } from './cases/cases.module';
import { HouseholdsModule } from './households/households.module';
import { HouseholdPolicyModule } from './household-policy/household-policy.module';
import { HouseholdCaseConsumer, HouseholdStatusConsumer } from './households/household-consumers';
import { JobFairsModule } from './job-fairs/job-fairs.module';
import { JobFairCaseConsumer } from './job-fairs/job-fair-case-consumer';
import { PersonalPlansModule } from './personal-plans/personal-plans.module';

@Module({})
export class AppModule {
  static forRoot(config: HotlineConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          service: 'hotline',
          schema: config.DB_SCHEMA,
          config,
          entities: hotlineEntities,
          migrations: hotlineMigrations,
          topics: [Topics.hotlineCase, Topics.hotlineCalendar, Topics.hotlineHouseholdEpisode],
          extraReadiness: [
            HotlineActivityWorker,
            CaseBoardProjector,
            HouseholdStatusConsumer,
            HouseholdCaseConsumer,
            JobFairCaseConsumer,
          ],
          clock: options.clock,
        }),
        OrgTreeModule,
        IdentityModule,
        CalendarModule,
        CasesModule.forRoot(config),
        CasePolicyModule,
        CaseActivitiesModule.forRoot(config),
        BoardModule.forRoot(config),
        HouseholdPolicyModule,
        HouseholdsModule,
        JobFairsModule,
        PersonalPlansModule,
      ],
    };
  }
}
