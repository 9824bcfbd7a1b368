import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * A version on each employer record, grown by one with each staff correction and carried by the
 * `employers.employer.v1` events: consumers (the jobs service's employer names) apply an event only over an older
 * version, so a late event never brings back an old name.
 */
export class EmployerVersion1764720000000 implements MigrationInterface {
  name = 'EmployerVersion1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${s}".employers ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".employers DROP COLUMN version`);
  }
}
