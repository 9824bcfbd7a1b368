import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import {
  COMMUNITY_A,
  idNumber,
  JINJIANG_COMMUNITY,
  mobile,
  startPeople,
  testPeopleKeys,
  tokenFor,
} from '../testing/people-test-app';

/** POST /persons/case-registrations: the hotline registering a case's caller during the call. */
describe('case registrations (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator']);
  const send = (body: Record<string, unknown>, token = operator) =>
    request(service.app.getHttpServer())
      .post('/persons/case-registrations')
      .set('authorization', `Bearer ${token}`)
      .send(body);
  const caller = (overrides: Record<string, unknown> = {}) => ({
    name: '王建国',
    idNumber: idNumber('19740506', 41),
    phone: mobile(),
    hukouType: 'urban',
    hukouPlace: '四川省成都市武侯区',
    communityCode: COMMUNITY_A,
    unemployment: { registeredOn: '2026-01-05', status: 'registered' },
    circumstances: { minimumLivingAllowance: true },
    ...overrides,
  });
  const recordsOf = (caseId: string) =>
    service.dataSource.query(
      `SELECT id, person_id, kind FROM "${service.schema}".service_records WHERE request_id = $1`,
      [`${caseId}:registration`],
    );

  beforeAll(async () => {
    service = await startPeople(testPeopleKeys());
  });
  afterAll(() => service?.close());

  it("registers the caller with the categories the circumstances give, and the case's record, once per case", async () => {
    const caseId = randomUUID();
    const body = { caseId, occurredAt: '2026-03-02T09:00:00+08:00', person: caller() };
    const first = await send(body).expect(200);
    expect(first.body.person).toMatchObject({ name: '王建国', communityCode: COMMUNITY_A });
    expect(first.body.person.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(first.body.categories).toContain('minimum-living-allowance');
    expect(JSON.stringify(first.body)).not.toContain(body.person.idNumber);

    // Sent again (the workflow's fallback for the same case): the same person and the same record.
    const again = await send(body).expect(200);
    expect(again.body.person.personId).toBe(first.body.person.personId);
    expect(again.body.serviceRecordId).toBe(first.body.serviceRecordId);
    expect(await recordsOf(caseId)).toEqual([
      { id: first.body.serviceRecordId, person_id: first.body.person.personId, kind: 'registration' },
    ]);
  });

  it('refuses a call dated in the future and a community outside the caller scope, naming the field, writing nothing', async () => {
    const future = randomUUID();
    const late = await send({
      caseId: future,
      occurredAt: '2999-01-01T09:00:00+08:00',
      person: caller({ idNumber: idNumber('19740506', 42) }),
    }).expect(400);
    expect(late.body.errors).toEqual([expect.objectContaining({ field: 'occurredAt', rule: 'notInFuture' })]);
    expect(await recordsOf(future)).toEqual([]);
    // The person's registration rolled back with the record.
    const lookup = await request(service.app.getHttpServer())
      .post('/persons/lookup')
      .set('authorization', `Bearer ${operator}`)
      .send({ idNumber: idNumber('19740506', 42) })
      .expect(200);
    expect(lookup.body.total).toBe(0);

    const outside = randomUUID();
    const refused = await send({
      caseId: outside,
      occurredAt: '2026-03-02T09:00:00+08:00',
      person: caller({ idNumber: idNumber('19740506', 43), communityCode: JINJIANG_COMMUNITY }),
    }).expect(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ field: 'communityCode', rule: 'withinScope' }),
    ]);
    expect(await recordsOf(outside)).toEqual([]);
  });

  it('answers 400 naming the fields of a malformed body', async () => {
    const response = await send({ caseId: 'not-a-uuid', occurredAt: 'yesterday', person: {} }).expect(400);
    const fields = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['caseId', 'occurredAt']));
  });
});
