import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { ServiceCoreModule } from '@platform/nest-kit';
import { EMPLOYERS_CONFIG, EmployersActivityWorker } from './activities/employers-activity-worker';
import { AssistanceBasesModule } from './assistance-bases/assistance-bases.module';
import { EmployersModule } from './employers/employers.module';
import { ReservationsModule } from './reservations/reservations.module';
import { WelfarePoolsModule } from './welfare-pools/welfare-pools.module';
import { EmployersConfig } from './config';
import { employersEntities, employersMigrations } from './data-source';

@Module({})
export class AppModule {
  static forRoot(config: EmployersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forService({
          service: 'employers',
          schema: config.DB_SCHEMA,
          config,
          entities: employersEntities,
          migrations: employersMigrations,
          topics: [Topics.employersEmployer, Topics.employersReservation],
          extraReadiness: [EmployersActivityWorker],
        }),
        EmployersModule,
        AssistanceBasesModule,
        WelfarePoolsModule,
        ReservationsModule,
      ],
      providers: [{ provide: EMPLOYERS_CONFIG, useValue: config }, EmployersActivityWorker],
    };
  }
}
