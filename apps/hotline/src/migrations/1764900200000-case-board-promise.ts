import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The board keeps the promise each case event carries (`active`, `kept`, `late`, `waived`, `not-applicable`),
 * so callers who do not accept any job are shown without a clock. Rows projected before events carried it stay
 * null and are read as a promise that applies (those cases were opened with the clock for everyone). Additive.
 */
export class CaseBoardPromise1764900200000 implements MigrationInterface {
  name = 'CaseBoardPromise1764900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${migrationSchema(queryRunner)}".case_board ADD COLUMN promise text
         CHECK (promise IN ('active', 'kept', 'late', 'waived', 'not-applicable'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "${migrationSchema(queryRunner)}".case_board DROP COLUMN promise`);
  }
}
