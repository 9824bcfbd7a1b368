import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/** Sessions with rotating refresh tokens, disabled accounts, and the login throttle shared by all replicas. */
export class SessionsAndLoginThrottle1764800000000 implements MigrationInterface {
  name = 'SessionsAndLoginThrottle1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".user_accounts ADD COLUMN disabled_at timestamptz`);
    // One row per login; its access tokens carry the id as `sid`. A revoked session is announced on
    // hotline.session.v1 so that every service refuses its access tokens.
    await queryRunner.query(`
      CREATE TABLE "${s}".sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES "${s}".user_accounts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('logout', 'refresh-token-reuse', 'account-disabled')),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_open_by_user_idx ON "${s}".sessions (user_id) WHERE revoked_at IS NULL`,
    );
    // Only the SHA-256 of each refresh token (a 256-bit random value, so a fast hash suffices). A used token
    // is kept: presenting it again means it was copied, and the session is revoked.
    await queryRunner.query(`
      CREATE TABLE "${s}".refresh_tokens (
        token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
        session_id uuid NOT NULL REFERENCES "${s}".sessions (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_session_id_idx ON "${s}".refresh_tokens (session_id)`,
    );
    // Login attempts per client address (hashed: no addresses at rest) in fixed one-minute windows.
    await queryRunner.query(`
      CREATE TABLE "${s}".login_throttle (
        client_key bytea PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".login_throttle`);
    await queryRunner.query(`DROP TABLE "${s}".refresh_tokens`);
    await queryRunner.query(`DROP TABLE "${s}".sessions`);
    await queryRunner.query(`ALTER TABLE "${s}".user_accounts DROP COLUMN disabled_at`);
  }
}
