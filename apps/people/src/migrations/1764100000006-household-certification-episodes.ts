import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Zero-employment household assistance: a station's certification (认定) of a household (when, by whom, a note),
 * what put a household in the status (`detected` by the rule or `certified`), and the latest summary of each
 * assistance episode the hotline runs (`hotline.household-episode.v1`, latest `seq` wins).
 */
export class HouseholdCertificationEpisodes1764100000006 implements MigrationInterface {
  name = 'HouseholdCertificationEpisodes1764100000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${s}".households
        ADD COLUMN certified_at timestamptz,
        ADD COLUMN certified_by text,
        ADD COLUMN certification_note text CHECK (length(certification_note) <= 500),
        ADD COLUMN zero_employment_basis text CHECK (zero_employment_basis IN ('detected', 'certified')),
        ADD CONSTRAINT households_certified_by_check CHECK ((certified_at IS NULL) = (certified_by IS NULL))`);
    // Households already in the status were all found by the rule.
    await queryRunner.query(
      `UPDATE "${s}".households SET zero_employment_basis = 'detected' WHERE zero_employment`,
    );
    await queryRunner.query(`
      ALTER TABLE "${s}".households ADD CONSTRAINT households_basis_when_in_status_check
        CHECK (zero_employment = (zero_employment_basis IS NOT NULL))`);
    await queryRunner.query(
      `CREATE INDEX households_org_path_idx ON "${s}".households (org_path text_pattern_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE "${s}".household_episodes (
        episode_id text PRIMARY KEY,
        household_id uuid NOT NULL,
        episode integer NOT NULL CHECK (episode >= 1),
        seq integer NOT NULL CHECK (seq >= 1),
        status text NOT NULL CHECK (status IN ('open', 'resolved', 'closed')),
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        breached boolean NOT NULL,
        resolution text CHECK (resolution IN ('member-employed', 'no-longer-qualifies', 'closed-by-supervisor')),
        resolved_at timestamptz,
        found_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX household_episodes_household_idx ON "${s}".household_episodes (household_id, episode DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".household_episodes`);
    await queryRunner.query(`DROP INDEX "${s}".households_org_path_idx`);
    // A household in the status only by its certification keeps it until its next re-evaluation, which ends it
    // with an event (clearing it here would end it silently).
    await queryRunner.query(`
      ALTER TABLE "${s}".households
        DROP CONSTRAINT households_basis_when_in_status_check,
        DROP CONSTRAINT households_certified_by_check,
        DROP COLUMN zero_employment_basis,
        DROP COLUMN certification_note,
        DROP COLUMN certified_by,
        DROP COLUMN certified_at`);
  }
}
