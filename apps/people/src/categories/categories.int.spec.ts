import request from 'supertest';
import { FixedClock } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import { idNumber, registration, startPeople, tokenFor } from '../testing/people-test-app';

describe('assistance categories as data (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator']);
  const admin = tokenFor(['admin'], '510100');
  const http = () => request(service.app.getHttpServer());
  const register = (overrides: Record<string, unknown>) =>
    http().post('/persons').set('authorization', `Bearer ${operator}`).send(registration(overrides));
  const categoryEvents = async (personId: string) =>
    (
      await service.dataSource.query(
        `SELECT event FROM "${service.schema}".outbox WHERE message_key = $1 AND event->>'type' = $2
         ORDER BY created_at, id`,
        [personId, 'people.person.categories-changed'],
      )
    ).map((row: { event: { data: unknown } }) => row.event.data);

  // "Today" for every evaluation: ages and months unemployed never depend on the day the spec runs.
  const clock = new FixedClock(new Date('2026-09-15T02:00:00Z'));

  beforeAll(async () => {
    service = await startPeople({}, clock);
  });
  afterAll(() => service?.close());

  it('lists the ten seeded categories with their rules', async () => {
    const response = await http()
      .get('/assistance-categories')
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(response.body).toHaveLength(10);
    expect(response.body[0]).toMatchObject({
      code: 'older-urban-unemployed',
      nameZh: '城镇大龄失业人员',
      active: true,
    });
  });

  it('evaluates a person on registration, stores each match with reasons and the evaluation time, and re-evaluates on change', async () => {
    const id = idNumber('19800505', 202); // woman, 46
    const created = await register({
      idNumber: id,
      unemployment: { registeredOn: '2026-01-05', status: 'registered' },
    }).expect(201);
    const person = created.body.person;
    expect(person.categoriesEvaluatedAt).toEqual(expect.any(String));
    expect(person.categories).toEqual([
      {
        code: 'older-urban-unemployed',
        evaluatedAt: person.categoriesEvaluatedAt,
        reasons: expect.arrayContaining([
          { fact: 'gender', op: 'eq', expected: 'female', actual: 'female' },
          { fact: 'age', op: 'gte', expected: 40, actual: 46 },
          { fact: 'unemployedMonths', op: 'gte', expected: 6, actual: expect.any(Number) },
        ]),
      },
    ]);
    const updated = await register({
      idNumber: id,
      constraints: { disabilityCertificateNo: '51010719800505202X1' },
      circumstances: { minimumLivingAllowance: true },
    }).expect(200);
    expect(updated.body.person.categories.map((c: { code: string }) => c.code)).toEqual([
      'older-urban-unemployed',
      'minimum-living-allowance',
      'disabled',
    ]);
    expect(updated.body.person.constraints).toEqual({
      disabilityCertificate: true,
      disabilityCertificateMasked: '510****************',
      hours: null,
      maxDistanceKm: null,
    });
    expect(JSON.stringify(updated.body)).not.toContain('51010719800505202X1');
    // The events say that the categories changed, not which: no 'disabled' or 低保 next to the person id.
    const events = await categoryEvents(person.id);
    expect(events).toEqual([
      { personId: person.id, evaluatedAt: person.categoriesEvaluatedAt },
      { personId: person.id, evaluatedAt: updated.body.person.categoriesEvaluatedAt },
    ]);
    const employed = await register({
      idNumber: id,
      unemployment: { registeredOn: '2026-01-05', status: 'employed' },
    }).expect(200);
    expect(employed.body.person.categories).toEqual([]);
  });

  it('uses the 2025 retirement ages: a woman of 55 may still be of working age, a man of 60 may not', async () => {
    // Born May 1971: retires at 55 years 5 months (2026-10-01); before the reform she retired at 55.
    const woman = await register({ idNumber: idNumber('19710501', 204) }).expect(201);
    expect(woman.body.person.categories).toEqual([
      expect.objectContaining({
        code: 'older-urban-unemployed',
        reasons: expect.arrayContaining([{ fact: 'workingAge', op: 'eq', expected: true, actual: true }]),
      }),
    ]);
    // Born March 1966: retired at 60 years 4 months (2026-07-01).
    const man = await register({ idNumber: idNumber('19660301', 205) }).expect(201);
    expect(man.body.person.categories).toEqual([]);
    // Born September 1966: retires at 60 years 6 months (2027-03-01), so he is of working age today.
    const younger = await register({ idNumber: idNumber('19660901', 207) }).expect(201);
    expect(younger.body.person.categories.map((c: { code: string }) => c.code)).toEqual([
      'older-urban-unemployed',
    ]);
  });

  it('adds a category through the API and applies it without a code change', async () => {
    const young = await register({
      idNumber: idNumber('20000101', 203),
      circumstances: { graduate: true },
    }).expect(201);
    expect(young.body.person.categories).toEqual([]);
    const rule = {
      all: [
        { fact: 'registeredUnemployed', eq: true },
        { fact: 'age', lt: 30 },
        { fact: 'graduate', eq: true },
      ],
    };
    await http()
      .put('/assistance-categories/young-graduate')
      .set('authorization', `Bearer ${operator}`)
      .send({ nameZh: '青年毕业生', nameEn: 'Young graduate', rule })
      .expect(403);
    const bad = await http()
      .put('/assistance-categories/young-graduate')
      .set('authorization', `Bearer ${admin}`)
      .send({ nameZh: '青年毕业生', nameEn: 'Young graduate', rule: { fact: 'shoeSize', gte: 40 } })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({
      rule: 'categoryRule',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    await http()
      .put('/assistance-categories/young-graduate')
      .set('authorization', `Bearer ${admin}`)
      .send({ nameZh: '青年毕业生', nameEn: 'Young graduate', rule })
      .expect(200);
    const evaluated = await http()
      .post(`/persons/${young.body.person.id}/categories/evaluate`)
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(evaluated.body.categories).toEqual([
      expect.objectContaining({
        code: 'young-graduate',
        reasons: expect.arrayContaining([{ fact: 'age', op: 'lt', expected: 30, actual: 26 }]),
      }),
    ]);
    const listed = await http()
      .get('/persons')
      .query({ category: 'young-graduate' })
      .set('authorization', `Bearer ${operator}`)
      .expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([young.body.person.id]);
  });
});
