import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Topics } from '@platform/contracts';
import { Clock } from '@platform/nest-kit';
import { enqueueEvent } from '@platform/outbox';

export interface CoverageStatus {
  asOf: string;
  loadedYears: number[];
  currentYear: number;
  nextYear: number;
  currentYearLoaded: boolean;
  nextYearLoaded: boolean;
  /** True when the current year is missing, or from 1 December when next year is missing. */
  warning: boolean;
  message: { zh: string; en: string } | null;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has no DST: a fixed offset is exact.

/** Next year's arrangement is published around November; from 1 December its absence is a warning. */
export function coverageStatus(loadedYears: number[], now: Date): CoverageStatus {
  const asOf = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  const currentYear = Number(asOf.slice(0, 4));
  const nextYear = currentYear + 1;
  const currentYearLoaded = loadedYears.includes(currentYear);
  const nextYearLoaded = loadedYears.includes(nextYear);
  const missing = !currentYearLoaded
    ? currentYear
    : asOf.slice(5) >= '12-01' && !nextYearLoaded
      ? nextYear
      : null;
  return {
    asOf,
    loadedYears,
    currentYear,
    nextYear,
    currentYearLoaded,
    nextYearLoaded,
    warning: missing !== null,
    message:
      missing === null
        ? null
        : {
            zh: `${missing} 年工作日历尚未导入：涉及该年的期限只按周末计算（临时结果），请尽快导入国务院节假日安排`,
            en: `The ${missing} working calendar is not loaded: deadlines in ${missing} count weekends only (provisional); load the State Council arrangement`,
          },
  };
}

/** Checks coverage hourly and announces a missing year once a day (whichever replica is first). */
@Injectable()
export class CalendarCoverageMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarCoverageMonitor.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.check().catch((error) => this.logger.warn({ err: error }, 'coverage check failed'));
    run();
    this.timer = setInterval(run, 3600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async status(now = this.clock.now()): Promise<CoverageStatus> {
    const rows: { year: number }[] = await this.dataSource.query(
      `SELECT year FROM "${this.schema()}".calendar_years ORDER BY year`,
    );
    return coverageStatus(
      rows.map((row) => row.year),
      now,
    );
  }

  /** Returns the status and whether this call announced the warning (false when already announced today). */
  async check(now = this.clock.now()): Promise<{ status: CoverageStatus; announced: boolean }> {
    const status = await this.status(now);
    if (!status.warning) return { status, announced: false };
    const missingYear = status.currentYearLoaded ? status.nextYear : status.currentYear;
    const schema = this.schema();
    const announced = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${schema}".calendar_coverage_warnings (year, warned_on) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING year`,
        [missingYear, status.asOf],
      );
      if (!inserted.length) return false;
      await enqueueEvent(manager, schema, Topics.hotlineCalendar, {
        type: 'hotline.calendar.coverage-missing',
        source: 'hotline',
        subject: `calendar-${missingYear}`,
        correlationId: randomUUID(),
        data: { year: missingYear, asOf: status.asOf, message: status.message },
      });
      return true;
    });
    if (announced) this.logger.warn({ year: missingYear }, status.message?.en);
    return { status, announced };
  }

  private schema(): string {
    return String((this.dataSource.options as { schema?: string }).schema);
  }
}
