import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { ServiceCoreModule } from '@platform/nest-kit';
import { JOBS_CONFIG, JobsActivityWorker } from './activities/jobs-activity-worker';
import { EmployerNamesConsumer } from './employer-names/employer-names.consumer';
import { EmployerNamesRepository } from './employer-names/employer-names.repository';
import { LedgersModule } from './ledgers/ledgers.module';
import { MatchingModule } from './matching/matching.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReportsModule } from './reports/reports.module';
import { VacanciesModule } from './vacancies/vacancies.module';
import { JobsConfig } from './config';
import { jobsEntities, jobsMigrations } from './data-source';

@Module({})
export class AppModule {
  static forRoot(config: JobsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          service: 'jobs',
          schema: config.DB_SCHEMA,
          config,
          entities: jobsEntities,
          migrations: jobsMigrations,
          topics: [Topics.jobsReferral],
          extraReadiness: [JobsActivityWorker, EmployerNamesConsumer],
        }),
        VacanciesModule,
        ReferralsModule,
        MatchingModule,
        ReportsModule,
        LedgersModule,
      ],
      providers: [
        { provide: JOBS_CONFIG, useValue: config },
        JobsActivityWorker,
        EmployerNamesRepository,
        EmployerNamesConsumer,
      ],
    };
  }
}
