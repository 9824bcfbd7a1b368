import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * How far a calendar change's signals to open cases have gone, one row per calendar event: the fan-out commits
 * it after each page of cases, so a redelivered event resumes after the last page instead of starting over.
 */
export class CalendarSignalProgress1766000100000 implements MigrationInterface {
  name = 'CalendarSignalProgress1766000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".calendar_signal_progress (
        event_id uuid PRIMARY KEY,
        calendar_version text NOT NULL,
        last_case_id uuid,
        signalled integer NOT NULL DEFAULT 0,
        pages integer NOT NULL DEFAULT 0,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".calendar_signal_progress`);
  }
}
