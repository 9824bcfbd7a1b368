import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { EmployersConfig } from './config';
import { startEmployers, testUscc, tokenAs } from './testing/employers-test-app';

// Pools belong to their district (city-wide ones to the city), bases to their employer's area: staff read, and
// supervisors change, only what lies in their own unit and below; another district's object answers 404.
describe('public-welfare pools and assistance bases are scoped to the caller’s area (real Postgres)', () => {
  let service: TestServiceApp<EmployersConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const inDistrict = (code: string) => ({ org: { code, path: `510100/${code}` } });
  const wuhouSupervisor = tokenAs('supervisor', inDistrict('510107'));
  const wuhouOperator = tokenAs('operator', inDistrict('510107'));
  const jinjiangSupervisor = tokenAs('supervisor', inDistrict('510104'));
  const jinjiangOperator = tokenAs('operator', inDistrict('510104'));
  const citySupervisor = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
  const admin = tokenAs('admin');
  const employerIn: Record<string, string> = {};

  beforeAll(async () => {
    service = await startEmployers();
    for (const [n, district] of [
      [51, '510107'],
      [52, '510104'],
    ] as const)
      employerIn[district] = (
        await http()
          .post('/employers')
          .set(as(admin))
          .send({
            uscc: testUscc(n),
            name: `成都辖区测试有限公司${n}`,
            industry: '物业',
            districtCode: district,
            streetCode: `${district}001`,
            addressDetail: '一环路 1 号',
          })
          .expect(201)
      ).body.id;
  });
  afterAll(() => service?.close());

  const ids = async (path: string, token: string) =>
    (
      (await http().get(path).query({ limit: 100 }).set(as(token)).expect(200)).body.items as Array<{
        id: string;
      }>
    ).map((item) => item.id);

  it('pools: a district supervisor registers and sees their district’s; the city sees all', async () => {
    const createPool = (token: string, districtCode: string) =>
      http()
        .post('/welfare-pools')
        .set(as(token))
        .send({ districtCode, postType: '交通协管员', period: '2026-12', fundedSlots: 2 });
    const wuhou = (await createPool(wuhouSupervisor, '510107').expect(201)).body.id;
    const jinjiang = (await createPool(jinjiangSupervisor, '510104').expect(201)).body.id;
    const cityWide = (await createPool(citySupervisor, '510100').expect(201)).body.id;
    // Another district's pool, or a city-wide one, is not a district supervisor's to register.
    for (const district of ['510104', '510100']) {
      const refused = await createPool(wuhouSupervisor, district).expect(403);
      expect(refused.body.errors[0]).toMatchObject({ field: 'districtCode', rule: 'withinYourArea' });
    }

    await http().get(`/welfare-pools/${jinjiang}`).set(as(wuhouSupervisor)).expect(404);
    await http().get(`/welfare-pools/${cityWide}`).set(as(wuhouSupervisor)).expect(404);
    await http().get(`/welfare-pools/${wuhou}`).set(as(wuhouSupervisor)).expect(200);
    expect(await ids('/welfare-pools', wuhouSupervisor)).toEqual([wuhou]);
    expect(await ids('/welfare-pools', jinjiangSupervisor)).toEqual([jinjiang]);
    // Asking for another district by name finds nothing either.
    const filtered = await http()
      .get('/welfare-pools')
      .query({ districtCode: '510104' })
      .set(as(wuhouSupervisor))
      .expect(200);
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
    for (const token of [citySupervisor, admin]) {
      expect((await ids('/welfare-pools', token)).sort()).toEqual([wuhou, jinjiang, cityWide].sort());
      await http().get(`/welfare-pools/${jinjiang}`).set(as(token)).expect(200);
    }
    // Operators do not allocate public-welfare posts.
    await http().get('/welfare-pools').set(as(wuhouOperator)).expect(403);
  });

  it('pools: an employer outside the caller’s area cannot be named as the one running the posts', async () => {
    const refused = await http()
      .post('/welfare-pools')
      .set(as(wuhouSupervisor))
      .send({
        districtCode: '510107',
        postType: '社区网格员',
        period: '2026-12',
        fundedSlots: 1,
        employerId: employerIn['510104'],
      })
      .expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'employerId', rule: 'exists' });
  });

  it('bases: designated for employers in the caller’s area, read and given capacity there only', async () => {
    const designate = (token: string, district: string) =>
      http()
        .post('/assistance-bases')
        .set(as(token))
        .send({
          employerId: employerIn[district],
          designatedFrom: '2026-01-01',
          designatedTo: '2026-12-31',
          acceptedCategories: ['older_urban'],
          capacities: [{ period: '2026-12', capacity: 3 }],
        });
    const wuhou = (await designate(wuhouSupervisor, '510107').expect(201)).body.id;
    const jinjiang = (await designate(jinjiangSupervisor, '510104').expect(201)).body.id;
    // Another district's employer is as unknown as one that does not exist.
    const refused = await designate(wuhouSupervisor, '510104').expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'employerId', rule: 'exists' });

    for (const token of [jinjiangOperator, jinjiangSupervisor]) {
      await http().get(`/assistance-bases/${wuhou}`).set(as(token)).expect(404);
      expect(await ids('/assistance-bases', token)).toEqual([jinjiang]);
    }
    await http().get(`/assistance-bases/${wuhou}`).set(as(wuhouOperator)).expect(200);
    for (const token of [citySupervisor, admin])
      expect((await ids('/assistance-bases', token)).sort()).toEqual([wuhou, jinjiang].sort());

    // Capacity of another district's base: 404, and nothing changes.
    await http()
      .put(`/assistance-bases/${wuhou}/capacity/2026-12`)
      .set(as(jinjiangSupervisor))
      .send({ capacity: 9 })
      .expect(404);
    await http()
      .put(`/assistance-bases/${wuhou}/capacity/2027-01`)
      .set(as(jinjiangSupervisor))
      .send({ capacity: 9 })
      .expect(404);
    const unchanged = (await http().get(`/assistance-bases/${wuhou}`).set(as(admin)).expect(200)).body;
    expect(unchanged.capacities).toEqual([{ period: '2026-12', capacity: 3, taken: 0 }]);
    const own = await http()
      .put(`/assistance-bases/${wuhou}/capacity/2027-01`)
      .set(as(wuhouSupervisor))
      .send({ capacity: 4 })
      .expect(200);
    expect(own.body).toEqual({ period: '2027-01', capacity: 4, taken: 0 });
    await http()
      .put(`/assistance-bases/${wuhou}/capacity/2027-01`)
      .set(as(wuhouOperator))
      .send({ capacity: 5 })
      .expect(403);
  });
});
