import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { CHENGDU_ORG_UNITS } from './1763900000000-chengdu-org-units.data';

export class OrgUnits1763900000000 implements MigrationInterface {
  name = 'OrgUnits1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${s}".org_units (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}){0,2}$'),
        parent_code text REFERENCES "${s}".org_units (code),
        level text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
        name_zh text NOT NULL CHECK (name_zh <> ''),
        name_en text,
        path text NOT NULL,
        CONSTRAINT org_units_root_check CHECK ((level = 'city') = (parent_code IS NULL)),
        CONSTRAINT org_units_path_check CHECK (path = code OR path LIKE '%/' || code)
      )`);
    // text_pattern_ops so that `path LIKE '510100/510107/%'` (subtree queries) can use the index.
    await queryRunner.query(
      `CREATE UNIQUE INDEX org_units_path_key ON "${s}".org_units (path text_pattern_ops)`,
    );
    await queryRunner.query(`CREATE INDEX org_units_parent_code_idx ON "${s}".org_units (parent_code)`);

    const paths = new Map<string, string>();
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const unit of CHENGDU_ORG_UNITS) {
      const parentPath = unit.parentCode ? paths.get(unit.parentCode) : '';
      if (parentPath === undefined)
        throw new Error(`Org unit ${unit.code} is listed before its parent ${unit.parentCode}`);
      const path = parentPath ? `${parentPath}/${unit.code}` : unit.code;
      paths.set(unit.code, path);
      const at = values.push(unit.code, unit.parentCode, unit.level, unit.nameZh, unit.nameEn, path) - 6;
      rows.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`);
    }
    await queryRunner.query(
      `INSERT INTO "${s}".org_units (code, parent_code, level, name_zh, name_en, path) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${migrationSchema(queryRunner)}".org_units`);
  }
}
