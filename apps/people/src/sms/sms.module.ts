import { DynamicModule, Global, Module } from '@nestjs/common';
import { PeopleConfig } from '../config';
import { DevSinkSmsGateway } from './dev-sink-sms-gateway';
import { DevSmsController } from './dev-sms.controller';
import { HttpSmsGateway } from './http-sms-gateway';
import { smsSettings } from './sms-config';
import { SMS_GATEWAY } from './sms-gateway';

/**
 * The SMS gateway the configuration chooses (sms-config.ts). Building the module checks the settings, so a
 * production configuration without a gateway fails at start-up, not at the first code. The dev page's route
 * exists only with the dev sink, which production refuses.
 */
@Global()
@Module({})
export class SmsModule {
  static forRoot(config: PeopleConfig): DynamicModule {
    const settings = smsSettings(config);
    const gateway = settings.kind === 'http' ? new HttpSmsGateway(settings.http) : new DevSinkSmsGateway();
    return {
      module: SmsModule,
      controllers: settings.kind === 'dev-sink' ? [DevSmsController] : [],
      providers: [{ provide: SMS_GATEWAY, useValue: gateway }],
      exports: [SMS_GATEWAY],
    };
  }
}
