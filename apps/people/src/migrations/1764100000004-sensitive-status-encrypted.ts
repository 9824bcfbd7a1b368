import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@platform/config';
import { migrationSchema } from '@platform/database';
import { PiiCipher, PiiContext, piiContext, piiKeyFields } from '@platform/pii';

/** Each clear column, the encrypted one replacing it, and the row id its values are bound to. */
const COLUMNS = [
  { table: 'persons', clear: 'circumstances', type: 'jsonb', id: 'id::text', default: `'{}'` },
  { table: 'households', clear: 'low_income', type: 'boolean', id: 'id::text', default: 'false' },
  {
    table: 'person_categories',
    clear: 'reasons',
    type: 'jsonb',
    id: `(person_id::text || ':' || category_code)`,
    default: null,
  },
] as const;

const encryptedName = (clear: string) => `${clear}_enc`;
const contextOf = (table: string, clear: string, rowId: string): PiiContext =>
  piiContext(table, encryptedName(clear), rowId);

/**
 * Welfare and hardship status was stored in clear: a person's circumstances (低保, single parenthood, poverty
 * status, …), a household's low-income flag, and the reasons a category matched (which quote those facts). Now
 * only AES-GCM ciphertext bound to its row (the JSON text of the value), encrypted here with the PII keys from
 * the environment, as for the certificate (1764100000003); an empty schema needs no key. One transaction: the
 * clear columns are dropped only once every row is encrypted.
 */
export class SensitiveStatusEncrypted1764100000004 implements MigrationInterface {
  name = 'SensitiveStatusEncrypted1764100000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    let cipher: PiiCipher | undefined;
    for (const { table, clear, id } of COLUMNS) {
      const encrypted = encryptedName(clear);
      await queryRunner.query(
        `ALTER TABLE "${s}".${table} ADD COLUMN ${encrypted} text CHECK (${encrypted} ~ '^[A-Za-z0-9_-]+:')`,
      );
      const rows: Array<{ id: string; value: unknown }> = await queryRunner.query(
        `SELECT ${id} AS id, ${clear} AS value FROM "${s}".${table}`,
      );
      for (const row of rows) {
        cipher ??= new PiiCipher(loadConfig(piiKeyFields));
        await queryRunner.query(`UPDATE "${s}".${table} SET ${encrypted} = $2 WHERE ${id} = $1`, [
          row.id,
          cipher.encrypt(JSON.stringify(row.value), contextOf(table, clear, row.id)),
        ]);
      }
      await queryRunner.query(
        `ALTER TABLE "${s}".${table} ALTER COLUMN ${encrypted} SET NOT NULL, DROP COLUMN ${clear}`,
      );
    }
  }

  /** Back to the clear columns, which needs the keys too when rows exist. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    let cipher: PiiCipher | undefined;
    for (const { table, clear, type, id, default: fallback } of COLUMNS) {
      const encrypted = encryptedName(clear);
      await queryRunner.query(`ALTER TABLE "${s}".${table} ADD COLUMN ${clear} ${type}`);
      const rows: Array<{ id: string; value: string }> = await queryRunner.query(
        `SELECT ${id} AS id, ${encrypted} AS value FROM "${s}".${table}`,
      );
      for (const row of rows) {
        cipher ??= new PiiCipher(loadConfig(piiKeyFields));
        await queryRunner.query(`UPDATE "${s}".${table} SET ${clear} = $2::${type} WHERE ${id} = $1`, [
          row.id,
          cipher.decrypt(row.value, contextOf(table, clear, row.id)),
        ]);
      }
      await queryRunner.query(
        `ALTER TABLE "${s}".${table} ${fallback ? `ALTER COLUMN ${clear} SET DEFAULT ${fallback},` : ''}
           ALTER COLUMN ${clear} SET NOT NULL, DROP COLUMN ${encrypted}`,
      );
    }
  }
}
