import { MigrationInterface, QueryRunner } from 'typeorm';
import { ORG_UNIT_CENTROIDS } from '@platform/contracts';
import { migrationSchema } from '@platform/database';

/**
 * Communities (and streets) carry their centroid, so a case is matched from its community and a vacancy is
 * posted by community, without anyone typing coordinates. Both columns or neither; within Chengdu's bounds.
 * The values come from the shared list the jobs service also reads (see org-unit-centroids.ts).
 */
export class OrgUnitCentroids1765100000000 implements MigrationInterface {
  name = 'OrgUnitCentroids1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${s}".org_units
        ADD COLUMN centroid_lat double precision CHECK (centroid_lat BETWEEN 29.9 AND 31.5),
        ADD COLUMN centroid_lng double precision CHECK (centroid_lng BETWEEN 102.9 AND 105),
        ADD CONSTRAINT org_units_centroid_pair_check CHECK ((centroid_lat IS NULL) = (centroid_lng IS NULL))`);
    const entries = Object.entries(ORG_UNIT_CENTROIDS);
    await queryRunner.query(
      `UPDATE "${s}".org_units o SET centroid_lat = c.lat, centroid_lng = c.lng
       FROM unnest($1::text[], $2::float8[], $3::float8[]) AS c(code, lat, lng)
       WHERE o.code = c.code`,
      [entries.map(([code]) => code), entries.map(([, c]) => c.lat), entries.map(([, c]) => c.lng)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "${migrationSchema(queryRunner)}".org_units
         DROP CONSTRAINT org_units_centroid_pair_check, DROP COLUMN centroid_lat, DROP COLUMN centroid_lng`,
    );
  }
}
