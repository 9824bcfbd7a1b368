import 'reflect-metadata';
import './tracing'; // first: see tracing.ts
import { startHttpService } from '@platform/nest-kit';
import { AppModule } from './app.module';
import { loadHotlineConfig } from './config';

const config = loadHotlineConfig();
void startHttpService(AppModule.forRoot(config), {
  serviceName: 'hotline',
  title: 'Hotline case API',
  host: config.HOST,
  port: config.PORT,
  trustProxy: config.TRUST_PROXY,
});
