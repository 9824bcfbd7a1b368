import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * What the board needs to say why a case is at risk, beyond the snapshot each event carries: when the latest
 * referral was proposed, when jobs last reported news of a referral (an employer's answer, an expiry), when the
 * person last declined, when an escalation last failed and when registration failed. The projector sets them
 * from the event's type and time; rows projected before stay null (no reason is made up for them). Additive.
 */
export class CaseBoardRiskFacts1765400000000 implements MigrationInterface {
  name = 'CaseBoardRiskFacts1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${migrationSchema(queryRunner)}".case_board
         ADD COLUMN referral_proposed_at timestamptz,
         ADD COLUMN referral_answered_at timestamptz,
         ADD COLUMN person_declined_at timestamptz,
         ADD COLUMN escalation_failed_at timestamptz,
         ADD COLUMN registration_failed_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${migrationSchema(queryRunner)}".case_board
         DROP COLUMN referral_proposed_at, DROP COLUMN referral_answered_at, DROP COLUMN person_declined_at,
         DROP COLUMN escalation_failed_at, DROP COLUMN registration_failed_at`,
    );
  }
}
