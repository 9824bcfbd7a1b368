import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Roving job fairs (巡回招聘) and the Assistance Month (就业援助月): a fair held by a unit of the org tree, the
 * vacancies its employers bring (names as staff picked them from the jobs service's open vacancies), and the
 * applications taken on site. An application is stored before anything else happens, and carries its own
 * progress (opening the case, waiting for the registration, proposed), so a crash leaves it to be picked up
 * again by the job-fair sweeper; the applicant's name and masked phone are encrypted (bound to the row).
 */
export class JobFairs1765720000000 implements MigrationInterface {
  name = 'JobFairs1765720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".job_fairs (
        id uuid PRIMARY KEY,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        held_on date NOT NULL,
        unit_code text NOT NULL REFERENCES "${s}".org_units (code),
        org_path text NOT NULL,
        venue text NOT NULL CHECK (length(venue) BETWEEN 1 AND 200),
        assistance_month boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        visitors integer CHECK (visitors BETWEEN 0 AND 1000000),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by text,
        updated_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX job_fairs_area ON "${s}".job_fairs (org_path text_pattern_ops, held_on)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".job_fair_vacancies (
        fair_id uuid NOT NULL REFERENCES "${s}".job_fairs (id) ON DELETE CASCADE,
        vacancy_id uuid NOT NULL,
        vacancy_title text NOT NULL,
        employer_id uuid NOT NULL,
        employer_name text NOT NULL,
        PRIMARY KEY (fair_id, vacancy_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE "${s}".job_fair_applications (
        id uuid PRIMARY KEY,
        fair_id uuid NOT NULL REFERENCES "${s}".job_fairs (id),
        request_id uuid NOT NULL,
        vacancy_id uuid NOT NULL,
        case_id uuid,
        opened_case boolean NOT NULL,
        intake_encrypted text,
        applicant_encrypted text NOT NULL,
        hardship boolean,
        status text NOT NULL
          CHECK (status IN ('opening-case', 'awaiting-registration', 'proposed', 'refused')),
        refusal text,
        referral_id text,
        referral_status text,
        placed_at timestamptz,
        taken_by text NOT NULL,
        taken_by_user_id uuid NOT NULL,
        taken_by_roles text[] NOT NULL,
        taken_by_org_path text NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now(),
        proposed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (fair_id, request_id),
        CHECK (case_id IS NOT NULL OR intake_encrypted IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX job_fair_applications_case ON "${s}".job_fair_applications (case_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX job_fair_applications_pending ON "${s}".job_fair_applications (next_attempt_at)
        WHERE status IN ('opening-case', 'awaiting-registration')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".job_fair_applications`);
    await queryRunner.query(`DROP TABLE "${s}".job_fair_vacancies`);
    await queryRunner.query(`DROP TABLE "${s}".job_fairs`);
  }
}
