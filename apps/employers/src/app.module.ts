import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@platform/nest-kit';
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
          topics: [],
        }),
      ],
    };
  }
}
