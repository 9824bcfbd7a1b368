import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Case events no longer carry the person's assistance categories, and the board never showed them: the copies it
 * projected from older events are cleared, so the board holds no sensitive status in clear.
 */
export class CaseBoardNoCategories1765000000000 implements MigrationInterface {
  name = 'CaseBoardNoCategories1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "${migrationSchema(queryRunner)}".case_board SET categories = '{}' WHERE categories <> '{}'`,
    );
  }

  async down(): Promise<void> {
    // The cleared codes are not kept anywhere on the board; the cases still have them.
  }
}
