import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Employer names as the employers service announces them (`employers.employer.v1`): jobs does not own employers,
 * it keeps their names so referrals and the case's timeline can say who the employer is. `version` is the
 * employer record's (1 for events that carry none): an older event never overwrites a newer name.
 */
export class EmployerNames1764700000000 implements MigrationInterface {
  name = 'EmployerNames1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".employer_names (
        employer_id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        version integer NOT NULL CHECK (version > 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".employer_names`);
  }
}
