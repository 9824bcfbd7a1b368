import 'reflect-metadata';
import './tracing'; // first: see tracing.ts
import { startHttpService } from '@platform/nest-kit';
import { AppModule } from './app.module';
import { loadPeopleConfig } from './config';

const config = loadPeopleConfig();
void startHttpService(AppModule.forRoot(config), {
  serviceName: 'people',
  title: 'People API',
  host: config.HOST,
  port: config.PORT,
  trustProxy: config.TRUST_PROXY,
});
