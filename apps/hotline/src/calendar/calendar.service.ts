import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
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

/** What a save left in force: `changed` is false when it matched the stored year and wrote nothing. */
export interface YearSaved {
  changed: boolean;
  version: number;
  changedBy: string;
  changedAt: Date;
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

  /**
   * The calendar of every loaded year; rebuilt only when another version was written (by any replica). Inside a
   * transaction pass its manager: a second connection taken from the pool there deadlocks a busy service.
   */
  async current(manager: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    const [{ version }] = await manager.query(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${this.table('calendar_changes')}`,
    );
    const cached = this.cached;
    if (cached && cached.version === version) return cached.calendar;
    const rows = await manager.find(CalendarYearRow, { order: { year: 'ASC' } });
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

  /**
   * Loads or replaces one year (already validated) as a new calendar version. A save identical to the year in
   * force (same source, same days, same names) writes nothing and announces nothing: re-sending the same
   * arrangement must not re-time every open case.
   */
  async replaceYear(change: YearChange): Promise<YearSaved> {
    const schema = this.schema();
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent loads so versions are gap-free and each change records what it replaced.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar:${schema}`]);
      const previous = await manager.findOneBy(CalendarYearRow, { year: change.year.year });
      if (previous && sameYear(previous, change.year)) {
        // calendar_years.version references its change row, so it is there.
        const inForce = await manager.findOneByOrFail(CalendarChangeRow, { version: previous.version });
        return {
          changed: false,
          version: inForce.version,
          changedBy: inForce.changedBy,
          changedAt: inForce.changedAt,
        };
      }
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
      return { changed: true, version: next, changedBy: record.changedBy, changedAt: record.changedAt };
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

/** The same arrangement: source, and every day with its kind and name, in any order. */
function sameYear(stored: CalendarYearRow, loaded: CalendarYear): boolean {
  const days = (overrides: CalendarYear['overrides']) =>
    JSON.stringify(
      overrides
        .map((o) => [o.date, o.kind, o.name ?? null])
        .sort((a, b) => String(a).localeCompare(String(b))),
    );
  return stored.source === loaded.source && days(stored.overrides) === days(loaded.overrides);
}
