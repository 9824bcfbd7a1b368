import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CalendarYear, WorkingCalendar } from '@platform/calendar';
import { Topics } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { CalendarChangeRow, CalendarYearRow } from './calendar-year.entity';

export interface YearChange {
  year: CalendarYear;
  format: 'json' | 'ics';
  reason: string;
  changedBy: string;
  correlationId: string;
}

/** The weekly pattern every loaded year is read with: Saturday and Sunday off. */
const WEEKEND = [6, 7];

/**
 * The working calendar as stored in Postgres. Each load or correction of a year is a new version written
 * with its audit row and its `hotline.calendar.v1` event in one transaction, so open cases can recompute.
 */
@Injectable()
export class CalendarService {
  private cached: { version: number; calendar: WorkingCalendar } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(CalendarYearRow) private readonly years: Repository<CalendarYearRow>,
    @InjectRepository(CalendarChangeRow) private readonly changes: Repository<CalendarChangeRow>,
  ) {}

  /** The calendar of every loaded year; rebuilt only when another version was written (by any replica). */
  async current(): Promise<WorkingCalendar> {
    const [{ version }] = await this.dataSource.query(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${this.table('calendar_changes')}`,
    );
    const cached = this.cached;
    if (cached && cached.version === version) return cached.calendar;
    const rows = await this.years.find({ order: { year: 'ASC' } });
    const calendar = new WorkingCalendar({
      version: `v${version}`,
      weekend: WEEKEND,
      years: rows.map((row) => ({ year: row.year, source: row.source, overrides: row.overrides })),
    });
    this.cached = { version, calendar };
    return calendar;
  }

  listYears(): Promise<CalendarYearRow[]> {
    return this.years.find({ order: { year: 'ASC' } });
  }

  findYear(year: number): Promise<CalendarYearRow | null> {
    return this.years.findOneBy({ year });
  }

  history(year: number): Promise<CalendarChangeRow[]> {
    return this.changes.find({ where: { year }, order: { version: 'DESC' } });
  }

  /** Loads or replaces one year (already validated) as a new calendar version. */
  async replaceYear(change: YearChange): Promise<CalendarChangeRow> {
    const schema = this.schema();
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent loads so versions are gap-free and each change records what it replaced.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar:${schema}`]);
      const previous = await manager.findOneBy(CalendarYearRow, { year: change.year.year });
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(version), 0)::int + 1 AS next FROM ${this.table('calendar_changes')}`,
      );
      const record = manager.create(CalendarChangeRow, {
        version: next,
        year: change.year.year,
        source: change.year.source,
        overrides: change.year.overrides,
        previousOverrides: previous?.overrides ?? null,
        format: change.format,
        reason: change.reason,
        changedBy: change.changedBy,
        changedAt: new Date(),
      });
      await manager.insert(CalendarChangeRow, record);
      await manager.upsert(
        CalendarYearRow,
        {
          year: change.year.year,
          source: change.year.source,
          overrides: change.year.overrides,
          version: next,
          updatedAt: record.changedAt,
        },
        ['year'],
      );
      await enqueueEvent(manager, schema, Topics.hotlineCalendar, {
        type: 'hotline.calendar.year-loaded',
        source: 'hotline',
        subject: `calendar-${change.year.year}`,
        correlationId: change.correlationId,
        data: {
          year: change.year.year,
          calendarVersion: `v${next}`,
          format: change.format,
          changedDates: changedDates(previous?.overrides ?? [], change.year.overrides),
        },
      });
      return record;
    });
  }

  private schema(): string {
    return String((this.dataSource.options as { schema?: string }).schema);
  }

  private table(name: string): string {
    return `"${this.schema()}".${name}`;
  }
}

/** Dates whose kind was added, removed or changed: what open cases must recompute around. */
export function changedDates(before: CalendarYear['overrides'], after: CalendarYear['overrides']): string[] {
  const key = (o: { date: string; kind: string }) => `${o.date}:${o.kind}`;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const dates = new Set<string>();
  for (const o of before) if (!afterKeys.has(key(o))) dates.add(o.date);
  for (const o of after) if (!beforeKeys.has(key(o))) dates.add(o.date);
  return [...dates].sort();
}
