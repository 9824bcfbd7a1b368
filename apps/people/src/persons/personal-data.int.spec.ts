import { createCipheriv, randomBytes } from 'node:crypto';
import request from 'supertest';
import { parseEncryptionKeys, PiiCipher } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import { categoryReasons, householdLowIncome, personField } from '../pii/encrypted-columns';
import { idNumber, mobile, registration, startPeople, tokenFor } from '../testing/people-test-app';

/** Personal data at rest and bad input on the people routes (real Postgres and Kafka). */
describe('personal data at rest and bad input', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator']);
  const supervisor = tokenFor(['supervisor']);
  const admin = tokenFor(['admin'], '510100');
  const http = () => request(service.app.getHttpServer());
  const register = (body: Record<string, unknown>) =>
    http().post('/persons').set('authorization', `Bearer ${operator}`).send(body);
  const unmask = (personId: string, fields: string[], token = supervisor) =>
    http()
      .post(`/persons/${personId}/unmask`)
      .set('authorization', `Bearer ${token}`)
      .send({ fields, reason: '核对残疾人证' });
  const rowOf = async (personId: string) =>
    (
      await service.dataSource.query(`SELECT * FROM "${service.schema}".persons WHERE id = $1`, [personId])
    )[0];
  const count = async (table: string) =>
    (await service.dataSource.query(`SELECT count(*)::int AS n FROM "${service.schema}".${table}`))[0]
      .n as number;

  beforeAll(async () => {
    service = await startPeople();
  });
  afterAll(() => service?.close());

  it('keeps the disability certificate number and phone out of the table, masks them, unmasks with audit', async () => {
    const id = idNumber('19800505', 202);
    const certificate = `${id}42`;
    const phone = mobile();
    const { body } = await register(
      registration({ idNumber: id, phone, constraints: { disabilityCertificateNo: ` ${certificate} ` } }),
    ).expect(201);
    const personId = body.person.id;
    expect(body.person.constraints).toMatchObject({
      disabilityCertificate: true,
      disabilityCertificateMasked: `510${'*'.repeat(17)}`,
    });
    expect(JSON.stringify(body)).not.toContain(certificate);

    const row = await rowOf(personId);
    const raw = JSON.stringify(row);
    for (const secret of [certificate, id, phone, certificate.slice(0, 18), phone.slice(3)]) {
      expect(raw).not.toContain(secret);
    }
    expect(row).not.toHaveProperty('disability_certificate_no');
    for (const column of ['id_number_enc', 'phone_enc', 'disability_certificate_enc']) {
      expect(row[column]).toMatch(/^v2:k1:/);
    }

    await unmask(personId, ['disabilityCertificateNo'], operator).expect(403);
    const revealed = await unmask(personId, ['disabilityCertificateNo']).expect(200);
    expect(revealed.body).toEqual({
      personId,
      disabilityCertificateNo: certificate,
      auditId: expect.any(String),
    });
    const audit = await http()
      .get(`/persons/${personId}/unmask-audit`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(audit.body).toEqual([
      expect.objectContaining({ fields: ['disabilityCertificateNo'], reason: '核对残疾人证' }),
    ]);

    // Dropping the certificate empties both columns; a person without one unmasks to null.
    await register(registration({ idNumber: id, phone, constraints: {} })).expect(200);
    expect(await rowOf(personId)).toMatchObject({
      disability_certificate_enc: null,
      disability_certificate_masked: null,
    });
    expect(
      (await unmask(personId, ['disabilityCertificateNo']).expect(200)).body.disabilityCertificateNo,
    ).toBe(null);
  });

  it('keeps 低保, single parenthood, poverty status and low income out of the tables; the API still reads them', async () => {
    const circumstances = {
      localHukou: true,
      minimumLivingAllowance: true,
      singleParentOfMinor: true,
      povertyStatus: 'edge',
    };
    const { body } = await register(
      registration({ idNumber: idNumber('19850606', 311), circumstances }),
    ).expect(201);
    const personId = body.person.id;
    expect(body.person.circumstances).toEqual(circumstances);
    const household = await http()
      .post('/households')
      .set('authorization', `Bearer ${operator}`)
      .send({ hukouType: 'rural', communityCode: body.person.communityCode, lowIncome: true })
      .expect(201);
    const joined = await http()
      .post(`/households/${household.body.id}/members`)
      .set('authorization', `Bearer ${operator}`)
      .send({ personId, relation: 'head' })
      .expect(201);
    expect(joined.body.lowIncome).toBe(true);
    const person = await http()
      .get(`/persons/${personId}`)
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    const codes = person.body.categories.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['single-parent', 'minimum-living-allowance', 'poverty']));
    expect(JSON.stringify(person.body.categories)).toContain('singleParentOfMinor');

    // The raw rows: no welfare fact, in any column.
    const personRow = await rowOf(personId);
    const [householdRow] = await service.dataSource.query(
      `SELECT * FROM "${service.schema}".households WHERE id = $1`,
      [household.body.id],
    );
    const categoryRows = await service.dataSource.query(
      `SELECT * FROM "${service.schema}".person_categories WHERE person_id = $1`,
      [personId],
    );
    const raw = JSON.stringify([personRow, householdRow, categoryRows]);
    for (const clear of [
      'minimumLivingAllowance',
      'singleParentOfMinor',
      'povertyStatus',
      'edge',
      'LowIncome',
    ]) {
      expect(raw).not.toContain(clear);
    }
    expect(personRow).not.toHaveProperty('circumstances');
    expect(householdRow).not.toHaveProperty('low_income');
    expect(categoryRows[0]).not.toHaveProperty('reasons');
    const cipher = service.app.get(PiiCipher);
    expect(
      JSON.parse(cipher.decrypt(personRow.circumstances_enc, personField('circumstances_enc', personId))),
    ).toEqual(circumstances);
    expect(cipher.decrypt(householdRow.low_income_enc, householdLowIncome(household.body.id))).toBe('true');
    const single = categoryRows.find(
      (row: { category_code: string }) => row.category_code === 'single-parent',
    );
    expect(cipher.decrypt(single.reasons_enc, categoryReasons(personId, 'single-parent'))).toContain(
      'singleParentOfMinor',
    );
    // Bound to the category as well as the person: moved onto another category's row, it does not decrypt.
    expect(() => cipher.decrypt(single.reasons_enc, categoryReasons(personId, 'poverty'))).toThrow(
      /does not decrypt/,
    );
  });

  it('a ciphertext copied onto another row does not decrypt there', async () => {
    const phoneA = mobile();
    const a = (
      await register(registration({ idNumber: idNumber('19810101', 301), phone: phoneA })).expect(201)
    ).body.person.id;
    const b = (await register(registration({ idNumber: idNumber('19810101', 303) })).expect(201)).body.person
      .id;
    const rowA = await rowOf(a);
    await service.dataSource.query(`UPDATE "${service.schema}".persons SET phone_enc = $2 WHERE id = $1`, [
      b,
      rowA.phone_enc,
    ]);
    const cipher = service.app.get(PiiCipher);
    expect(cipher.decrypt(rowA.phone_enc, personField('phone_enc', a))).toBe(phoneA);
    expect(() => cipher.decrypt(rowA.phone_enc, personField('phone_enc', b))).toThrow(/does not decrypt/);
    // Nor in another column of the same row.
    expect(() => cipher.decrypt(rowA.phone_enc, personField('id_number_enc', a))).toThrow(/does not decrypt/);
    const answer = await unmask(b, ['phone']);
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain(phoneA);
  });

  it('still reads a value written before values were bound to their row', async () => {
    const phone = mobile();
    const personId = (
      await register(registration({ idNumber: idNumber('19820202', 305), phone })).expect(201)
    ).body.person.id;
    const [key] = parseEncryptionKeys(service.config.PII_ENCRYPTION_KEYS).values();
    const iv = randomBytes(12);
    const gcm = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([gcm.update(phone, 'utf8'), gcm.final()]);
    const unbound = ['k1', iv, gcm.getAuthTag(), body].map((part) => part.toString('base64')).join(':');
    await service.dataSource.query(`UPDATE "${service.schema}".persons SET phone_enc = $2 WHERE id = $1`, [
      personId,
      unbound,
    ]);
    expect((await unmask(personId, ['phone']).expect(200)).body.phone).toBe(phone);
  });

  describe('bad input answers 400 naming the field, in Chinese and English, and writes nothing', () => {
    const expectFieldError = (response: request.Response, field: string, rule?: string): void => {
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field,
            ...(rule ? { rule } : {}),
            // The English comes from class-validator, which names the property without its parents.
            message: {
              zh: expect.stringContaining(field),
              en: expect.stringContaining(
                field
                  .split('.')
                  .filter((part) => !/^\d+$/.test(part))
                  .pop()!,
              ),
            },
          }),
        ]),
      );
    };

    it('rejects bad registrations', async () => {
      const persons = await count('persons');
      const outbox = await count('outbox');
      const cases: Array<[Record<string, unknown>, string, string?]> = [
        [{ name: '   ' }, 'name', 'isLength'],
        [{ name: 'x'.repeat(51) }, 'name', 'isLength'],
        [{ hukouPlace: ' \t ' }, 'hukouPlace', 'isLength'],
        [{ unemployment: [] }, 'unemployment', 'isObject'],
        [{ constraints: [] }, 'constraints', 'isObject'],
        [{ skills: ['4-03-02-01'] }, 'skills', 'isObject'],
        [{ circumstances: [true] }, 'circumstances', 'isObject'],
        [{ workHistory: [null] }, 'workHistory.0', 'nestedValidation'],
        [{ workHistory: [{ employer: '  ', from: '2020-01-01' }] }, 'workHistory.0.employer', 'isLength'],
        [{ unemployment: { registeredOn: '2026-02-30', status: 'registered' } }, 'unemployment.registeredOn'],
        [{ constraints: { disabilityCertificateNo: '51010 7198' } }, 'constraints.disabilityCertificateNo'],
        [{ constraints: { maxDistanceKm: 1e300 } }, 'constraints.maxDistanceKm'],
        [{ circumstances: { residentMonths: -1 } }, 'circumstances.residentMonths'],
        [{ birthDate: '1980-13-01' }, 'birthDate'],
        [{ name: 42 }, 'name', 'isString'],
        [{ idNumber: ['x'] }, 'idNumber', 'isString'],
      ];
      for (const [overrides, field, rule] of cases) {
        expectFieldError(
          await register(registration({ idNumber: idNumber('19830303', 307), ...overrides })),
          field,
          rule,
        );
      }
      expect(await count('persons')).toBe(persons);
      expect(await count('outbox')).toBe(outbox);
      const notAnObject = await http()
        .post('/persons')
        .set('authorization', `Bearer ${operator}`)
        .send([registration()]);
      expect(notAnObject.status).toBe(400);
    });

    it('caps offsets and limits and rejects malformed query values', async () => {
      const list = (query: Record<string, string>) =>
        http().get('/persons').query(query).set('authorization', `Bearer ${admin}`);
      expectFieldError(await list({ offset: '1e300' }), 'offset', 'max');
      expectFieldError(await list({ offset: '10001' }), 'offset', 'max');
      expectFieldError(await list({ offset: '-1' }), 'offset', 'min');
      expectFieldError(await list({ offset: 'abc' }), 'offset');
      expectFieldError(await list({ limit: '1e300' }), 'limit', 'max');
      expectFieldError(await list({ limit: '0.5' }), 'limit', 'isInt');
      expectFieldError(await list({ status: 'gone' }), 'status', 'isIn');
      expectFieldError(await list({ category: 'DISABLED' }), 'category', 'matches');
      await list({ offset: '10000' }).expect(200);
      const pending = await http()
        .get('/three-plus-one/worklist')
        .query({ offset: '1e300' })
        .set('authorization', `Bearer ${supervisor}`);
      expectFieldError(pending, 'offset', 'max');
    });

    it('rejects reasons, outcomes and names that are only spaces, and ids that are not UUIDs', async () => {
      const personId = (await register(registration({ idNumber: idNumber('19840404', 309) })).expect(201))
        .body.person.id;
      const audits = await count('pii_access_audit');
      const records = await count('service_records');
      expectFieldError(
        await http()
          .post(`/persons/${personId}/unmask`)
          .set('authorization', `Bearer ${supervisor}`)
          .send({ fields: ['phone'], reason: '     ' }),
        'reason',
        'isLength',
      );
      expectFieldError(
        await http()
          .post(`/persons/${personId}/unmask`)
          .set('authorization', `Bearer ${supervisor}`)
          .send({ fields: ['birthDate'], reason: '核对身份信息' }),
        'fields',
        'isIn',
      );
      expectFieldError(
        await http()
          .post(`/persons/${personId}/service-records`)
          .set('authorization', `Bearer ${operator}`)
          .send({ kind: 'visit', channel: 'phone', occurredAt: '2026-01-05T10:00:00+08:00', outcome: '  ' }),
        'outcome',
        'isLength',
      );
      expectFieldError(
        await http()
          .post(`/persons/${personId}/service-records`)
          .set('authorization', `Bearer ${operator}`)
          .send({
            kind: 'visit',
            channel: 'phone',
            occurredAt: '2026-01-05T10:00:00+08:00',
            outcome: '走访',
            confirmation: [],
          }),
        'confirmation',
        'isObject',
      );
      expectFieldError(
        await http()
          .put('/assistance-categories/some-category')
          .set('authorization', `Bearer ${admin}`)
          .send({ nameZh: '  ', nameEn: 'x', rule: { fact: 'age', gte: 40 } }),
        'nameZh',
        'isLength',
      );
      expectFieldError(
        await http().get('/persons/not-a-uuid').set('authorization', `Bearer ${operator}`),
        'id',
        'isUuid',
      );
      expect(await count('pii_access_audit')).toBe(audits);
      expect(await count('service_records')).toBe(records);
    });
  });
});
