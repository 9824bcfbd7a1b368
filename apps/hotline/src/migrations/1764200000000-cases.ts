import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * One row per help request: who opened it, where, and the idempotency key of the opening request. No personal
 * data in clear: the intake waits encrypted until its workflow has started (the workflow input holds it then).
 */
export class Cases1764200000000 implements MigrationInterface {
  name = 'Cases1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".cases (
        id uuid PRIMARY KEY,
        idempotency_key text NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9_.:-]{8,128}$'),
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        opened_by text NOT NULL,
        opened_by_user_id uuid NOT NULL,
        org_path text NOT NULL,
        district_code text NOT NULL,
        street_code text NOT NULL,
        community_code text NOT NULL CHECK (community_code ~ '^[0-9]{12}$'),
        opened_at timestamptz NOT NULL DEFAULT now(),
        intake_encrypted text,
        workflow_started_at timestamptz,
        CONSTRAINT cases_opened_by_idempotency_key_key UNIQUE (opened_by, idempotency_key),
        -- Until the workflow has started, the intake must be kept (the sweeper starts it from here).
        CONSTRAINT cases_intake_until_started_check CHECK (workflow_started_at IS NOT NULL OR intake_encrypted IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX cases_org_path_idx ON "${s}".cases (org_path text_pattern_ops)`);
    // The recovery sweeper scans only the (normally empty) set of cases whose workflow has not started.
    await queryRunner.query(
      `CREATE INDEX cases_unstarted_idx ON "${s}".cases (opened_at) WHERE workflow_started_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".cases`);
  }
}
