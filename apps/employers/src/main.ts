import 'reflect-metadata';
import './tracing'; // first: see tracing.ts
import { startHttpService } from '@platform/nest-kit';
import { AppModule } from './app.module';
import { loadEmployersConfig } from './config';

const config = loadEmployersConfig();
void startHttpService(AppModule.forRoot(config), {
  serviceName: 'employers',
  title: 'Employers API',
  host: config.HOST,
  port: config.PORT,
  trustProxy: config.TRUST_PROXY,
});
