import { DynamicModule, Global, Module } from '@nestjs/common';
import { PiiCipher } from '@platform/pii';
import { PeopleConfig } from '../config';

export const PEOPLE_CONFIG = Symbol('PEOPLE_CONFIG');

@Global()
@Module({})
export class PiiModule {
  static forRoot(config: PeopleConfig): DynamicModule {
    return {
      module: PiiModule,
      providers: [
        { provide: PEOPLE_CONFIG, useValue: config },
        { provide: PiiCipher, useValue: new PiiCipher(config) },
      ],
      exports: [PEOPLE_CONFIG, PiiCipher],
    };
  }
}
