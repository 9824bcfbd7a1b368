import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The six ledgers (六本台账), the people service's five: a unit's closed month keeps its rows as a snapshot
 * (a trigger refuses any UPDATE or DELETE of a closed month or its rows), corrections to a closed month are
 * rows of their own (who, when, why, old → new); and the social-insurance lists the platform does not hold
 * itself (insured persons, retirees) are imported with their source and date. Imported ID numbers are kept
 * only as the mask and the blind index (to find the person here), never in clear or decryptable.
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
    await queryRunner.query(`
      CREATE TABLE "${s}".social_insurance_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('insured', 'retired')),
        unit_path text NOT NULL,
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        as_of date NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        imported_by text NOT NULL,
        imported_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".social_insurance_import_rows (
        import_id uuid NOT NULL REFERENCES "${s}".social_insurance_imports (id),
        row_no integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        id_number_masked text NOT NULL CHECK (id_number_masked ~ '^.{3}\\*{11}.{4}$'),
        id_number_bidx bytea NOT NULL CHECK (length(id_number_bidx) = 32),
        community_code text NOT NULL CHECK (community_code ~ '^\\d{12}$'),
        org_path text NOT NULL,
        insurance_type text,
        -- Insured since (insured lists) or retired on (retiree lists).
        since date NOT NULL,
        person_id uuid REFERENCES "${s}".persons (id),
        PRIMARY KEY (import_id, row_no)
      )`);
    await queryRunner.query(
      `CREATE INDEX social_insurance_import_rows_org_idx ON "${s}".social_insurance_import_rows (org_path text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX social_insurance_imports_latest_idx ON "${s}".social_insurance_imports (kind, unit_path, as_of DESC, imported_at DESC)`,
    );
    // The job-seekers ledger reads a month of service records at once.
    await queryRunner.query(
      `CREATE INDEX service_records_occurred_idx ON "${s}".service_records (occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".service_records_occurred_idx`);
    for (const table of [
      'social_insurance_import_rows',
      'social_insurance_imports',
      'ledger_corrections',
      'ledger_snapshot_rows',
      'ledger_closes',
    ])
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    await queryRunner.query(`DROP FUNCTION "${s}".ledger_snapshot_immutable()`);
  }
}
