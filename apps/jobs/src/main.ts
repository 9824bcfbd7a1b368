import 'reflect-metadata';
import './tracing'; // first: see tracing.ts
import { startHttpService } from '@platform/nest-kit';
import { AppModule } from './app.module';
import { loadJobsConfig } from './config';

const config = loadJobsConfig();
void startHttpService(AppModule.forRoot(config), {
  serviceName: 'jobs',
  title: 'Jobs API',
  host: config.HOST,
  port: config.PORT,
  trustProxy: config.TRUST_PROXY,
});
