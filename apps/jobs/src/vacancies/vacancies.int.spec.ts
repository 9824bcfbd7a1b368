import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';

describe('vacancies (real Postgres and Kafka)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const employerA = '11111111-1111-4111-8111-111111111111';
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    service = await startJobs();
  });
  afterAll(() => service?.close());

  it('creates a vacancy for the employer in the token, with taken 0 and status open', async () => {
    const created = await http()
      .post('/employer/vacancies')
      .set(as(employerToken(employerA)))
      .send(vacancyBody())
      .expect(201);
    expect(created.body).toMatchObject({
      employerId: employerA,
      status: 'open',
      taken: 0,
      headcount: 3,
      title: '保洁员',
    });
    const staff = await http()
      .get(`/vacancies/${created.body.id}`)
      .set(as(tokenAs('operator')))
      .expect(200);
    expect(staff.body).toEqual(created.body);
  });

  it('refuses injected privileged fields and names bad fields in both languages, writing nothing', async () => {
    const before = (
      await http()
        .get('/vacancies')
        .set(as(tokenAs('operator')))
    ).body.total;
    const injected = await http()
      .post('/employer/vacancies')
      .set(as(employerToken(employerA)))
      .send(vacancyBody({ employerId: '22222222-2222-4222-8222-222222222222', status: 'closed', taken: 2 }))
      .expect(400);
    expect(injected.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'employerId',
      'status',
      'taken',
    ]);
    const invalid = await http()
      .post('/employer/vacancies')
      .set(as(employerToken(employerA)))
      .send(
        vacancyBody({
          wageMinFen: 500000,
          wageMaxFen: 400000,
          streetCode: '510104001',
          lat: 39.9,
          hours: 'nights',
        }),
      )
      .expect(400);
    expect(
      invalid.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort(),
    ).toEqual(['hours:isIn', 'lat:max']);
    const crossField = await http()
      .post('/employer/vacancies')
      .set(as(employerToken(employerA)))
      .send(vacancyBody({ wageMinFen: 500000, wageMaxFen: 400000, streetCode: '510104001' }))
      .expect(400);
    expect(crossField.body.errors).toEqual([
      expect.objectContaining({
        field: 'wageMaxFen',
        rule: 'notBelowMin',
        message: expect.objectContaining({ zh: expect.any(String) }),
      }),
      expect.objectContaining({ field: 'streetCode', rule: 'withinDistrict' }),
    ]);
    expect(
      (
        await http()
          .get('/vacancies')
          .set(as(tokenAs('operator')))
      ).body.total,
    ).toBe(before);
  });

  it('takes the point of a vacancy posted by community from the community, and keeps a point when nothing moves', async () => {
    const employer = as(employerToken(employerA));
    const {
      lat: _lat,
      lng: _lng,
      ...byPlace
    } = vacancyBody({
      title: '园艺工', // titled so the keyword searches below do not find it
      streetCode: '510107003',
      communityCode: '510107003002',
    });
    const posted = (await http().post('/employer/vacancies').set(employer).send(byPlace).expect(201)).body;
    expect(posted).toMatchObject({ communityCode: '510107003002', lat: 30.6309, lng: 104.0652 });

    // Another field changes: the point stays. The community changes: the point follows it.
    await http()
      .patch(`/employer/vacancies/${posted.id}`)
      .set(employer)
      .send({ title: '园艺组长' })
      .expect(200);
    const moved = await http()
      .patch(`/employer/vacancies/${posted.id}`)
      .set(employer)
      .send({ districtCode: '510104', streetCode: '510104003', communityCode: '510104003001' })
      .expect(200);
    expect(moved.body).toMatchObject({ title: '园艺组长', lat: 30.6572, lng: 104.0823 });

    // A street whose communities the tree does not list yet: the street's centroid.
    const byStreet = await http()
      .post('/employer/vacancies')
      .set(employer)
      .send({ ...byPlace, streetCode: '510107005', communityCode: undefined })
      .expect(201);
    expect(byStreet.body).toMatchObject({ communityCode: null, lat: 30.6081, lng: 104.0722 });

    // A vacancy posted with coordinates keeps them when edited without them.
    const withPoint = (
      await http()
        .post('/employer/vacancies')
        .set(employer)
        .send(vacancyBody({ title: '园艺工' }))
        .expect(201)
    ).body;
    const edited = await http()
      .patch(`/employer/vacancies/${withPoint.id}`)
      .set(employer)
      .send({ streetCode: '510107001', headcount: 4 })
      .expect(200);
    expect(edited.body).toMatchObject({ lat: 30.64, lng: 104.04, headcount: 4 });

    const unknown = await http()
      .post('/employer/vacancies')
      .set(employer)
      .send({ ...byPlace, communityCode: '510107003999' })
      .expect(400);
    expect(unknown.body.errors).toEqual([
      {
        field: 'communityCode',
        rule: 'knownCommunity',
        message: {
          zh: 'communityCode：不是组织树中有位置的社区',
          en: 'communityCode: is not a community of the org tree with a location',
        },
      },
    ]);
    const nowhere = await http()
      .post('/employer/vacancies')
      .set(employer)
      .send({ ...byPlace, districtCode: '510121', streetCode: '510121001', communityCode: undefined })
      .expect(400);
    expect(nowhere.body.errors).toEqual([
      expect.objectContaining({ field: 'communityCode', rule: 'isDefined' }),
    ]);
    const halfPoint = await http()
      .post('/employer/vacancies')
      .set(employer)
      .send({ ...byPlace, lat: 30.6 })
      .expect(400);
    expect(halfPoint.body.errors).toEqual([expect.objectContaining({ field: 'lng', rule: 'pairedWith' })]);
  });

  it('answers malformed bodies with 400 naming the field, never 500, and leaves the vacancy as it was', async () => {
    const employer = as(employerToken(employerA));
    // Titled so the keyword searches below do not find it.
    const vacancy = (
      await http()
        .post('/employer/vacancies')
        .set(employer)
        .send(vacancyBody({ title: '厨师', shiftNote: '早班' }))
        .expect(201)
    ).body;
    const refused = async (body: unknown, method: 'post' | 'patch' = 'patch') => {
      const path = method === 'post' ? '/employer/vacancies' : `/employer/vacancies/${vacancy.id}`;
      const response = await http()
        [method](path)
        .set(employer)
        .send(body as object);
      expect(`${JSON.stringify(body).slice(0, 60)} ${response.status}`).toBe(
        `${JSON.stringify(body).slice(0, 60)} 400`,
      );
      return [...new Set(response.body.errors.map((e: { field: string }) => e.field))];
    };
    expect(await refused({ title: null })).toEqual(['title']);
    expect(await refused({ wageMinFen: null })).toEqual(['wageMinFen']);
    expect(await refused({ skills: ['保洁', '   '] })).toEqual(['skills']);
    expect(await refused({ headcount: 1e300 })).toEqual(['headcount']);
    expect(await refused({ lat: 1e300 })).toEqual(['lat']);
    expect(await refused([])).toEqual(['body']);
    expect(await refused(vacancyBody({ skills: ['   '] }), 'post')).toEqual(['skills']);
    expect(await refused(vacancyBody({ wageMaxFen: 1e300 }), 'post')).toEqual(['wageMaxFen']);
    // What may be empty can still be cleared with null.
    await http()
      .patch(`/employer/vacancies/${vacancy.id}`)
      .set(employer)
      .send({ shiftNote: null })
      .expect(200);
    const after = (await http().get(`/employer/vacancies/${vacancy.id}`).set(employer).expect(200)).body;
    expect(after).toEqual({ ...vacancy, shiftNote: null, updatedAt: expect.any(String) });
  });

  it('finds 1-, 2- and 3-character Chinese keywords and nothing that only shares bigrams', async () => {
    const employer = employerToken(employerA);
    await http()
      .post('/employer/vacancies')
      .set(as(employer))
      .send(vacancyBody({ title: '快递员', description: '负责片区快件派送，电动车由公司提供。' }))
      .expect(201);
    await http()
      .post('/employer/vacancies')
      .set(as(employer))
      .send(vacancyBody({ title: '仓库管理员', description: '管理快递柜，协助投递员盘点。' }))
      .expect(201);
    const search = async (q: string) =>
      (
        await http()
          .get('/vacancies')
          .query({ q })
          .set(as(tokenAs('operator')))
          .expect(200)
      ).body.items.map((v: { title: string }) => v.title);
    expect((await search('递')).sort()).toEqual(['仓库管理员', '快递员']);
    expect(await search('快件')).toEqual(['快递员']);
    expect(await search('快递员')).toEqual(['快递员']);
    expect((await search('递员')).sort()).toEqual(['仓库管理员', '快递员']); // 投递员
    expect((await search('员')).sort()).toEqual(['仓库管理员', '快递员', '保洁员'].sort());
    expect(await search('。，')).toEqual([]);
    const page = await http()
      .get('/vacancies')
      .query({ q: '员' })
      .set(as(tokenAs('operator')))
      .expect(200);
    expect(page.body.total).toBeNull();
  });

  it('lets an employer close its vacancy but never lower headcount below what is taken', async () => {
    const employer = employerToken(employerA);
    const created = (
      await http()
        .post('/employer/vacancies')
        .set(as(employer))
        .send(vacancyBody({ headcount: 2 }))
        .expect(201)
    ).body;
    await service.dataSource.query(`UPDATE "${service.schema}".vacancies SET taken = 2 WHERE id = $1`, [
      created.id,
    ]);
    await http()
      .patch(`/employer/vacancies/${created.id}`)
      .set(as(employer))
      .send({ headcount: 1 })
      .expect(409);
    await http()
      .patch(`/employer/vacancies/${created.id}`)
      .set(as(employer))
      .send({ headcount: 5, title: '保洁主管' })
      .expect(200);
    const closed = await http().post(`/employer/vacancies/${created.id}/close`).set(as(employer)).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', headcount: 5, taken: 2, title: '保洁主管' });
  });
});
