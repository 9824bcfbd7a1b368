import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';
import { SEED_CATEGORIES } from './seed-categories.data';

export class AssistanceCategoriesSeed1764100000001 implements MigrationInterface {
  name = 'AssistanceCategoriesSeed1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const [index, category] of SEED_CATEGORIES.entries()) {
      await queryRunner.query(
        `INSERT INTO "${s}".assistance_categories (code, name_zh, name_en, rule, sort_order, note)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          category.code,
          category.nameZh,
          category.nameEn,
          JSON.stringify(category.rule),
          index + 1,
          category.note,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DELETE FROM "${s}".assistance_categories WHERE code = ANY($1)`, [
      SEED_CATEGORIES.map((category) => category.code),
    ]);
  }
}
