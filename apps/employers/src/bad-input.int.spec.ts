import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { EmployersConfig } from './config';
import { startEmployers, testUscc, tokenAs } from './testing/employers-test-app';

// Every staff route, fed malformed ids, huge offsets, empty arrays and strings of spaces: a 400 that names the
// field in both languages, never a 500, and nothing written.
describe('bad input on the employers routes (real Postgres)', () => {
  let service: TestServiceApp<EmployersConfig>;
  let employerId: string;
  const http = () => request(service.app.getHttpServer());
  const admin = { Authorization: `Bearer ${tokenAs('admin')}` };
  const unknownId = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    service = await startEmployers();
    employerId = (
      await http()
        .post('/employers')
        .set(admin)
        .send({
          uscc: testUscc(41),
          name: '成都输入校验有限公司',
          industry: '物业',
          districtCode: '510107',
          streetCode: '510107002',
          addressDetail: '武侯大道 2 号',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => service?.close());

  const base = (overrides: Record<string, unknown>) => ({
    employerId,
    designatedFrom: '2026-01-01',
    designatedTo: '2026-12-31',
    acceptedCategories: ['older_urban'],
    ...overrides,
  });
  const pool = (overrides: Record<string, unknown>) => ({
    districtCode: '510107',
    postType: '保洁员',
    period: '2026-12',
    fundedSlots: 2,
    ...overrides,
  });
  const employer = (overrides: Record<string, unknown>) => ({
    uscc: testUscc(42),
    name: '成都第二输入校验有限公司',
    industry: '物业',
    districtCode: '510107',
    streetCode: '510107002',
    addressDetail: '武侯大道 3 号',
    ...overrides,
  });

  const cases: Array<[string, () => request.Test, string]> = [
    ...['/employers', '/assistance-bases', '/welfare-pools', '/reservations'].flatMap(
      (path): Array<[string, () => request.Test, string]> => [
        [`GET ${path}?offset=1e20`, () => http().get(path).query({ offset: '1e20' }).set(admin), 'offset'],
        [
          `GET ${path}?offset=99999999999999999999999`,
          () => http().get(path).query({ offset: '99999999999999999999999' }).set(admin),
          'offset',
        ],
        [`GET ${path}?limit=-1`, () => http().get(path).query({ limit: -1 }).set(admin), 'limit'],
      ],
    ),
    ['GET /employers/{id} malformed', () => http().get('/employers/%20%20').set(admin), 'id'],
    ['PATCH /employers/{id} malformed', () => http().patch('/employers/x').set(admin).send({}), 'id'],
    ['GET /assistance-bases/{id} malformed', () => http().get('/assistance-bases/1').set(admin), 'id'],
    ['GET /welfare-pools/{id} malformed', () => http().get('/welfare-pools/xyz').set(admin), 'id'],
    ['GET /reservations/{id} malformed', () => http().get('/reservations/xyz').set(admin), 'id'],
    [
      'POST /reservations/{id}/release malformed',
      () => http().post('/reservations/xyz/release').set(admin),
      'id',
    ],
    [
      'PUT capacity, malformed base id',
      () => http().put('/assistance-bases/xyz/capacity/2026-12').set(admin).send({ capacity: 1 }),
      'id',
    ],
    [
      'PUT capacity, year 0',
      () => http().put(`/assistance-bases/${unknownId}/capacity/0000-01`).set(admin).send({ capacity: 1 }),
      'period',
    ],
    [
      'POST /employers, spaces',
      () =>
        http()
          .post('/employers')
          .set(admin)
          .send(employer({ name: '   ' })),
      'name',
    ],
    [
      'POST /employers, a contact that is a list',
      () =>
        http()
          .post('/employers')
          .set(admin)
          .send(employer({ contacts: [[]] })),
      'contacts',
    ],
    [
      'POST /assistance-bases, no categories',
      () =>
        http()
          .post('/assistance-bases')
          .set(admin)
          .send(base({ acceptedCategories: [] })),
      'acceptedCategories',
    ],
    [
      'POST /assistance-bases, a category of spaces',
      () =>
        http()
          .post('/assistance-bases')
          .set(admin)
          .send(base({ acceptedCategories: ['   '] })),
      'acceptedCategories',
    ],
    [
      'POST /assistance-bases, no such employer',
      () =>
        http()
          .post('/assistance-bases')
          .set(admin)
          .send(base({ employerId: unknownId })),
      'employerId',
    ],
    [
      'POST /assistance-bases, one period twice',
      () =>
        http()
          .post('/assistance-bases')
          .set(admin)
          .send(
            base({
              capacities: [
                { period: '2026-01', capacity: 1 },
                { period: '2026-01', capacity: 2 },
              ],
            }),
          ),
      'capacities',
    ],
    [
      'POST /welfare-pools, post type of spaces',
      () =>
        http()
          .post('/welfare-pools')
          .set(admin)
          .send(pool({ postType: '   ' })),
      'postType',
    ],
    [
      'POST /welfare-pools, no such employer',
      () =>
        http()
          .post('/welfare-pools')
          .set(admin)
          .send(pool({ employerId: unknownId })),
      'employerId',
    ],
    [
      'GET /welfare-pools, district of spaces',
      () => http().get('/welfare-pools').query({ districtCode: '  ' }).set(admin),
      'districtCode',
    ],
  ];

  it.each(cases)('%s: 400 naming the field', async (_label, send, field) => {
    const answer = await send();
    expect(answer.status).toBe(400);
    const errors = answer.body.errors as Array<{ field: string; message: { zh: string; en: string } }>;
    expect(errors.map((error) => error.field.split('.')[0])).toContain(field);
    for (const error of errors) {
      expect(error.message.en).toMatch(/\w/);
      expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('wrote nothing for any of them', async () => {
    const count = async (table: string) =>
      (await service.dataSource.query(`SELECT count(*)::int AS n FROM "${service.schema}".${table}`))[0].n;
    expect(await count('assistance_bases')).toBe(0);
    expect(await count('welfare_pools')).toBe(0);
    expect(await count('employers')).toBe(1);
  });
});
