import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { Clock, ServiceCoreModule } from '@platform/nest-kit';
import { PeopleActivityWorker } from './activities/people-activity-worker';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesRepository } from './categories/categories.repository';
import { CategoriesService } from './categories/categories.service';
import { PeopleConfig } from './config';
import { peopleEntities, peopleMigrations } from './data-source';
import { CaseEmploymentConsumer } from './employment/case-employment.consumer';
import { EmploymentChanges } from './employment/employment-changes';
import { JobEndConsumer } from './employment/job-end.consumer';
import { LedgersController } from './ledgers/ledgers.controller';
import { LedgersRepository } from './ledgers/ledgers.repository';
import { LedgersService } from './ledgers/ledgers.service';
import { EmploymentRepository } from './employment/employment.repository';
import { HouseholdEpisodesConsumer } from './households/household-episodes.consumer';
import { HouseholdEpisodesRepository } from './households/household-episodes.repository';
import { HouseholdsController } from './households/households.controller';
import { HouseholdsRepository } from './households/households.repository';
import { HouseholdsService } from './households/households.service';
import { PersonsController } from './persons/persons.controller';
import { PersonsRepository } from './persons/persons.repository';
import { PersonsService } from './persons/persons.service';
import { UnmaskService } from './persons/unmask.service';
import { TrainingController } from './training/training.controller';
import { TrainingRepository } from './training/training.repository';
import { TrainingService } from './training/training.service';
import { PiiModule } from './pii/pii.module';
import { SmsModule } from './sms/sms.module';
import { ServiceRecordsController } from './service-records/service-records.controller';
import { ServiceRecordsRepository } from './service-records/service-records.repository';
import { ServiceRecordsService } from './service-records/service-records.service';
import { ThreePlusOneController } from './three-plus-one/three-plus-one.controller';
import { ThreePlusOneRepository } from './three-plus-one/three-plus-one.repository';
import { ThreePlusOneService } from './three-plus-one/three-plus-one.service';

@Module({})
export class AppModule {
  static forRoot(config: PeopleConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          service: 'people',
          schema: config.DB_SCHEMA,
          config,
          entities: peopleEntities,
          migrations: peopleMigrations,
          topics: [Topics.peoplePerson, Topics.peopleHousehold],
          extraReadiness: [
            PeopleActivityWorker,
            CaseEmploymentConsumer,
            JobEndConsumer,
            HouseholdEpisodesConsumer,
          ],
          clock: options.clock,
        }),
        PiiModule.forRoot(config),
        SmsModule.forRoot(config),
      ],
      controllers: [
        PersonsController,
        HouseholdsController,
        CategoriesController,
        ServiceRecordsController,
        LedgersController,
        ThreePlusOneController,
        TrainingController,
      ],
      providers: [
        CategoriesRepository,
        HouseholdsRepository,
        PersonsRepository,
        ServiceRecordsRepository,
        CategoriesService,
        HouseholdsService,
        PersonsService,
        UnmaskService,
        ServiceRecordsService,
        PeopleActivityWorker,
        TrainingRepository,
        TrainingService,
        EmploymentRepository,
        CaseEmploymentConsumer,
        EmploymentChanges,
        JobEndConsumer,
        HouseholdEpisodesRepository,
        HouseholdEpisodesConsumer,
        LedgersRepository,
        LedgersService,
        ThreePlusOneRepository,
        ThreePlusOneService,
      ],
    };
  }
}
