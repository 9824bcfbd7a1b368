/* eslint-disable @nx/enforce-module-boundaries -- the rotation spans two services and the ops script */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createServiceDataSource, migrateUnderLock } from '@platform/database';
import { generatePiiKeySettings, parseEncryptionKeys, PiiCipher, piiContext } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { testDatabaseUrl } from '@platform/testing';
import { cardContext, personContext } from '../../apps/hotline/src/cases/case-caller';
import { intakeContext } from '../../apps/hotline/src/cases/cases.service';
import { locationAddressContext } from '../../apps/hotline/src/cases/location/case-location.service';
import { hotlineMigrations } from '../../apps/hotline/src/data-source';
import { PeopleConfig } from '../../apps/people/src/config';
import {
  idNumber,
  mobile,
  registration,
  startPeople,
  testPeopleKeys,
  tokenFor,
} from '../../apps/people/src/testing/people-test-app';
import { ENCRYPTED_COLUMNS, rotatePii } from '../../scripts/pii-rotate';

/**
 * `npm run pii:rotate` (scripts/pii-rotate.ts) against the real people and hotline schemas: rows written under
 * key A (and one value from before values were bound to their row) end up on key B, bound, and readable with
 * key B alone.
 */
describe('personal-data key rotation (real Postgres)', () => {
  const keyA = generatePiiKeySettings('ka');
  const keyB = generatePiiKeySettings('kb');
  const blindIndexKey = keyA.PII_BLIND_INDEX_KEY;
  const both = new PiiCipher({
    PII_ENCRYPTION_KEYS: `${keyA.PII_ENCRYPTION_KEYS},${keyB.PII_ENCRYPTION_KEYS}`,
    PII_ACTIVE_KEY_ID: 'kb',
    PII_BLIND_INDEX_KEY: blindIndexKey,
  });
  const onlyB = new PiiCipher({ ...keyB, PII_BLIND_INDEX_KEY: blindIndexKey });
  let people: TestServiceApp<PeopleConfig>;
  let hotline: DataSource;
  const hotlineSchema = `hotline_rot_${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    people = await startPeople({ ...testPeopleKeys(), ...keyA });
    hotline = createServiceDataSource({
      url: testDatabaseUrl(),
      schema: hotlineSchema,
      entities: [],
      migrations: hotlineMigrations,
      applicationName: 'test-pii-rotation',
      poolSize: 2,
    });
    await migrateUnderLock(hotline);
  });
  afterAll(async () => {
    await people?.close();
    if (hotline?.isInitialized) {
      await hotline.query(`DROP SCHEMA IF EXISTS "${hotlineSchema}" CASCADE`);
      await hotline.destroy();
    }
  });

  /** As values were written before they were bound to their row: `keyId:iv:tag:ct`, no associated data. */
  const unbound = (settings: typeof keyA, keyId: string, plaintext: string) => {
    const key = parseEncryptionKeys(settings.PII_ENCRYPTION_KEYS).get(keyId)!;
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([gcm.update(plaintext, 'utf8'), gcm.final()]);
    return [keyId, iv.toString('base64'), gcm.getAuthTag().toString('base64'), body.toString('base64')].join(
      ':',
    );
  };

  /** What the command builds from its environment (one cipher per service; here the same keys for both). */
  const rotationTargets = (cipher: PiiCipher) => [
    { db: people.dataSource, schema: people.schema, cipher, columns: ENCRYPTED_COLUMNS.people },
    { db: hotline, schema: hotlineSchema, cipher, columns: ENCRYPTED_COLUMNS.hotline },
  ];

  const insertCase = (caseId: string, intake: string) =>
    hotline.query(
      `INSERT INTO "${hotlineSchema}".cases (id, idempotency_key, request_hash, opened_by, opened_by_user_id,
         org_path, district_code, street_code, community_code, intake_encrypted)
       VALUES ($1, $2, $3, 'operator.wuhou', $4, '510100/510107/510107003/510107003001', '510107', '510107003',
         '510107003001', $5)`,
      [caseId, `key-${caseId}`, 'c'.repeat(64), randomUUID(), intake],
    );

  it('lists every encrypted column of both schemas (a new one cannot be left on an old key)', async () => {
    const encryptedColumns = async (db: DataSource, schema: string) =>
      (
        await db.query(
          `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
           WHERE table_schema = $1 AND (column_name LIKE '%\\_enc' OR column_name LIKE '%\\_encrypted')`,
          [schema],
        )
      )
        .map((row: { name: string }) => row.name)
        .sort();
    const listed = (columns: Array<{ table: string; column: string }>) =>
      columns.map(({ table, column }) => `${table}.${column}`).sort();
    expect(listed(ENCRYPTED_COLUMNS.people)).toEqual(
      await encryptedColumns(people.dataSource, people.schema),
    );
    expect(listed(ENCRYPTED_COLUMNS.hotline)).toEqual(await encryptedColumns(hotline, hotlineSchema));
  });

  it('moves every value to the active key, bound to its row, idempotently; key B alone then reads them all', async () => {
    const operator = tokenFor(['operator']);
    const persons: Array<{ id: string; idNumber: string; phone: string; certificate: string | null }> = [];
    for (const [birth, sequence, certificate] of [
      ['19800101', 401, true],
      ['19810202', 403, false],
      ['19820303', 405, true],
    ] as const) {
      const id = idNumber(birth, sequence);
      const phone = mobile();
      const body = registration({
        idNumber: id,
        phone,
        circumstances: { localHukou: true, minimumLivingAllowance: true },
        ...(certificate ? { constraints: { disabilityCertificateNo: `${id}11` } } : {}),
      });
      const created = await request(people.app.getHttpServer())
        .post('/persons')
        .set('authorization', `Bearer ${operator}`)
        .send(body)
        .expect(201);
      persons.push({
        id: created.body.person.id,
        idNumber: id,
        phone,
        certificate: certificate ? `${id}11` : null,
      });
    }
    // One phone as it was stored before values were bound to their row.
    await people.dataSource.query(`UPDATE "${people.schema}".persons SET phone_enc = $2 WHERE id = $1`, [
      persons[1].id,
      unbound(keyA, 'ka', persons[1].phone),
    ]);
    const intakes = [
      { caseId: randomUUID(), intake: JSON.stringify({ person: { phone: mobile() } }) },
      { caseId: randomUUID(), intake: JSON.stringify({ person: { phone: mobile() } }) },
    ];
    await request(people.app.getHttpServer())
      .post('/households')
      .set('authorization', `Bearer ${operator}`)
      .send({ hukouType: 'urban', communityCode: '510107001001', lowIncome: true })
      .expect(201);
    // A service record the person signed at the station: the witness's name is encrypted on key A.
    const signed = await request(people.app.getHttpServer())
      .post(`/persons/${persons[0].id}/service-records`)
      .set('authorization', `Bearer ${operator}`)
      .send({
        kind: 'job-referral',
        channel: 'in-person',
        occurredAt: new Date().toISOString(),
        outcome: '推荐岗位',
        confirmation: { method: 'station', witnessName: '李见证' },
      })
      .expect(201);
    // Each person's categories (at least 低保) carry their encrypted reasons.
    const [{ categories }] = await people.dataSource.query(
      `SELECT count(*)::int AS categories FROM "${people.schema}".person_categories`,
    );
    expect(categories).toBeGreaterThanOrEqual(3);
    const cipherA = new PiiCipher(keyA);
    await insertCase(intakes[0].caseId, cipherA.encrypt(intakes[0].intake, intakeContext(intakes[0].caseId)));
    await insertCase(intakes[1].caseId, unbound(keyA, 'ka', intakes[1].intake));
    // An address an operator gave for where the person can work from, written on key A.
    const addressChange = randomUUID();
    await hotline.query(
      `INSERT INTO "${hotlineSchema}".case_location_changes
         (id, case_id, community_code, address_encrypted, changed_by, changed_by_user_id)
       VALUES ($1, $2, '510107003002', $3, 'operator.wuhou', $4)`,
      [
        addressChange,
        intakes[0].caseId,
        cipherA.encrypt('玉林东路8号', locationAddressContext(addressChange)),
        randomUUID(),
      ],
    );

    // The caller's card and waiting intake person of the first case, written on key A.
    const caller = { card: '{"name":"张三"}', person: '{"name":"张三","phone":"13800001234"}' };
    await hotline.query(
      `INSERT INTO "${hotlineSchema}".case_callers
         (case_id, card_encrypted, person_encrypted, name_bidx, phone_bidx, id_number_bidx)
       VALUES ($1, $2, $3, $4, $4, $4)`,
      [
        intakes[0].caseId,
        cipherA.encrypt(caller.card, cardContext(intakes[0].caseId)),
        cipherA.encrypt(caller.person, personContext(intakes[0].caseId)),
        randomBytes(32),
      ],
    );

    const targets = rotationTargets(both);
    const first = await rotatePii(targets, 2); // batches of 2: several rounds per column
    expect(first).toEqual([
      { column: 'persons.id_number_enc', stale: 3, rotated: 3, skipped: 0, failed: 0 },
      { column: 'persons.phone_enc', stale: 3, rotated: 3, skipped: 0, failed: 0 },
      { column: 'persons.disability_certificate_enc', stale: 2, rotated: 2, skipped: 0, failed: 0 },
      { column: 'persons.circumstances_enc', stale: 3, rotated: 3, skipped: 0, failed: 0 },
      { column: 'households.low_income_enc', stale: 1, rotated: 1, skipped: 0, failed: 0 },
      {
        column: 'person_categories.reasons_enc',
        stale: categories,
        rotated: categories,
        skipped: 0,
        failed: 0,
      },
      { column: 'service_records.witness_enc', stale: 1, rotated: 1, skipped: 0, failed: 0 },
      { column: 'cases.intake_encrypted', stale: 2, rotated: 2, skipped: 0, failed: 0 },
      { column: 'case_location_changes.address_encrypted', stale: 1, rotated: 1, skipped: 0, failed: 0 },
      { column: 'case_callers.card_encrypted', stale: 1, rotated: 1, skipped: 0, failed: 0 },
      { column: 'case_callers.person_encrypted', stale: 1, rotated: 1, skipped: 0, failed: 0 },
      { column: 'job_fair_applications.applicant_encrypted', stale: 0, rotated: 0, skipped: 0, failed: 0 },
      { column: 'job_fair_applications.intake_encrypted', stale: 0, rotated: 0, skipped: 0, failed: 0 },
    ]);
    const [callerRow] = await hotline.query(
      `SELECT card_encrypted, person_encrypted FROM "${hotlineSchema}".case_callers WHERE case_id = $1`,
      [intakes[0].caseId],
    );
    expect(onlyB.decrypt(callerRow.card_encrypted, cardContext(intakes[0].caseId))).toBe(caller.card);
    expect(onlyB.decrypt(callerRow.person_encrypted, personContext(intakes[0].caseId))).toBe(caller.person);
    const again = await rotatePii(targets, 2);
    expect(again.every((counts) => counts.stale === 0 && counts.rotated === 0)).toBe(true);

    const rows = await people.dataSource.query(
      `SELECT id, id_number_enc, phone_enc, disability_certificate_enc, circumstances_enc
       FROM "${people.schema}".persons`,
    );
    expect(rows).toHaveLength(3);
    for (const person of persons) {
      const row = rows.find((r: { id: string }) => r.id === person.id);
      const context = (column: string) => piiContext('persons', column, person.id);
      for (const column of ['id_number_enc', 'phone_enc']) expect(row[column]).toMatch(/^v2:kb:/);
      expect(onlyB.decrypt(row.id_number_enc, context('id_number_enc'))).toBe(person.idNumber);
      expect(onlyB.decrypt(row.phone_enc, context('phone_enc'))).toBe(person.phone);
      expect(JSON.parse(onlyB.decrypt(row.circumstances_enc, context('circumstances_enc')))).toEqual({
        localHukou: true,
        minimumLivingAllowance: true,
      });
      const reasons = await people.dataSource.query(
        `SELECT category_code, reasons_enc FROM "${people.schema}".person_categories WHERE person_id = $1`,
        [person.id],
      );
      expect(reasons.map((r: { category_code: string }) => r.category_code)).toContain(
        'minimum-living-allowance',
      );
      for (const { category_code: code, reasons_enc: value } of reasons) {
        expect(value).toMatch(/^v2:kb:/);
        const context = piiContext('person_categories', 'reasons_enc', `${person.id}:${code}`);
        expect(JSON.parse(onlyB.decrypt(value, context))).toEqual(expect.any(Array));
      }
      if (person.certificate) {
        expect(row.disability_certificate_enc).toMatch(/^v2:kb:/);
        expect(onlyB.decrypt(row.disability_certificate_enc, context('disability_certificate_enc'))).toBe(
          person.certificate,
        );
      } else {
        expect(row.disability_certificate_enc).toBeNull();
      }
    }
    const [household] = await people.dataSource.query(
      `SELECT id, low_income_enc FROM "${people.schema}".households`,
    );
    expect(household.low_income_enc).toMatch(/^v2:kb:/);
    expect(
      onlyB.decrypt(household.low_income_enc, piiContext('households', 'low_income_enc', household.id)),
    ).toBe('true');
    const [witness] = await people.dataSource.query(
      `SELECT witness_enc FROM "${people.schema}".service_records WHERE id = $1`,
      [signed.body.id],
    );
    expect(witness.witness_enc).toMatch(/^v2:kb:/);
    expect(
      onlyB.decrypt(witness.witness_enc, piiContext('service_records', 'witness_enc', signed.body.id)),
    ).toBe('李见证');
    const cases = await hotline.query(`SELECT id, intake_encrypted FROM "${hotlineSchema}".cases`);
    for (const { caseId, intake } of intakes) {
      const row = cases.find((r: { id: string }) => r.id === caseId);
      expect(row.intake_encrypted).toMatch(/^v2:kb:/);
      expect(onlyB.decrypt(row.intake_encrypted, intakeContext(caseId))).toBe(intake);
    }
    const [address] = await hotline.query(
      `SELECT address_encrypted FROM "${hotlineSchema}".case_location_changes WHERE id = $1`,
      [addressChange],
    );
    expect(onlyB.decrypt(address.address_encrypted, locationAddressContext(addressChange))).toBe(
      '玉林东路8号',
    );
  });

  it('leaves a value it cannot decrypt as it is, counts it as failed, and still finishes', async () => {
    const caseId = randomUUID();
    const stray = new PiiCipher(generatePiiKeySettings('kz')).encrypt('{}', intakeContext(caseId));
    await insertCase(caseId, stray);
    const intake = (await rotatePii(rotationTargets(both))).find(
      (c) => c.column === 'cases.intake_encrypted',
    );
    expect(intake).toEqual({ column: 'cases.intake_encrypted', stale: 1, rotated: 0, skipped: 0, failed: 1 });
    const [row] = await hotline.query(`SELECT intake_encrypted FROM "${hotlineSchema}".cases WHERE id = $1`, [
      caseId,
    ]);
    expect(row.intake_encrypted).toBe(stray);
  });
});
