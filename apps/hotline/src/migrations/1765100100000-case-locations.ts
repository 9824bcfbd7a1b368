import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Where an operator says a case's person can work from: an append-only log (the latest row per case is in
 * force), so it is also the audit trail of who set or corrected it and when. The address is personal data:
 * PiiCipher-encrypted, bound to its row. Kept in the hotline's own tables, beside the case workflow.
 */
export class CaseLocations1765100100000 implements MigrationInterface {
  name = 'CaseLocations1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".case_location_changes (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "${s}".cases (id),
        community_code text NOT NULL REFERENCES "${s}".org_units (code),
        address_encrypted text,
        changed_by text NOT NULL,
        changed_by_user_id uuid NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX case_location_changes_case_idx ON "${s}".case_location_changes (case_id, changed_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".case_location_changes`);
  }
}
