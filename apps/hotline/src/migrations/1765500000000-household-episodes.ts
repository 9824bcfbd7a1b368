import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Zero-employment household episodes as the hotline sees them: one row per episode (its workflow's latest view,
 * without the tracking card, which the workflow holds), and the household's members the episode is about. The
 * row is inserted when the episode is started (so a second start finds it; its clock is still empty) and
 * updated from the workflow's `recordHouseholdEpisode` local activity (latest `seq` wins).
 */
export class HouseholdEpisodes1765500000000 implements MigrationInterface {
  name = 'HouseholdEpisodes1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `CREATE TABLE "${s}".household_episodes (
         episode_id text PRIMARY KEY,
         household_id uuid NOT NULL,
         episode integer NOT NULL,
         seq integer NOT NULL DEFAULT 0,
         status text NOT NULL,
         basis text NOT NULL,
         org_path text NOT NULL,
         district_code text NOT NULL,
         street_code text NOT NULL,
         community_code text NOT NULL,
         found_at timestamptz NOT NULL,
         due_date date,
         due_at timestamptz,
         warn_at timestamptz,
         warned boolean NOT NULL DEFAULT false,
         breached boolean NOT NULL DEFAULT false,
         met_at timestamptz,
         double_requested_at timestamptz,
         double_due_at timestamptz,
         double_met_at timestamptz,
         double_breached boolean NOT NULL DEFAULT false,
         resolution text,
         resolved_at timestamptz,
         employed_members integer NOT NULL DEFAULT 0,
         helper text,
         community_staff text,
         street_staff text,
         reopen_count integer NOT NULL DEFAULT 0,
         follow_ups_done integer NOT NULL DEFAULT 0,
         follow_ups_total integer NOT NULL DEFAULT 0,
         next_follow_up_at timestamptz,
         stable boolean,
         updated_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (household_id, episode)
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX household_episodes_board ON "${s}".household_episodes (org_path text_pattern_ops, status, due_at)`,
    );
    await queryRunner.query(
      `CREATE TABLE "${s}".household_episode_members (
         episode_id text NOT NULL REFERENCES "${s}".household_episodes (episode_id),
         person_id uuid NOT NULL,
         case_id uuid,
         PRIMARY KEY (episode_id, person_id)
       )`,
    );
    await queryRunner.query(
      `CREATE INDEX household_episode_members_person ON "${s}".household_episode_members (person_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".household_episode_members`);
    await queryRunner.query(`DROP TABLE "${s}".household_episodes`);
  }
}
