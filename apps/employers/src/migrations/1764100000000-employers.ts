import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Employers, assistance bases with capacity per period, public-welfare slot pools, and the reservations that
 * hold capacity or slots. Counters live on the capacity rows and are changed only by guarded single-row
 * UPDATEs, and CHECKs repeat the invariant so no path can overbook.
 */
export class Employers1764100000000 implements MigrationInterface {
  name = 'Employers1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".employers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uscc text NOT NULL CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        industry text NOT NULL CHECK (length(industry) BETWEEN 1 AND 100),
        district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
        street_code text NOT NULL CHECK (street_code ~ '^[0-9]{9}$' AND left(street_code, 6) = district_code),
        community_code text CHECK (community_code ~ '^[0-9]{12}$' AND left(community_code, 9) = street_code),
        org_path text NOT NULL,
        address_detail text NOT NULL CHECK (length(address_detail) BETWEEN 1 AND 300),
        contacts jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(contacts) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employers_uscc_key UNIQUE (uscc)
      )`);
    await queryRunner.query(
      `CREATE INDEX employers_org_path_idx ON "${s}".employers (org_path text_pattern_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE "${s}".assistance_bases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid NOT NULL REFERENCES "${s}".employers (id),
        designated_from date NOT NULL,
        designated_to date NOT NULL CHECK (designated_to >= designated_from),
        accepted_categories text[] NOT NULL CHECK (cardinality(accepted_categories) > 0),
        designated_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX assistance_bases_employer_idx ON "${s}".assistance_bases (employer_id)`,
    );
    // One row per base and period (YYYY-MM): the declared capacity and how much of it is held or used.
    await queryRunner.query(`
      CREATE TABLE "${s}".assistance_base_capacity (
        base_id uuid NOT NULL REFERENCES "${s}".assistance_bases (id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        capacity integer NOT NULL CHECK (capacity >= 0),
        taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
        PRIMARY KEY (base_id, period)
      )`);

    await queryRunner.query(`
      CREATE TABLE "${s}".welfare_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        district_code text NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
        post_type text NOT NULL CHECK (length(post_type) BETWEEN 1 AND 100),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        funded_slots integer NOT NULL CHECK (funded_slots >= 0),
        priority_reserve integer NOT NULL DEFAULT 0 CHECK (priority_reserve >= 0 AND priority_reserve <= funded_slots),
        taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= funded_slots),
        employer_id uuid REFERENCES "${s}".employers (id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT welfare_pools_key UNIQUE (district_code, post_type, period)
      )`);

    // A reservation holds one unit of an assistance base's capacity or one welfare slot until it is confirmed,
    // released, or it expires.
    await queryRunner.query(`
      CREATE TABLE "${s}".reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('assistance_base', 'welfare_slot')),
        base_id uuid REFERENCES "${s}".assistance_bases (id),
        period text,
        pool_id uuid REFERENCES "${s}".welfare_pools (id),
        case_id text NOT NULL CHECK (length(case_id) BETWEEN 1 AND 100),
        person_id text NOT NULL CHECK (length(person_id) BETWEEN 1 AND 100),
        categories text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'confirmed', 'released', 'expired')),
        expires_at timestamptz NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'assistance_base') = (base_id IS NOT NULL AND period IS NOT NULL AND pool_id IS NULL)),
        CHECK ((kind = 'welfare_slot') = (pool_id IS NOT NULL AND base_id IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX reservations_held_expiry_idx ON "${s}".reservations (expires_at) WHERE status = 'held'`,
    );
    // One live reservation per case and target: a retried activity finds its own reservation instead of a second.
    await queryRunner.query(`
      CREATE UNIQUE INDEX reservations_live_case_key ON "${s}".reservations
        (case_id, kind, coalesce(base_id, pool_id)) WHERE status IN ('held', 'confirmed')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'reservations',
      'welfare_pools',
      'assistance_base_capacity',
      'assistance_bases',
      'employers',
    ])
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
  }
}
