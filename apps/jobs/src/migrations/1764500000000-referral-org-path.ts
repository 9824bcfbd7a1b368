import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The case's area on each referral: staff reads filter on it (their unit and below). Referrals made before it was
 * recorded belong to the city root, so only city-level staff see them.
 */
export class ReferralOrgPath1764500000000 implements MigrationInterface {
  name = 'ReferralOrgPath1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${s}".referrals ADD COLUMN org_path text NOT NULL DEFAULT '510100'`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".referrals ALTER COLUMN org_path DROP DEFAULT`);
    // text_pattern_ops: the subtree filter is a prefix LIKE.
    await queryRunner.query(
      `CREATE INDEX referrals_org_path_idx ON "${s}".referrals (org_path text_pattern_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".referrals DROP COLUMN org_path`);
  }
}
