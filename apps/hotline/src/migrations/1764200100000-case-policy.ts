import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The case policy as data: one current row (read by every case at intake) and an append-only change log that
 * is both the version history and the audit trail (who, when, what, why), like the working calendar's.
 */
export class CasePolicy1764200100000 implements MigrationInterface {
  name = 'CasePolicy1764200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".case_policy_changes (
        number integer PRIMARY KEY CHECK (number >= 1),
        version text NOT NULL UNIQUE,
        policy jsonb NOT NULL,
        previous_policy jsonb,
        reason text NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A single row (id = 1): the policy in force.
    await queryRunner.query(`
      CREATE TABLE "${s}".case_policy (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version text NOT NULL REFERENCES "${s}".case_policy_changes (version),
        valid_reason_codes text[] NOT NULL
          CHECK (cardinality(valid_reason_codes) BETWEEN 1 AND 20),
        max_unjustified_refusals integer NOT NULL CHECK (max_unjustified_refusals BETWEEN 1 AND 10),
        callback_after_working_days integer NOT NULL CHECK (callback_after_working_days BETWEEN 1 AND 10),
        follow_up_months integer[] NOT NULL CHECK (cardinality(follow_up_months) BETWEEN 1 AND 6),
        promise_working_days integer NOT NULL CHECK (promise_working_days BETWEEN 1 AND 10),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const defaults = {
      refusal: {
        version: 'policy-1',
        validReasonCodes: [
          'health',
          'distance',
          'wage-below-minimum',
          'hours-conflict',
          'unsafe-conditions',
          'caring-duties',
          'discrimination',
        ],
        maxUnjustifiedRefusals: 2,
      },
      callbackAfterWorkingDays: 1,
      followUpMonths: [1, 3, 6],
      promiseWorkingDays: 2,
    };
    await queryRunner.query(
      `INSERT INTO "${s}".case_policy_changes (number, version, policy, reason, changed_by)
       VALUES (1, 'policy-1', $1, 'initial policy: 2 working days, refusals and follow-ups as in DOMAIN.md', 'system')`,
      [JSON.stringify(defaults)],
    );
    await queryRunner.query(
      `INSERT INTO "${s}".case_policy (version, valid_reason_codes, max_unjustified_refusals,
         callback_after_working_days, follow_up_months, promise_working_days, updated_by)
       VALUES ('policy-1', $1, $2, $3, $4, $5, 'system')`,
      [
        defaults.refusal.validReasonCodes,
        defaults.refusal.maxUnjustifiedRefusals,
        defaults.callbackAfterWorkingDays,
        defaults.followUpMonths,
        defaults.promiseWorkingDays,
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".case_policy`);
    await queryRunner.query(`DROP TABLE "${s}".case_policy_changes`);
  }
}
