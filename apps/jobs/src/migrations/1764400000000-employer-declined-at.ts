import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/** When the employer declined: the decline report counts by it. Earlier declines take their last change. */
export class EmployerDeclinedAt1764400000000 implements MigrationInterface {
  name = 'EmployerDeclinedAt1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".referrals ADD COLUMN employer_declined_at timestamptz`);
    await queryRunner.query(
      `UPDATE "${s}".referrals SET employer_declined_at = updated_at WHERE status = 'employer_declined'`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_employer_declined_idx ON "${s}".referrals (employer_declined_at)
         WHERE employer_declined_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".referrals DROP COLUMN employer_declined_at`);
  }
}
