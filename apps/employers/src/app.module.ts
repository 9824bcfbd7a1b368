import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { ServiceCoreModule } from '@platform/nest-kit';
import { EMPLOYERS_CONFIG, EmployersActivityWorker } from './activities/employers-activity-worker';
import { EmployersModule } from './employers/employers.module';
import { ReservationsModule } from './reservations/reservations.module';
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
        ReservationsModule,
      ],
      providers: [{ provide: EMPLOYERS_CONFIG, useValue: config }, EmployersActivityWorker],
    };
  }
}
