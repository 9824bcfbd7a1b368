import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrateUnderLock } from '@platform/database';
import { generatePiiKeySettings, PiiCipher } from '@platform/pii';
import { peopleMigrations } from '../data-source';
import { throwawayMigrationSchema } from './testing/throwaway-schema';
import { categoryReasons, householdLowIncome, personField } from '../pii/encrypted-columns';

/** Migration 1764100000004 on a schema that holds circumstances, low income and reasons in clear (real Postgres). */
const upToStatus = peopleMigrations.findIndex((migration) => migration.name.endsWith('1764100000004'));

describe('welfare status encrypted by migration', () => {
  const { schema, source } = throwawayMigrationSchema('test-migrate-status');
  const keys = generatePiiKeySettings('k1');
  let before: DataSource;
  const personId = randomUUID();
  const householdId = randomUUID();
  const circumstances = { localHukou: true, minimumLivingAllowance: true, singleParentOfMinor: true };
  const reasons = [{ fact: 'singleParentOfMinor', op: 'eq', expected: true, actual: true }];

  beforeAll(async () => {
    before = source(peopleMigrations.slice(0, upToStatus));
    await migrateUnderLock(before);
    await before.query(
      `INSERT INTO "${schema}".households (id, org_path, hukou_type, low_income, created_by)
       VALUES ($1, '510100/510107/510107001/510107001001', 'rural', true, 'test')`,
      [householdId],
    );
    await before.query(
      `INSERT INTO "${schema}".persons (id, name, id_number_enc, id_number_bidx, id_number_masked, phone_enc,
         phone_bidx, phone_masked, gender, birth_date, hukou_type, hukou_place, community_code, org_path,
         created_by, circumstances, household_id, household_relation)
       VALUES ($1, '张三', 'k1:a:b:c', $2, '510***********202X', 'k1:a:b:c', $2, '139****0000', 'female',
         '1980-05-05', 'rural', '成都', '510107001001', '510100/510107/510107001/510107001001', 'test', $3, $4,
         'head')`,
      [personId, Buffer.alloc(32, 1), JSON.stringify(circumstances), householdId],
    );
    await before.query(
      `INSERT INTO "${schema}".person_categories (person_id, category_code, reasons, evaluated_at)
       VALUES ($1, 'single-parent', $2, '2026-01-05T10:00:00+08:00')`,
      [personId, JSON.stringify(reasons)],
    );
  });
  afterAll(async () => {
    await before.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await before.destroy();
  });

  const withEnv = async (env: Record<string, string | undefined>, work: () => Promise<void>) => {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    try {
      await work();
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };

  it('refuses without the keys and changes nothing, then encrypts each value bound to its row and drops the clear columns', async () => {
    const after = source(peopleMigrations.slice(0, upToStatus + 1));
    await withEnv(
      { PII_ENCRYPTION_KEYS: undefined, PII_ACTIVE_KEY_ID: undefined, PII_BLIND_INDEX_KEY: undefined },
      async () => {
        await expect(migrateUnderLock(after)).rejects.toThrow(/PII_ENCRYPTION_KEYS/);
      },
    );
    const [still] = await before.query(`SELECT circumstances FROM "${schema}".persons`);
    expect(still.circumstances).toEqual(circumstances);

    await withEnv({ ...keys }, () => migrateUnderLock(after).then(() => undefined));
    if (after.isInitialized) await after.destroy();
    const [person] = await before.query(`SELECT * FROM "${schema}".persons`);
    const [household] = await before.query(`SELECT * FROM "${schema}".households`);
    const [category] = await before.query(`SELECT * FROM "${schema}".person_categories`);
    expect(person).not.toHaveProperty('circumstances');
    expect(household).not.toHaveProperty('low_income');
    expect(category).not.toHaveProperty('reasons');
    const raw = JSON.stringify([person, household, category]);
    for (const clear of ['minimumLivingAllowance', 'singleParentOfMinor']) expect(raw).not.toContain(clear);

    const cipher = new PiiCipher(keys);
    expect(person.circumstances_enc).toMatch(/^v2:k1:/);
    expect(
      JSON.parse(cipher.decrypt(person.circumstances_enc, personField('circumstances_enc', personId))),
    ).toEqual(circumstances);
    expect(cipher.decrypt(household.low_income_enc, householdLowIncome(householdId))).toBe('true');
    expect(
      JSON.parse(cipher.decrypt(category.reasons_enc, categoryReasons(personId, 'single-parent'))),
    ).toEqual(reasons);
  });
});
