import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The zero-employment household clocks as data, like the case policy: one current row (read by every episode
 * when it starts) and an append-only change log that is both the version history and the audit trail (who,
 * when, what, why). Seeded with the contract's DEFAULT_HOUSEHOLD_POLICY (copied here: a migration never changes
 * with the code). The ranges are CHECKs; the order of the follow-up months is checked by the service.
 */
export class HouseholdPolicy1765600000000 implements MigrationInterface {
  name = 'HouseholdPolicy1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".household_policy_changes (
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
      CREATE TABLE "${s}".household_policy (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        version text NOT NULL REFERENCES "${s}".household_policy_changes (version),
        one_employed_within_days integer NOT NULL CHECK (one_employed_within_days BETWEEN 1 AND 60),
        double_employment_within_months integer NOT NULL
          CHECK (double_employment_within_months BETWEEN 1 AND 6),
        warn_days_before integer NOT NULL
          CHECK (warn_days_before >= 0 AND warn_days_before < one_employed_within_days),
        follow_up_months integer[] NOT NULL CHECK (
          cardinality(follow_up_months) BETWEEN 1 AND 6
          AND array_position(follow_up_months, NULL) IS NULL
          AND 1 <= ALL (follow_up_months) AND 24 >= ALL (follow_up_months)
        ),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const defaults = {
      version: 'household-2026-1',
      oneEmployedWithinDays: 20,
      doubleEmploymentWithinMonths: 1,
      warnDaysBefore: 5,
      followUpMonths: [1, 3, 6],
    };
    await queryRunner.query(
      `INSERT INTO "${s}".household_policy_changes (number, version, policy, reason, changed_by)
       VALUES (1, $1, $2, 'initial policy: one member in work within 20 days, double employment within a month, warned 5 days before, followed up at 1, 3 and 6 months', 'system')`,
      [defaults.version, JSON.stringify(defaults)],
    );
    await queryRunner.query(
      `INSERT INTO "${s}".household_policy (version, one_employed_within_days, double_employment_within_months,
         warn_days_before, follow_up_months, updated_by)
       VALUES ($1, $2, $3, $4, $5, 'system')`,
      [
        defaults.version,
        defaults.oneEmployedWithinDays,
        defaults.doubleEmploymentWithinMonths,
        defaults.warnDaysBefore,
        defaults.followUpMonths,
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".household_policy`);
    await queryRunner.query(`DROP TABLE "${s}".household_policy_changes`);
  }
}
