import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Indexes for the case lists (GET /cases, newest first, optionally of one person) and the agenda (callbacks and
 * follow-ups due): the board's table keeps every case cycle, ended ones included, so these must not scan it.
 */
export class CaseBoardLookups1764300100000 implements MigrationInterface {
  name = 'CaseBoardLookups1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE INDEX case_board_person_id_idx ON "${s}".case_board (person_id)`);
    await queryRunner.query(`CREATE INDEX case_board_opened_at_idx ON "${s}".case_board (opened_at DESC)`);
    await queryRunner.query(
      `CREATE INDEX case_board_callback_due_idx ON "${s}".case_board (callback_due_at)
       WHERE callback_due_at IS NOT NULL AND callback_done_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX case_board_follow_up_due_idx ON "${s}".case_board (next_follow_up_at)
       WHERE next_follow_up_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const index of [
      'case_board_follow_up_due_idx',
      'case_board_callback_due_idx',
      'case_board_opened_at_idx',
      'case_board_person_id_idx',
    ]) {
      await queryRunner.query(`DROP INDEX "${s}".${index}`);
    }
  }
}
