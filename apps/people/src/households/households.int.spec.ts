import request from 'supertest';
import {
  householdZeroEmploymentSchema,
  parseEvent,
  PeopleEventTypes,
  personCategoriesChangedSchema,
  personRegisteredSchema,
  personUpdatedSchema,
} from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import {
  COMMUNITY_A,
  idNumber,
  JINJIANG_COMMUNITY,
  registration,
  startPeople,
  tokenFor,
} from '../testing/people-test-app';

describe('households and zero-employment status (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator']);
  const http = () => request(service.app.getHttpServer());
  const as = <T extends request.Test>(test: T) => test.set('authorization', `Bearer ${operator}`);
  let sequence = 100;
  const person = async (overrides: Record<string, unknown> = {}) =>
    (
      await as(http().post('/persons')).send(
        registration({ idNumber: idNumber('19900101', sequence++), ...overrides }),
      )
    ).body.person as { id: string; categories: Array<{ code: string }> };
  const householdEvents = async (householdId: string) =>
    (
      await service.dataSource.query(
        `SELECT event FROM "${service.schema}".outbox WHERE topic = 'people.household.v1' AND message_key = $1
         ORDER BY created_at, id`,
        [householdId],
      )
    ).map((row: { event: { type: string } }) => row.event.type);
  const categoriesOf = async (personId: string) =>
    (await as(http().get(`/persons/${personId}`)).expect(200)).body.categories.map(
      (c: { code: string }) => c.code,
    );

  beforeAll(async () => {
    service = await startPeople();
  });
  afterAll(() => service?.close());

  it('enters zero-employment with two unemployed working-age members and leaves it when one finds work', async () => {
    const household = (
      await as(http().post('/households'))
        .send({ hukouType: 'urban', communityCode: COMMUNITY_A })
        .expect(201)
    ).body;
    expect(household.zeroEmployment).toBe(false);
    const husband = await person({ name: '户主' });
    const wife = await person({ name: '配偶' });
    await as(http().post(`/households/${household.id}/members`))
      .send({ personId: husband.id, relation: 'head' })
      .expect(201);
    const one = await as(http().get(`/households/${household.id}`)).expect(200);
    expect(one.body.zeroEmployment).toBe(false);
    const two = await as(http().post(`/households/${household.id}/members`))
      .send({ personId: wife.id, relation: 'spouse' })
      .expect(201);
    expect(two.body).toMatchObject({ zeroEmployment: true, zeroEmploymentSince: expect.any(String) });
    expect(two.body.members.map((m: { relation: string }) => m.relation)).toEqual(['head', 'spouse']);
    expect(await householdEvents(household.id)).toEqual(['people.household.zero-employment-started']);
    expect(await categoriesOf(husband.id)).toContain('zero-employment-household');

    // The wife finds a job: re-registering her with status employed ends the status.
    await as(http().post('/persons'))
      .send(
        registration({
          idNumber: idNumber('19900101', sequence - 1),
          name: '配偶',
          unemployment: { registeredOn: '2026-01-05', status: 'employed' },
        }),
      )
      .expect(200);
    const after = await as(http().get(`/households/${household.id}`)).expect(200);
    expect(after.body).toMatchObject({ zeroEmployment: false, zeroEmploymentSince: null });
    expect(await householdEvents(household.id)).toEqual([
      'people.household.zero-employment-started',
      'people.household.zero-employment-ended',
    ]);
    expect(await categoriesOf(husband.id)).not.toContain('zero-employment-household');
  });

  it('re-evaluates on household changes: business income ends it, removing a member ends it', async () => {
    const household = (
      await as(http().post('/households'))
        .send({ hukouType: 'urban', communityCode: COMMUNITY_A })
        .expect(201)
    ).body;
    const a = await person();
    const b = await person();
    await as(http().post(`/households/${household.id}/members`))
      .send({ personId: a.id, relation: 'parent' })
      .expect(201);
    await as(http().post(`/households/${household.id}/members`))
      .send({ personId: b.id, relation: 'child' })
      .expect(201);
    const income = await as(http().patch(`/households/${household.id}`))
      .send({ hasBusinessIncome: true })
      .expect(200);
    expect(income.body.zeroEmployment).toBe(false);
    await as(http().patch(`/households/${household.id}`))
      .send({ hasBusinessIncome: false })
      .expect(200);
    const removed = await as(http().delete(`/households/${household.id}/members/${b.id}`)).expect(200);
    expect(removed.body.zeroEmployment).toBe(false);
    expect(await householdEvents(household.id)).toEqual([
      'people.household.zero-employment-started',
      'people.household.zero-employment-ended',
      'people.household.zero-employment-started',
      'people.household.zero-employment-ended',
    ]);
    expect(await categoriesOf(b.id)).not.toContain('zero-employment-household');
  });

  it('does not count rural households, retirees or minors', async () => {
    const rural = (
      await as(http().post('/households'))
        .send({ hukouType: 'rural', communityCode: COMMUNITY_A })
        .expect(201)
    ).body;
    const x = await person();
    const y = await person();
    await as(http().post(`/households/${rural.id}/members`))
      .send({ personId: x.id, relation: 'head' })
      .expect(201);
    const both = await as(http().post(`/households/${rural.id}/members`))
      .send({ personId: y.id, relation: 'spouse' })
      .expect(201);
    expect(both.body.zeroEmployment).toBe(false);

    const urban = (
      await as(http().post('/households'))
        .send({ hukouType: 'urban', communityCode: COMMUNITY_A })
        .expect(201)
    ).body;
    const worker = await person();
    const retiree = await person({ idNumber: idNumber('19500101', 301) });
    await as(http().post(`/households/${urban.id}/members`))
      .send({ personId: worker.id, relation: 'child' })
      .expect(201);
    const mixed = await as(http().post(`/households/${urban.id}/members`))
      .send({ personId: retiree.id, relation: 'parent' })
      .expect(201);
    expect(mixed.body.zeroEmployment).toBe(false);
    const minor = await person({ idNumber: idNumber('20150101', 401) });
    const withMinor = await as(http().post(`/households/${urban.id}/members`))
      .send({ personId: minor.id, relation: 'grandchild' })
      .expect(201);
    expect(withMinor.body.zeroEmployment).toBe(false);
    await as(http().delete(`/households/${urban.id}/members/${retiree.id}`)).expect(200);
    const workerAndMinor = await as(http().get(`/households/${urban.id}`)).expect(200);
    expect(workerAndMinor.body).toMatchObject({ zeroEmployment: false });
    const adult = await person();
    const twoAdults = await as(http().post(`/households/${urban.id}/members`))
      .send({ personId: adult.id, relation: 'child' })
      .expect(201);
    expect(twoAdults.body.zeroEmployment).toBe(true);
  });

  it('refuses a person who already belongs to another household, and bad input', async () => {
    const first = (
      await as(http().post('/households')).send({ hukouType: 'urban', communityCode: COMMUNITY_A })
    ).body;
    const second = (
      await as(http().post('/households')).send({ hukouType: 'urban', communityCode: COMMUNITY_A })
    ).body;
    const p = await person();
    await as(http().post(`/households/${first.id}/members`))
      .send({ personId: p.id, relation: 'head' })
      .expect(201);
    await as(http().post(`/households/${second.id}/members`))
      .send({ personId: p.id, relation: 'head' })
      .expect(409);
    const bad = await as(http().post(`/households/${second.id}/members`))
      .send({ personId: p.id, relation: 'cousin' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'relation', rule: 'isIn' });
  });

  it('keeps households in their area: another district gets 404 on every route, the same area and admins see them', async () => {
    const jinjiang = tokenFor(['operator'], '510100/510104', 'op-jinjiang');
    const wuhouSupervisor = tokenFor(['supervisor'], '510100/510107', 'sup-wuhou');
    const admin = tokenFor(['admin'], '510100', 'admin-1');
    const by = <T extends request.Test>(token: string, test: T) =>
      test.set('authorization', `Bearer ${token}`);
    const household = (
      await as(http().post('/households'))
        .send({ hukouType: 'urban', communityCode: COMMUNITY_A, lowIncome: true })
        .expect(201)
    ).body;
    const member = await person();
    await as(http().post(`/households/${household.id}/members`))
      .send({ personId: member.id, relation: 'head' })
      .expect(201);

    await by(jinjiang, http().get(`/households/${household.id}`)).expect(404);
    await by(jinjiang, http().patch(`/households/${household.id}`))
      .send({ lowIncome: false })
      .expect(404);
    const theirs = await by(jinjiang, http().post('/persons'))
      .send(
        registration({
          idNumber: idNumber('19900101', sequence++, '510104'),
          communityCode: JINJIANG_COMMUNITY,
        }),
      )
      .expect(201);
    await by(jinjiang, http().post(`/households/${household.id}/members`))
      .send({ personId: theirs.body.person.id, relation: 'spouse' })
      .expect(404);
    await by(jinjiang, http().delete(`/households/${household.id}/members/${member.id}`)).expect(404);
    // Their own household cannot take a Wuhou person either: that person is not found for them.
    const own = (
      await by(jinjiang, http().post('/households'))
        .send({ hukouType: 'urban', communityCode: JINJIANG_COMMUNITY })
        .expect(201)
    ).body;
    const refused = await by(jinjiang, http().post(`/households/${own.id}/members`))
      .send({ personId: member.id, relation: 'head' })
      .expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'personId', rule: 'personExists' });
    // Nor create one in Wuhou.
    const outside = await by(jinjiang, http().post('/households'))
      .send({ hukouType: 'urban', communityCode: COMMUNITY_A })
      .expect(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'communityCode', rule: 'withinScope' });
    await as(http().get(`/households/${own.id}`)).expect(404);

    // Nothing changed by the refused calls.
    const seen = await by(wuhouSupervisor, http().get(`/households/${household.id}`)).expect(200);
    expect(seen.body).toMatchObject({
      lowIncome: true,
      members: [{ personId: member.id, relation: 'head' }],
    });
    for (const id of [household.id, own.id]) {
      await by(admin, http().get(`/households/${id}`)).expect(200);
    }
    await by(admin, http().patch(`/households/${own.id}`))
      .send({ lowIncome: true })
      .expect(200);
  });

  it('writes only events that match their contract schemas, with no personal data', async () => {
    const schemas = {
      [PeopleEventTypes.personRegistered]: personRegisteredSchema,
      [PeopleEventTypes.personUpdated]: personUpdatedSchema,
      [PeopleEventTypes.personCategoriesChanged]: personCategoriesChangedSchema,
      [PeopleEventTypes.householdZeroEmploymentStarted]: householdZeroEmploymentSchema,
      [PeopleEventTypes.householdZeroEmploymentEnded]: householdZeroEmploymentSchema,
    } as Record<string, Parameters<typeof parseEvent>[1]>;
    const rows: Array<{ event: { type: string } }> = await service.dataSource.query(
      `SELECT event FROM "${service.schema}".outbox`,
    );
    expect(new Set(rows.map((row) => row.event.type))).toEqual(new Set(Object.keys(schemas)));
    for (const row of rows) {
      expect(() => parseEvent(row.event, schemas[row.event.type])).not.toThrow();
      // An 18-character ID or an 11-digit mobile standing alone (UUID segments are 8/4/12 hex characters).
      expect(JSON.stringify(row.event)).not.toMatch(
        /(?<![0-9a-fA-F])(\d{17}[\dX]|1[3-9]\d{9})(?![0-9a-fA-F])/,
      );
    }
  });
});
