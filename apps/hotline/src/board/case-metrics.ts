import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '@platform/metrics';
import { Clock } from '@platform/nest-kit';
import { CaseMetricsRepository } from './case-metrics.repository';

/**
 * The hotline's own gauges on /metrics, read from the case board when Prometheus scrapes: open cases by state,
 * and open cases past their promise by district (the SLA alert in infra/monitoring/alerts.yml). Labels are
 * states and district codes only.
 */
@Injectable()
export class CaseMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly repository: CaseMetricsRepository,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const open = new Gauge({
      name: 'hotline_open_cases',
      help: 'Open cases (the latest cycle of each) by workflow state.',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
    });
    const breached = new Gauge({
      name: 'hotline_open_cases_sla_breached',
      help: 'Open cases past their promised placement deadline, by district code.',
      labelNames: ['district_code'] as const,
      registers: [this.metrics.registry],
    });
    this.metrics.addCollector('hotline-cases', async () => {
      const counts = await this.repository.openCaseCounts(this.clock.now());
      open.reset();
      breached.reset();
      for (const { state, districtCode, open: count, breached: late } of counts) {
        open.inc({ state }, count);
        if (late) breached.inc({ district_code: districtCode }, late);
      }
    });
  }
}
