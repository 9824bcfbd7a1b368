import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Persons, households, assistance categories, service records and the unmask audit. Person rows never hold
 * a plaintext ID number or phone: only AES-GCM ciphertext (`keyId:iv:tag:ct`), an HMAC blind index and the
 * mask shown in responses.
 */
export class People1764100000000 implements MigrationInterface {
  name = 'People1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".households (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_path text NOT NULL,
        hukou_type text NOT NULL CHECK (hukou_type IN ('urban', 'rural')),
        has_business_income boolean NOT NULL DEFAULT false,
        low_income boolean NOT NULL DEFAULT false,
        zero_employment boolean NOT NULL DEFAULT false,
        zero_employment_since timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (zero_employment = (zero_employment_since IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".persons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        id_number_enc text NOT NULL CHECK (id_number_enc ~ '^[A-Za-z0-9_-]+:'),
        id_number_bidx bytea NOT NULL CHECK (length(id_number_bidx) = 32),
        id_number_masked text NOT NULL CHECK (id_number_masked ~ '^.{3}\\*{11}.{4}$'),
        phone_enc text NOT NULL CHECK (phone_enc ~ '^[A-Za-z0-9_-]+:'),
        phone_bidx bytea NOT NULL CHECK (length(phone_bidx) = 32),
        phone_masked text NOT NULL CHECK (phone_masked ~ '^1\\d{2}\\*{4}\\d{4}$'),
        gender text NOT NULL CHECK (gender IN ('male', 'female')),
        birth_date date NOT NULL,
        hukou_type text NOT NULL CHECK (hukou_type IN ('urban', 'rural')),
        hukou_place text NOT NULL,
        residence_address text,
        community_code text NOT NULL CHECK (community_code ~ '^\\d{12}$'),
        org_path text NOT NULL,
        education text,
        skills jsonb NOT NULL DEFAULT '{"codes":[],"text":null}',
        work_history jsonb NOT NULL DEFAULT '[]',
        disability_certificate_no text,
        available_hours text,
        max_distance_km integer CHECK (max_distance_km > 0),
        unemployment_registered_on date,
        unemployment_status text NOT NULL DEFAULT 'registered'
          CHECK (unemployment_status IN ('registered', 'employed', 'deregistered')),
        circumstances jsonb NOT NULL DEFAULT '{}',
        household_id uuid REFERENCES "${s}".households (id),
        household_relation text,
        categories_evaluated_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT persons_id_number_bidx_key UNIQUE (id_number_bidx),
        CHECK ((household_id IS NULL) = (household_relation IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX persons_phone_bidx_idx ON "${s}".persons (phone_bidx)`);
    await queryRunner.query(
      `CREATE INDEX persons_org_path_idx ON "${s}".persons (org_path text_pattern_ops)`,
    );
    await queryRunner.query(`CREATE INDEX persons_community_idx ON "${s}".persons (community_code)`);
    await queryRunner.query(`CREATE INDEX persons_household_idx ON "${s}".persons (household_id)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".assistance_categories (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,63}$'),
        name_zh text NOT NULL,
        name_en text NOT NULL,
        rule jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        note text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".person_categories (
        person_id uuid NOT NULL REFERENCES "${s}".persons (id) ON DELETE CASCADE,
        category_code text NOT NULL REFERENCES "${s}".assistance_categories (code),
        reasons jsonb NOT NULL,
        evaluated_at timestamptz NOT NULL,
        PRIMARY KEY (person_id, category_code)
      )`);
    await queryRunner.query(
      `CREATE INDEX person_categories_code_idx ON "${s}".person_categories (category_code)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".service_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        kind text NOT NULL CHECK (kind IN ('registration', 'job-referral', 'training-referral', 'callback', 'follow-up', 'visit')),
        staff_id text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('phone', 'in-person', 'online', 'sms', 'home-visit')),
        occurred_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (length(outcome) BETWEEN 1 AND 2000),
        confirmation_method text CHECK (confirmation_method IN ('otp', 'signature')),
        signature_image bytea,
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((confirmation_method IS NULL) = (confirmed_at IS NULL)),
        CHECK ((confirmation_method = 'signature') = (signature_image IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX service_records_person_idx ON "${s}".service_records (person_id, kind, occurred_at)`,
    );
    // One-time codes sent to the person's phone to confirm a contact; only the hash is kept.
    await queryRunner.query(`
      CREATE TABLE "${s}".confirmation_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        code_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        attempts integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".pii_access_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        actor_id text NOT NULL,
        actor_username text NOT NULL,
        actor_roles text[] NOT NULL,
        fields text[] NOT NULL CHECK (cardinality(fields) > 0),
        reason text NOT NULL CHECK (length(reason) >= 4),
        channel text NOT NULL CHECK (channel IN ('http', 'activity')),
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX pii_access_audit_person_idx ON "${s}".pii_access_audit (person_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'pii_access_audit',
      'confirmation_codes',
      'service_records',
      'person_categories',
      'assistance_categories',
      'persons',
      'households',
    ]) {
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    }
  }
}
