import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The six ledgers (六本台账), the jobs service's one (employer vacancies): a unit's closed month keeps its rows
 * as a snapshot (a trigger refuses any UPDATE or DELETE of a closed month or its rows) and corrections to it are
 * rows of their own (who, when, why, old → new). The same tables as the people service's for its five ledgers.
 */
export class Ledgers1765740000000 implements MigrationInterface {
  name = 'Ledgers1765740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".ledger_closes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_code text NOT NULL,
        unit_path text NOT NULL,
        month text NOT NULL CHECK (month ~ '^20[0-9]{2}-(0[1-9]|1[0-2])$'),
        closed_at timestamptz NOT NULL,
        closed_by text NOT NULL,
        counts jsonb NOT NULL,
        CONSTRAINT ledger_closes_unit_month_key UNIQUE (unit_path, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".ledger_snapshot_rows (
        -- Deferred: the rows are written first, then the close row with their counts (it is never updated).
        close_id uuid NOT NULL REFERENCES "${s}".ledger_closes (id) DEFERRABLE INITIALLY DEFERRED,
        ledger text NOT NULL,
        row_no integer NOT NULL CHECK (row_no > 0),
        row jsonb NOT NULL,
        PRIMARY KEY (close_id, ledger, row_no)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION "${s}".ledger_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'a closed ledger month is not changed: record a correction instead'
          USING ERRCODE = 'restrict_violation';
      END $fn$`);
    for (const table of ['ledger_closes', 'ledger_snapshot_rows'])
      await queryRunner.query(
        `CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON "${s}".${table}
           FOR EACH ROW EXECUTE FUNCTION "${s}".ledger_snapshot_immutable()`,
      );
    await queryRunner.query(`
      CREATE TABLE "${s}".ledger_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        close_id uuid NOT NULL REFERENCES "${s}".ledger_closes (id),
        ledger text NOT NULL,
        row_no integer NOT NULL,
        field text NOT NULL,
        old_value text,
        new_value text,
        reason text NOT NULL CHECK (length(reason) BETWEEN 4 AND 500),
        corrected_by text NOT NULL,
        corrected_at timestamptz NOT NULL,
        FOREIGN KEY (close_id, ledger, row_no) REFERENCES "${s}".ledger_snapshot_rows (close_id, ledger, row_no)
      )`);
    await queryRunner.query(
      `CREATE INDEX ledger_corrections_close_idx ON "${s}".ledger_corrections (close_id, ledger, row_no)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of ['ledger_corrections', 'ledger_snapshot_rows', 'ledger_closes'])
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    await queryRunner.query(`DROP FUNCTION "${s}".ledger_snapshot_immutable()`);
  }
}
