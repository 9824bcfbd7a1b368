import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrateUnderLock } from '@platform/database';
import { generatePiiKeySettings, PiiCipher } from '@platform/pii';
import { peopleMigrations } from '../data-source';
import { throwawayMigrationSchema } from './testing/throwaway-schema';
import { personField } from '../pii/encrypted-columns';

/** Migration 1764100000003 on a schema that already holds certificate numbers in clear (real Postgres). */
const upToCertificate = peopleMigrations.findIndex((migration) => migration.name.endsWith('1764100000003'));
describe('disability certificate numbers encrypted by migration', () => {
  const { schema, source } = throwawayMigrationSchema('test-migrate-certificate');
  const keys = generatePiiKeySettings('k1');
  let before: DataSource;
  const holder = randomUUID();
  const without = randomUUID();

  beforeAll(async () => {
    before = source(peopleMigrations.slice(0, upToCertificate));
    await migrateUnderLock(before);
    for (const [id, certificate, bidx] of [
      [holder, '51010719800505202X42', 1],
      [without, null, 2],
    ] as const) {
      await before.query(
        `INSERT INTO "${schema}".persons (id, name, id_number_enc, id_number_bidx, id_number_masked, phone_enc,
           phone_bidx, phone_masked, gender, birth_date, hukou_type, hukou_place, community_code, org_path,
           created_by, disability_certificate_no)
         VALUES ($1, '张三', 'k1:a:b:c', $2, '510***********202X', 'k1:a:b:c', $2, '139****0000', 'female',
           '1980-05-05', 'urban', '成都', '510107001001', '510100/510107/510107001/510107001001', 'test', $3)`,
        [id, Buffer.alloc(32, bidx), certificate],
      );
    }
  });
  afterAll(async () => {
    await before.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await before.destroy();
  });

  const withEnv = async (env: Record<string, string | undefined>, work: () => Promise<void>) => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name];
    try {
      await work();
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };

  it('refuses without the keys and changes nothing, then encrypts, masks and drops the clear column', async () => {
    const after = source(peopleMigrations.slice(0, upToCertificate + 1));
    await withEnv(
      { PII_ENCRYPTION_KEYS: undefined, PII_ACTIVE_KEY_ID: undefined, PII_BLIND_INDEX_KEY: undefined },
      async () => {
        await expect(migrateUnderLock(after)).rejects.toThrow(/PII_ENCRYPTION_KEYS/);
      },
    );
    const [{ clear }] = await before.query(
      `SELECT count(*)::int AS clear FROM "${schema}".persons WHERE disability_certificate_no IS NOT NULL`,
    );
    expect(clear).toBe(1);

    await withEnv({ ...keys }, () => migrateUnderLock(after).then(() => undefined));
    if (after.isInitialized) await after.destroy();
    const rows = await before.query(`SELECT * FROM "${schema}".persons ORDER BY id`);
    expect(rows.every((row: object) => !('disability_certificate_no' in row))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('51010719800505202X42');
    const row = rows.find((r: { id: string }) => r.id === holder);
    expect(row.disability_certificate_masked).toBe(`510${'*'.repeat(17)}`);
    expect(row.disability_certificate_enc).toMatch(/^v2:k1:/);
    const context = personField('disability_certificate_enc', holder);
    expect(new PiiCipher(keys).decrypt(row.disability_certificate_enc, context)).toBe('51010719800505202X42');
    expect(rows.find((r: { id: string }) => r.id === without)).toMatchObject({
      disability_certificate_enc: null,
      disability_certificate_masked: null,
    });
  });
});
