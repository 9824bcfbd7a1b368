import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/** Employer declines carry a reason code (reports count them); earlier declines keep only their text. */
export class EmployerDeclineReasonCodes1764300000000 implements MigrationInterface {
  name = 'EmployerDeclineReasonCodes1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${s}".referrals ADD COLUMN employer_reason_code text
        CHECK (employer_reason_code IN ('skills_mismatch', 'position_filled', 'schedule_mismatch',
          'physical_mismatch', 'unreachable', 'other'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".referrals DROP COLUMN employer_reason_code`);
  }
}
