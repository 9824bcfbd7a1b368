import { Controller, Get, Module, NotFoundException, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { METRICS_OPTIONS, MetricsService } from './metrics.service';
import { routeTemplate, UNMATCHED_ROUTE } from './http-metrics';

@Controller('cases')
class CasesProbeController {
  @Get(':id')
  one(@Param('id') id: string): { id: string } {
    if (id === 'missing') throw new NotFoundException();
    return { id };
  }

  @Post(':id/notes/:noteId')
  note(): { ok: true } {
    return { ok: true };
  }
}

/** The scrape as nest-kit's MetricsController serves it (nest-kit depends on this lib, not the reverse). */
@Controller('metrics')
class MetricsProbeController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.registry.contentType).send(await this.metrics.scrape());
  }
}

@Module({
  controllers: [CasesProbeController, MetricsProbeController],
  providers: [{ provide: METRICS_OPTIONS, useValue: { service: 'probe' } }, MetricsService],
})
class ProbeModule {}

describe('the HTTP duration histogram is labelled by route template, never by the raw URL', () => {
  let app: INestApplication;
  let metrics: MetricsService;

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    metrics = app.get(MetricsService);
    app.use(metrics.middleware());
    await app.init();
  });
  afterAll(() => app?.close());

  const scrape = async () => (await request(app.getHttpServer()).get('/metrics').expect(200)).text;

  it('labels a request with its route template and status, and keeps ids and query strings out', async () => {
    const id = '6f1c2b1e-2f47-4a53-9a51-0d7e1f3c8a11';
    await request(app.getHttpServer()).get(`/cases/${id}?phone=13800138000`).expect(200);
    await request(app.getHttpServer()).post(`/cases/${id}/notes/42`).expect(201);
    await request(app.getHttpServer()).get('/cases/missing').expect(404);
    const text = await scrape();
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="POST",route="\/cases\/:id\/notes\/:noteId",status="201"\} 1/,
    );
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="\/cases\/:id",status="404"\} 1/,
    );
    expect(text).not.toContain(id);
    expect(text).not.toContain('13800138000');
  });

  it('labels a path that matched no route "unmatched"', async () => {
    await request(app.getHttpServer()).get('/no/such/path/510107003001').expect(404);
    const text = await scrape();
    expect(text).toMatch(
      /http_server_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(text).not.toContain('510107003001');
  });

  it('also serves the process metrics', async () => {
    expect(await scrape()).toContain('process_cpu_user_seconds_total');
  });

  it('reads the template of a mounted router too', () => {
    expect(routeTemplate({ baseUrl: '/api', route: { path: '/cases/:id' } })).toBe('/api/cases/:id');
    expect(routeTemplate({ baseUrl: '', route: undefined })).toBe(UNMATCHED_ROUTE);
  });
});
