import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * A service record counts toward "3+1" only once the person confirmed it. Adds the third way to confirm, a paper
 * signature at the service station (`station`, with who witnessed it, encrypted: a name), who took each
 * confirmation, the audit of every code sent, refused and confirmation made, and the person's employment as
 * set by a case placement (so a reopened case sets back only what a placement set).
 */
export class ServiceRecordConfirmation1764100000005 implements MigrationInterface {
  name = 'ServiceRecordConfirmation1764100000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${s}".service_records DROP CONSTRAINT service_records_confirmation_method_check`,
    );
    await queryRunner.query(`
      ALTER TABLE "${s}".service_records
        ADD CONSTRAINT service_records_confirmation_method_check
          CHECK (confirmation_method IN ('otp', 'signature', 'station')),
        ADD COLUMN confirmed_by text,
        ADD COLUMN witness_enc text CHECK (witness_enc ~ '^[A-Za-z0-9_-]+:'),
        ADD CONSTRAINT service_records_station_witness_check
          CHECK ((confirmation_method = 'station') = (witness_enc IS NOT NULL))`);
    await queryRunner.query(`
      CREATE TABLE "${s}".confirmation_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        record_id uuid REFERENCES "${s}".service_records (id),
        code_id uuid REFERENCES "${s}".confirmation_codes (id),
        action text NOT NULL CHECK (action IN ('code-sent', 'code-refused', 'confirmed')),
        method text CHECK (method IN ('otp', 'signature', 'station')),
        actor_id text NOT NULL,
        actor_username text NOT NULL,
        actor_roles text[] NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX confirmation_audit_person_idx ON "${s}".confirmation_audit (person_id, at)`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".persons ADD COLUMN employed_by_case uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".persons DROP COLUMN employed_by_case`);
    await queryRunner.query(`DROP TABLE "${s}".confirmation_audit`);
    // Station confirmations cannot be kept in the old form: those records go back to unconfirmed.
    await queryRunner.query(
      `UPDATE "${s}".service_records SET confirmation_method = NULL, confirmed_at = NULL, witness_enc = NULL
       WHERE confirmation_method = 'station'`,
    );
    await queryRunner.query(`
      ALTER TABLE "${s}".service_records
        DROP CONSTRAINT service_records_station_witness_check,
        DROP COLUMN witness_enc,
        DROP COLUMN confirmed_by,
        DROP CONSTRAINT service_records_confirmation_method_check,
        ADD CONSTRAINT service_records_confirmation_method_check
          CHECK (confirmation_method IN ('otp', 'signature'))`);
  }
}
