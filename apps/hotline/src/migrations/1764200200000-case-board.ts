import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The SLA board read model: the latest snapshot of each case cycle from `hotline.case.v1` (no personal data),
 * with the org path of the case's community so subtree queries are prefix matches. `last_seq` makes the
 * projection order- and duplicate-safe: an event only applies when it is newer than what the row holds.
 */
export class CaseBoard1764200200000 implements MigrationInterface {
  name = 'CaseBoard1764200200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".case_board (
        case_id uuid NOT NULL,
        cycle integer NOT NULL CHECK (cycle >= 1),
        last_seq integer NOT NULL CHECK (last_seq >= 1),
        state text NOT NULL,
        owner text NOT NULL,
        person_id text,
        district_code text NOT NULL,
        street_code text NOT NULL,
        community_code text NOT NULL,
        org_path text NOT NULL,
        categories text[] NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL,
        sla_started_at timestamptz,
        deadline timestamptz,
        due_date date,
        provisional boolean NOT NULL,
        breached boolean NOT NULL,
        promise_waived boolean NOT NULL,
        placed_at timestamptz,
        late_placement boolean NOT NULL,
        escalation_kind text CHECK (escalation_kind IN ('welfare_slot', 'assistance_base')),
        callback_due_at timestamptz,
        callback_done_at timestamptz,
        satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
        next_follow_up_at timestamptz,
        reason text,
        last_event_type text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, cycle)
      )`);
    // Subtree filters (org_path LIKE 'a/b/%') and the KPI period (when each cycle's clock started).
    await queryRunner.query(
      `CREATE INDEX case_board_org_path_idx ON "${s}".case_board (org_path text_pattern_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX case_board_started_idx ON "${s}".case_board ((coalesce(sla_started_at, opened_at)))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".case_board`);
  }
}
