import { Controller, DynamicModule, Get, Module, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@platform/auth';
import { METRICS_OPTIONS, MetricsOptions, MetricsService } from '@platform/metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /**
   * For the Prometheus scraper, so without a token; served on the service's own port only: the console's
   * proxies do not forward it (docs/operations.md, Metrics). No personal data in any label.
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format), for the scraper' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics in the Prometheus text format' })
  async metricsText(@Res() response: Response): Promise<void> {
    const text = await this.metrics.scrape();
    response.status(200).type(this.metrics.registry.contentType).send(text);
  }
}

/** `GET /metrics` for a service or the worker; global, so a service's modules can add their own gauges. */
@Module({})
export class MetricsModule {
  static register(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_OPTIONS, useValue: options }, MetricsService],
      exports: [MetricsService],
    };
  }
}
