import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

export class UserAccounts1763900100000 implements MigrationInterface {
  name = 'UserAccounts1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // The rules the API enforces are repeated here so that no script or hand edit can store a bad account.
    await queryRunner.query(`
      CREATE TABLE "${s}".user_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        roles text[] NOT NULL
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['operator', 'supervisor', 'employer', 'admin']::text[]),
        org_unit_code text NOT NULL REFERENCES "${s}".org_units (code),
        employer_id uuid,
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_accounts_username_key UNIQUE (username),
        CONSTRAINT user_accounts_employer_check CHECK (('employer' = ANY (roles)) = (employer_id IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX user_accounts_org_unit_code_idx ON "${s}".user_accounts (org_unit_code)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".user_accounts`);
  }
}
