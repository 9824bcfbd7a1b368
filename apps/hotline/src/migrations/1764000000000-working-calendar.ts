import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { OFFICIAL_CALENDAR_2020_2026 } from './1764000000000-working-calendar.data';

/**
 * The working-day calendar: one row per loaded year (the current arrangement) and an append-only change
 * log that is both the version history and the audit trail (who, when, what, why).
 */
export class WorkingCalendar1764000000000 implements MigrationInterface {
  name = 'WorkingCalendar1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".calendar_changes (
        version integer PRIMARY KEY,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        source text NOT NULL,
        overrides jsonb NOT NULL,
        previous_overrides jsonb,
        format text NOT NULL CHECK (format IN ('seed', 'json', 'ics')),
        reason text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        source text NOT NULL,
        overrides jsonb NOT NULL,
        version integer NOT NULL REFERENCES "${s}".calendar_changes (version),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One coverage warning per missing year and day, whichever replica notices first.
    await queryRunner.query(`
      CREATE TABLE "${s}".calendar_coverage_warnings (
        year integer NOT NULL,
        warned_on date NOT NULL,
        PRIMARY KEY (year, warned_on)
      )`);
    let version = 0;
    for (const entry of OFFICIAL_CALENDAR_2020_2026) {
      version += 1;
      await queryRunner.query(
        `INSERT INTO "${s}".calendar_changes (version, year, source, overrides, format, reason, changed_by)
         VALUES ($1, $2, $3, $4, 'seed', 'initial load from the published State Council arrangements', 'system')`,
        [version, entry.year, entry.source, JSON.stringify(entry.overrides)],
      );
      await queryRunner.query(
        `INSERT INTO "${s}".calendar_years (year, source, overrides, version) VALUES ($1, $2, $3, $4)`,
        [entry.year, entry.source, JSON.stringify(entry.overrides), version],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".calendar_coverage_warnings`);
    await queryRunner.query(`DROP TABLE "${s}".calendar_years`);
    await queryRunner.query(`DROP TABLE "${s}".calendar_changes`);
  }
}
