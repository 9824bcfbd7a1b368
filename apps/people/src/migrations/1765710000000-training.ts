import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Skills training (职业技能培训) as a service to the registered person: providers and courses run by a unit of the
 * org tree, enrolments of persons (referred → enrolled → completed with pass/certificate, or dropped), dated
 * attendance marks and an audit of every write. `employment_events` keeps each employment change of a person
 * (written with the change itself) so "employed within 6 months after training" can be counted.
 */
export class Training1765710000000 implements MigrationInterface {
  name = 'Training1765710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".training_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        org_path text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX training_providers_org_path_idx ON "${s}".training_providers (org_path text_pattern_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".training_courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES "${s}".training_providers (id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        occupation text NOT NULL CHECK (length(occupation) BETWEEN 1 AND 100),
        level text NOT NULL
          CHECK (level IN ('primary', 'intermediate', 'advanced', 'technician', 'senior-technician')),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        free_for_hardship boolean NOT NULL,
        org_path text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_on >= starts_on)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_courses_org_path_idx ON "${s}".training_courses (org_path text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX training_courses_provider_idx ON "${s}".training_courses (provider_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".training_enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES "${s}".training_courses (id),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        status text NOT NULL CHECK (status IN ('referred', 'enrolled', 'completed', 'dropped')),
        free_place boolean NOT NULL,
        referred_at timestamptz NOT NULL,
        referred_by text NOT NULL,
        enrolled_at timestamptz,
        completed_at timestamptz,
        passed boolean,
        certificate_no text CHECK (length(certificate_no) BETWEEN 1 AND 50),
        dropped_at timestamptz,
        drop_reason text CHECK (length(drop_reason) BETWEEN 1 AND 500),
        service_record_id uuid REFERENCES "${s}".service_records (id),
        updated_at timestamptz NOT NULL,
        CONSTRAINT training_enrolments_person_course_key UNIQUE (course_id, person_id),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
        CHECK ((completed_at IS NULL) = (passed IS NULL)),
        CHECK (certificate_no IS NULL OR passed),
        CHECK ((status = 'dropped') = (dropped_at IS NOT NULL AND drop_reason IS NOT NULL)),
        CHECK (status = 'referred' OR status = 'dropped' OR enrolled_at IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_enrolments_person_idx ON "${s}".training_enrolments (person_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".training_attendance (
        enrolment_id uuid NOT NULL REFERENCES "${s}".training_enrolments (id),
        "on" date NOT NULL,
        present boolean NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (enrolment_id, "on")
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".training_audit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        action text NOT NULL,
        provider_id uuid,
        course_id uuid,
        enrolment_id uuid,
        actor_id text NOT NULL,
        actor_username text NOT NULL,
        actor_roles text[] NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX training_audit_course_idx ON "${s}".training_audit (course_id, at)`,
    );
    // One row per change of a person's employment, written in the same transaction as the change.
    await queryRunner.query(`
      CREATE TABLE "${s}".employment_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES "${s}".persons (id),
        kind text NOT NULL CHECK (kind IN ('employed', 'unemployed')),
        occurred_at timestamptz NOT NULL,
        case_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX employment_events_person_idx ON "${s}".employment_events (person_id, occurred_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'employment_events',
      'training_audit',
      'training_attendance',
      'training_enrolments',
      'training_courses',
      'training_providers',
    ]) {
      await queryRunner.query(`DROP TABLE "${s}".${table}`);
    }
  }
}
