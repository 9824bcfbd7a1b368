import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * A call can be keyed in after it was received (taken on paper during an outage): `opened_at` is when the call
 * was received and starts the SLA clock; `recorded_at` is when the case was keyed in. Existing rows were keyed
 * in as the call came in, so their `recorded_at` is their `opened_at`. The recovery sweeper waits on the keyed-in
 * time (a late-keyed call is not "old" to it), so its partial index moves to `recorded_at`.
 */
export class CaseRecordedAt1764300000000 implements MigrationInterface {
  name = 'CaseRecordedAt1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".cases ADD COLUMN recorded_at timestamptz`);
    await queryRunner.query(`UPDATE "${s}".cases SET recorded_at = opened_at`);
    await queryRunner.query(
      `ALTER TABLE "${s}".cases ALTER COLUMN recorded_at SET DEFAULT now(), ALTER COLUMN recorded_at SET NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "${s}".cases_unstarted_idx`);
    await queryRunner.query(
      `CREATE INDEX cases_unstarted_idx ON "${s}".cases (recorded_at) WHERE workflow_started_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX "${s}".cases_unstarted_idx`);
    await queryRunner.query(`ALTER TABLE "${s}".cases DROP COLUMN recorded_at`);
    await queryRunner.query(
      `CREATE INDEX cases_unstarted_idx ON "${s}".cases (opened_at) WHERE workflow_started_at IS NULL`,
    );
  }
}
