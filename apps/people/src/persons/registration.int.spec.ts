import request from 'supertest';
import { generatePiiKeySettings, PiiCipher } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import { personField } from '../pii/encrypted-columns';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  idNumber,
  JINJIANG_COMMUNITY,
  mobile,
  registration,
  startPeople,
  testPeopleKeys,
  tokenFor,
} from '../testing/people-test-app';

describe('registration (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator']);
  const supervisor = tokenFor(['supervisor']);
  const http = () => request(service.app.getHttpServer());
  const register = (body: Record<string, unknown>, token = operator) =>
    http().post('/persons').set('authorization', `Bearer ${token}`).send(body);
  const count = async (table: string) =>
    (await service.dataSource.query(`SELECT count(*)::int AS n FROM "${service.schema}".${table}`))[0]
      .n as number;

  const oldKey = generatePiiKeySettings('k0');

  beforeAll(async () => {
    const keys = testPeopleKeys();
    service = await startPeople({
      ...keys,
      PII_ENCRYPTION_KEYS: `${oldKey.PII_ENCRYPTION_KEYS},${keys.PII_ENCRYPTION_KEYS}`,
      PII_ACTIVE_KEY_ID: 'k1',
    });
  });
  afterAll(() => service?.close());

  it('registers a person, derives gender and birth date, stores no plaintext and masks the answer', async () => {
    const id = idNumber('19850615', 22);
    const phone = mobile();
    const response = await register(registration({ idNumber: id, phone, name: '李四' })).expect(201);
    expect(response.body.outcome).toBe('created');
    const person = response.body.person;
    expect(person).toMatchObject({
      name: '李四',
      gender: 'female',
      idNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}`,
      phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      orgPath: `510100/510107/510107001/${COMMUNITY_A}`,
      unemployment: { registeredOn: '2026-01-05', status: 'registered' },
    });
    expect(JSON.stringify(response.body)).not.toContain(id);
    expect(JSON.stringify(response.body)).not.toContain(phone);
    expect(JSON.stringify(response.body)).not.toContain('19850615');
    expect(JSON.stringify(response.body)).not.toContain('1985-06-15');
    const [row] = await service.dataSource.query(`SELECT * FROM "${service.schema}".persons WHERE id = $1`, [
      person.id,
    ]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(id);
    expect(stored).not.toContain(phone);
    expect(row.id_number_enc).toMatch(/^v2:k1:/);
    expect(row.birth_date).toBeTruthy();
  });

  it('is idempotent per ID number: a second registration finds and updates, and says so', async () => {
    const id = idNumber('19700301', 31);
    const first = await register(registration({ idNumber: id })).expect(201);
    const before = await count('persons');
    const second = await register(
      registration({ idNumber: id.toLowerCase(), name: '王五', communityCode: COMMUNITY_B }),
    ).expect(200);
    expect(second.body.outcome).toBe('updated');
    expect(second.body.person.id).toBe(first.body.person.id);
    expect(second.body.person).toMatchObject({ name: '王五', communityCode: COMMUNITY_B });
    expect(await count('persons')).toBe(before);
    const events = await service.dataSource.query(
      `SELECT event FROM "${service.schema}".outbox WHERE message_key = $1 ORDER BY created_at, id`,
      [first.body.person.id],
    );
    const types = events.map((e: { event: { type: string } }) => e.event.type);
    expect(types).toContain('people.person.registered');
    const updated = events.find((e: { event: { type: string } }) => e.event.type === 'people.person.updated');
    expect(updated.event.data.changedFields).toEqual(expect.arrayContaining(['name', 'communityCode']));
    expect(JSON.stringify(events)).not.toContain(id);
  });

  it('accepts concurrent registrations of one ID number as one person', async () => {
    const id = idNumber('19750505', 41);
    const answers = await Promise.all([1, 2, 3, 4].map(() => register(registration({ idNumber: id }))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.person.id)).size).toBe(1);
  });

  it.each([
    ['a bad check character', { idNumber: '11010519491231002' + '9' }, 'idNumber', 'checkChar'],
    ['a 15-digit legacy number', { idNumber: '110105491231002' }, 'idNumber', 'legacy15'],
    ['an impossible birth date', { idNumber: idNumber('19900230', 11) }, 'idNumber', 'birthDate'],
    ['a future birth date', { idNumber: idNumber('20991231', 11) }, 'idNumber', 'birthDateFuture'],
    ['a bad mobile', { phone: '12812345678' }, 'phone', 'mobileFormat'],
    [
      'a contradicting gender',
      { idNumber: idNumber('19800101', 21), gender: 'female' },
      'gender',
      'matchesIdNumber',
    ],
    [
      'a contradicting birth date',
      { idNumber: idNumber('19800101', 21), birthDate: '1980-01-02' },
      'birthDate',
      'matchesIdNumber',
    ],
  ])('rejects %s with a bilingual 400 that does not echo the value', async (_, overrides, field, rule) => {
    const before = await count('persons');
    const eventsBefore = await count('outbox');
    const body = registration(overrides);
    const response = await register(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const error = response.body.errors.find((e: { field: string }) => e.field === field);
    expect(error).toMatchObject({ field, rule, message: { zh: expect.any(String), en: expect.any(String) } });
    expect(response.text).not.toContain(String(body.idNumber));
    expect(response.text).not.toContain(String(body.phone));
    expect(await count('persons')).toBe(before);
    expect(await count('outbox')).toBe(eventsBefore);
  });

  it('names every bad field at once, including DTO rules, and writes nothing', async () => {
    const before = await count('outbox');
    const response = await register(
      registration({ idNumber: '123', phone: 'x', hukouType: 'city', communityCode: '5101' }),
    ).expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['hukouType', 'communityCode']));
    const second = await register(registration({ idNumber: '123', phone: 'x' })).expect(400);
    expect(second.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual([
      'idNumber:length',
      'phone:mobileFormat',
    ]);
    expect(await count('outbox')).toBe(before);
  });

  it('accepts +86 and 86 prefixes and a lower-case x', async () => {
    const id = idNumber('19660101', 10);
    const lower = id.endsWith('X') ? id.toLowerCase() : id;
    const phone = mobile();
    const response = await register(registration({ idNumber: lower, phone: `+86${phone}` })).expect(201);
    expect(response.body.person.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await register(registration({ idNumber: lower, phone: `86${phone}` })).expect(200);
  });

  it('refuses a community outside the caller scope and employers everywhere', async () => {
    const response = await register(
      registration({ idNumber: idNumber('19810101', 51), communityCode: JINJIANG_COMMUNITY }),
    ).expect(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'communityCode', rule: 'withinScope' });
    const employer = tokenFor(['employer']);
    await register(registration(), employer).expect(403);
    await http().get('/persons').set('authorization', `Bearer ${employer}`).expect(403);
    await http().get('/persons').expect(401);
  });

  it('searches by exact ID number through the blind index, by community, status and category, paginated', async () => {
    const id = idNumber('19720909', 61);
    const created = await register(registration({ idNumber: id, communityCode: COMMUNITY_B })).expect(201);
    const byId = await http()
      .get('/persons')
      .query({ idNumber: id })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.person.id]);
    const byCommunity = await http()
      .get('/persons')
      .query({ communityCode: COMMUNITY_B, status: 'registered', limit: 1 })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(byCommunity.body.items).toHaveLength(1);
    expect(byCommunity.body.total).toBeGreaterThanOrEqual(2);
    const byCategory = await http()
      .get('/persons')
      .query({ category: 'older-urban-unemployed' })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(byCategory.body.items.map((p: { id: string }) => p.id)).toContain(created.body.person.id);
    await http().get('/persons').query({ limit: 101 }).set('authorization', `Bearer ${operator}`).expect(400);
    const otherDistrict = tokenFor(['operator'], '510100/510104');
    const hidden = await http()
      .get('/persons')
      .query({ idNumber: id })
      .set('authorization', `Bearer ${otherDistrict}`)
      .expect(200);
    expect(hidden.body.items).toEqual([]);
    await http()
      .get(`/persons/${created.body.person.id}`)
      .set('authorization', `Bearer ${otherDistrict}`)
      .expect(404);
  });

  it('looks a person up by ID number in the body (POST /persons/lookup), masked and within scope', async () => {
    const id = idNumber('19730303', 71);
    const created = await register(registration({ idNumber: id, communityCode: COMMUNITY_B })).expect(201);
    const lookup = (token: string, body: object) =>
      http().post('/persons/lookup').set('authorization', `Bearer ${token}`).send(body);
    const found = await lookup(operator, { idNumber: id }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.person.id]);
    expect(JSON.stringify(found.body)).not.toContain(id);
    expect(
      (await lookup(tokenFor(['operator'], '510100/510104'), { idNumber: id }).expect(200)).body.items,
    ).toEqual([]);
    const bad = await lookup(operator, { idNumber: 42 }).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'idNumber' });
  });

  it('unmasks for permitted roles only, with a reason, and audits who, when, what and why', async () => {
    const id = idNumber('19780808', 71);
    const phone = mobile();
    const { body } = await register(registration({ idNumber: id, phone })).expect(201);
    const personId = body.person.id;
    const unmask = (token: string, payload: Record<string, unknown>) =>
      http().post(`/persons/${personId}/unmask`).set('authorization', `Bearer ${token}`).send(payload);

    const denied = await unmask(operator, { fields: ['idNumber'], reason: '核对身份信息' }).expect(403);
    expect(denied.text).not.toContain(id);
    await unmask(operator, { fields: ['phone'] }).expect(400);
    const phoneOnly = await unmask(operator, { fields: ['phone'], reason: '回访电话' }).expect(200);
    expect(phoneOnly.body).toEqual({ personId, phone, auditId: expect.any(String) });
    const both = await unmask(supervisor, { fields: ['idNumber', 'phone'], reason: '核对身份信息' }).expect(
      200,
    );
    expect(both.body).toMatchObject({ idNumber: id, phone });
    await unmask(tokenFor(['employer']), { fields: ['phone'], reason: '联系候选人' }).expect(403);

    const audit = await http()
      .get(`/persons/${personId}/unmask-audit`)
      .set('authorization', `Bearer ${supervisor}`)
      .expect(200);
    expect(audit.body).toHaveLength(2);
    expect(audit.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actorId: 'user-operator',
          fields: ['phone'],
          reason: '回访电话',
          channel: 'http',
        }),
        expect.objectContaining({
          actorId: 'user-supervisor',
          fields: ['idNumber', 'phone'],
          reason: '核对身份信息',
        }),
      ]),
    );
    expect(audit.body[0].accessedAt).toMatch(/^\d{4}-/);
  });

  it('reads rows written under an older key after the keys rotate', async () => {
    const id = idNumber('19690101', 81);
    const { body } = await register(registration({ idNumber: id })).expect(201);
    const [row] = await service.dataSource.query(
      `SELECT id_number_enc FROM "${service.schema}".persons WHERE id = $1`,
      [body.person.id],
    );
    expect(row.id_number_enc.startsWith('v2:k1:')).toBe(true);
    // Rewrite the value as the retired key k0 wrote it; the app still lists k0, so it must still read it.
    const retired = new PiiCipher({ ...oldKey, PII_BLIND_INDEX_KEY: service.config.PII_BLIND_INDEX_KEY });
    await service.dataSource.query(
      `UPDATE "${service.schema}".persons SET id_number_enc = $2 WHERE id = $1`,
      [body.person.id, retired.encrypt(id, personField('id_number_enc', body.person.id))],
    );
    const unmasked = await http()
      .post(`/persons/${body.person.id}/unmask`)
      .set('authorization', `Bearer ${supervisor}`)
      .send({ fields: ['idNumber'], reason: '核对身份信息' })
      .expect(200);
    expect(unmasked.body.idNumber).toBe(id);
  });
});
