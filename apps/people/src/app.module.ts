import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@platform/contracts';
import { ServiceCoreModule } from '@platform/nest-kit';
import { PeopleConfig } from './config';
import { peopleEntities, peopleMigrations } from './data-source';

@Module({})
export class AppModule {
  static forRoot(config: PeopleConfig): DynamicModule {
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
        }),
      ],
    };
  }
}
