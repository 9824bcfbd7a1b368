import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Personal plans (一人一策): an assistance agreement per assistance target, tied to the person and the case it
 * was agreed on, with its agreed service items, the reviews made at contacts and an append-only audit trail.
 * One active plan per person (a partial unique index); a new agreement supersedes the old, which is kept.
 */
export class PersonalPlans1765730000000 implements MigrationInterface {
  name = 'PersonalPlans1765730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".personal_plans (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        case_id uuid NOT NULL REFERENCES "${s}".cases (id),
        org_path text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'superseded')),
        agreed_on date NOT NULL,
        agreement_method text NOT NULL CHECK (agreement_method IN ('station', 'phone')),
        -- The witness of a signature at the station, masked (王**): the full name is on the signed paper, not
        -- kept here, so the plan holds no name to encrypt.
        witness_masked text,
        goals text NOT NULL,
        target_job text,
        expected_monthly_income_yuan integer CHECK (expected_monthly_income_yuan BETWEEN 0 AND 1000000),
        categories text[] NOT NULL,
        agreed_by text NOT NULL,
        agreed_by_user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        superseded_at timestamptz,
        superseded_by uuid REFERENCES "${s}".personal_plans (id) DEFERRABLE INITIALLY DEFERRED,
        last_reviewed_at timestamptz,
        last_reviewed_by text,
        -- The case's last contact (workflow time) when the plan was agreed or last reviewed: a later contact
        -- means the plan was not reviewed at it.
        contact_seen_at timestamptz,
        CHECK (agreement_method <> 'station' OR witness_masked IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX personal_plans_one_active ON "${s}".personal_plans (person_id) WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX personal_plans_area ON "${s}".personal_plans (org_path text_pattern_ops) WHERE status = 'active'`,
    );
    await queryRunner.query(`CREATE INDEX personal_plans_case ON "${s}".personal_plans (case_id)`);
    await queryRunner.query(`
      CREATE TABLE "${s}".personal_plan_items (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES "${s}".personal_plans (id),
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('job-recommendation', 'training', 'policy-subsidy',
          'public-welfare-post', 'counselling', 'other')),
        description text NOT NULL,
        due_on date NOT NULL,
        responsible text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
        outcome text,
        closed_at timestamptz,
        closed_by text,
        created_at timestamptz NOT NULL,
        created_by text NOT NULL,
        UNIQUE (plan_id, position),
        CHECK (status = 'open' OR (outcome IS NOT NULL AND closed_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX personal_plan_items_due ON "${s}".personal_plan_items (due_on) WHERE status = 'open'`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".personal_plan_reviews (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES "${s}".personal_plans (id),
        reviewed_at timestamptz NOT NULL,
        reviewed_by text NOT NULL,
        note text NOT NULL,
        changes jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX personal_plan_reviews_plan ON "${s}".personal_plan_reviews (plan_id, reviewed_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".personal_plan_audit (
        id bigserial PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES "${s}".personal_plans (id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        actor_user_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('agreed', 'superseded', 'item-added', 'item-closed', 'reviewed')),
        detail jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX personal_plan_audit_plan ON "${s}".personal_plan_audit (plan_id, at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".personal_plan_audit`);
    await queryRunner.query(`DROP TABLE "${s}".personal_plan_reviews`);
    await queryRunner.query(`DROP TABLE "${s}".personal_plan_items`);
    await queryRunner.query(`DROP TABLE "${s}".personal_plans`);
  }
}
