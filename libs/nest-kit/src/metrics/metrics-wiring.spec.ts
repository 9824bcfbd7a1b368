import { Controller, Get, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { configureHttpApp } from '../bootstrap/start-http-service';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from './metrics.module';

@Controller('probe')
class ProbeController {
  @Get(':id')
  get(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [LoggingModule.forService('probe', 'silent')], controllers: [ProbeController] })
class WithoutMetrics {}

@Module({
  imports: [LoggingModule.forService('probe', 'silent'), MetricsModule.register({ service: 'probe' })],
  controllers: [ProbeController],
})
class WithMetrics {}

/** As services and tests create apps: Nest's default abortOnError, so a failed lookup would end the process. */
async function configured(module: Type): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: false });
  configureHttpApp(app, { title: 'probe' });
  await app.init();
  return app;
}

describe('configureHttpApp and /metrics', () => {
  it('times every request of an app with MetricsModule, by route template, on its public /metrics', async () => {
    const app = await configured(WithMetrics);
    try {
      await request(app.getHttpServer()).get('/probe/4711').expect(200);
      const text = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
      expect(text).toMatch(
        /http_server_request_duration_seconds_count\{method="GET",route="\/probe\/:id",status="200"\} 1/,
      );
      expect(text).not.toContain('4711');
    } finally {
      await app.close();
    }
  });

  it('configures an app without MetricsModule as before (no /metrics, and the process goes on)', async () => {
    const app = await configured(WithoutMetrics);
    try {
      await request(app.getHttpServer()).get('/probe/1').expect(200);
      await request(app.getHttpServer()).get('/metrics').expect(404);
    } finally {
      await app.close();
    }
  });
});
