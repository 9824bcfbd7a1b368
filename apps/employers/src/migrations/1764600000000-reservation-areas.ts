import { MigrationInterface, QueryRunner } from 'typeorm';
import { CITY_CODE, orgPathOfCode } from '@platform/auth';
import { migrationSchema } from '@platform/database';

/**
 * The area each pool and each hold belongs to, so staff reads and writes can filter on it in SQL
 * (`org_path = $path OR org_path LIKE $path/%`). A pool belongs to its district (the city root for a city-wide
 * pool); a hold to its case's area. Holds written before the case's area was recorded take the area of what they
 * hold (the pool's district, the base employer's district), else the city root, so only city-level staff see
 * them. A hold no longer keeps the person's assistance categories: they decided which slot the person could
 * take and are the people service's personal data (disability, 低保), not something to store twice in plain text.
 */
export class ReservationAreas1764600000000 implements MigrationInterface {
  name = 'ReservationAreas1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // Org paths follow from the codes by the one rule in libs/auth, applied per distinct district.
    const pathOf = async (codes: Array<{ code: string }>, update: string) => {
      for (const { code } of codes) await queryRunner.query(update, [orgPathOfCode(code), code]);
    };

    await queryRunner.query(`ALTER TABLE "${s}".welfare_pools ADD COLUMN org_path text`);
    await pathOf(
      await queryRunner.query(`SELECT DISTINCT district_code AS code FROM "${s}".welfare_pools`),
      `UPDATE "${s}".welfare_pools SET org_path = $1 WHERE district_code = $2`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".welfare_pools ALTER COLUMN org_path SET NOT NULL`);
    // text_pattern_ops: the subtree filter is a prefix LIKE.
    await queryRunner.query(
      `CREATE INDEX welfare_pools_org_path_idx ON "${s}".welfare_pools (org_path text_pattern_ops)`,
    );

    await queryRunner.query(`ALTER TABLE "${s}".reservations ADD COLUMN org_path text`);
    await queryRunner.query(
      `UPDATE "${s}".reservations r SET org_path = p.org_path FROM "${s}".welfare_pools p WHERE p.id = r.pool_id`,
    );
    await pathOf(
      await queryRunner.query(
        `SELECT DISTINCT e.district_code AS code FROM "${s}".reservations r
           JOIN "${s}".assistance_bases b ON b.id = r.base_id JOIN "${s}".employers e ON e.id = b.employer_id`,
      ),
      `UPDATE "${s}".reservations r SET org_path = $1 FROM "${s}".assistance_bases b, "${s}".employers e
        WHERE b.id = r.base_id AND e.id = b.employer_id AND e.district_code = $2 AND r.org_path IS NULL`,
    );
    await queryRunner.query(`UPDATE "${s}".reservations SET org_path = $1 WHERE org_path IS NULL`, [
      CITY_CODE,
    ]);
    await queryRunner.query(`ALTER TABLE "${s}".reservations ALTER COLUMN org_path SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX reservations_org_path_idx ON "${s}".reservations (org_path text_pattern_ops)`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".reservations DROP COLUMN categories`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "${s}".reservations ADD COLUMN categories text[] NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "${s}".reservations DROP COLUMN org_path`);
    await queryRunner.query(`ALTER TABLE "${s}".welfare_pools DROP COLUMN org_path`);
  }
}
