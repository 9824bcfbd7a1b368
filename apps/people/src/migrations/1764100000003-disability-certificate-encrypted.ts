import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@platform/config';
import { maskCertificateNo, PiiCipher, piiContext, piiKeyFields } from '@platform/pii';
import { migrationSchema } from '@platform/database';

/**
 * The disability certificate number (it holds the person's whole ID number) was stored in clear: now only its
 * AES-GCM ciphertext, bound to the row, and a mask. Rows that hold a number are encrypted here, with the PII
 * keys from the environment (`PII_ENCRYPTION_KEYS`, `PII_ACTIVE_KEY_ID`, `PII_BLIND_INDEX_KEY`, as the service
 * reads them); a database without such rows needs no key. One transaction: the clear column is dropped only
 * once every row is encrypted.
 */
export class DisabilityCertificateEncrypted1764100000003 implements MigrationInterface {
  name = 'DisabilityCertificateEncrypted1764100000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE "${s}".persons
        ADD COLUMN disability_certificate_enc text CHECK (disability_certificate_enc ~ '^[A-Za-z0-9_-]+:'),
        ADD COLUMN disability_certificate_masked text,
        ADD CONSTRAINT persons_disability_certificate_masked_check
          CHECK ((disability_certificate_enc IS NULL) = (disability_certificate_masked IS NULL))`);
    const rows: Array<{ id: string; value: string }> = await queryRunner.query(
      `SELECT id, disability_certificate_no AS value FROM "${s}".persons
       WHERE disability_certificate_no IS NOT NULL`,
    );
    if (rows.length) {
      const cipher = new PiiCipher(loadConfig(piiKeyFields));
      for (const row of rows) {
        const value = row.value.trim();
        await queryRunner.query(
          `UPDATE "${s}".persons SET disability_certificate_enc = $2, disability_certificate_masked = $3
           WHERE id = $1`,
          [
            row.id,
            cipher.encrypt(value, piiContext('persons', 'disability_certificate_enc', row.id)),
            maskCertificateNo(value),
          ],
        );
      }
    }
    await queryRunner.query(`ALTER TABLE "${s}".persons DROP COLUMN disability_certificate_no`);
  }

  /** Back to the clear column, which needs the keys too when rows hold a number. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}".persons ADD COLUMN disability_certificate_no text`);
    const rows: Array<{ id: string; value: string }> = await queryRunner.query(
      `SELECT id, disability_certificate_enc AS value FROM "${s}".persons
       WHERE disability_certificate_enc IS NOT NULL`,
    );
    if (rows.length) {
      const cipher = new PiiCipher(loadConfig(piiKeyFields));
      for (const row of rows) {
        await queryRunner.query(`UPDATE "${s}".persons SET disability_certificate_no = $2 WHERE id = $1`, [
          row.id,
          cipher.decrypt(row.value, piiContext('persons', 'disability_certificate_enc', row.id)),
        ]);
      }
    }
    await queryRunner.query(
      `ALTER TABLE "${s}".persons DROP COLUMN disability_certificate_enc,
         DROP COLUMN disability_certificate_masked`,
    );
  }
}
