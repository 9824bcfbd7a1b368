import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * The caller's card of each case, written with the case: what operators work from (name, masked phone, birth
 * date for the age, wishes) encrypted, and keyed HMACs (blind indexes) of the name, phone and ID number so lists
 * can be searched by exact match without decrypting. `person_encrypted` keeps the intake's person only until
 * the people service has registered them, so a refused registration can be corrected and sent again.
 */
export class CaseCallers1765300000000 implements MigrationInterface {
  name = 'CaseCallers1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".case_callers (
        case_id uuid PRIMARY KEY REFERENCES "${s}".cases (id),
        card_encrypted text NOT NULL,
        person_encrypted text,
        name_bidx bytea NOT NULL CHECK (length(name_bidx) = 32),
        phone_bidx bytea NOT NULL CHECK (length(phone_bidx) = 32),
        id_number_bidx bytea NOT NULL CHECK (length(id_number_bidx) = 32)
      )`);
    for (const column of ['name_bidx', 'phone_bidx', 'id_number_bidx']) {
      await queryRunner.query(`CREATE INDEX case_callers_${column}_idx ON "${s}".case_callers (${column})`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".case_callers`);
  }
}
