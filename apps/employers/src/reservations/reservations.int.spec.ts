import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { EmployersConfig } from '../config';
import { startEmployers, testUscc, tokenAs } from '../testing/employers-test-app';
import { ReservationsService } from './reservations.service';

describe('assistance-base capacity and public-welfare slots (real Postgres)', () => {
  let service: TestServiceApp<EmployersConfig>;
  let employerId: string;
  const http = () => request(service.app.getHttpServer());
  const supervisor = tokenAs('supervisor');
  const operator = tokenAs('operator');
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const hold = (n: number, categories = ['older_urban']) => ({
    caseId: `case-${n}`,
    personId: `person-${n}`,
    categories,
  });

  beforeAll(async () => {
    service = await startEmployers();
    const employer = await http()
      .post('/employers')
      .set(as(supervisor))
      .send({
        uscc: testUscc(11),
        name: '成都托底安置服务有限公司',
        industry: '劳务派遣',
        districtCode: '510107',
        streetCode: '510107002',
        addressDetail: '武侯大道 1 号',
      })
      .expect(201);
    employerId = employer.body.id;
  });
  afterAll(() => service?.close());

  const newBase = async (capacity: number) =>
    (
      await http()
        .post('/assistance-bases')
        .set(as(supervisor))
        .send({
          employerId,
          designatedFrom: '2026-01-01',
          designatedTo: '2026-12-31',
          acceptedCategories: ['older_urban', 'zero_employment_household'],
          capacities: [{ period: '2026-12', capacity }],
        })
        .expect(201)
    ).body;

  it('50 concurrent reservations on capacity 3 hold exactly 3, and a retried case gets its own back', async () => {
    const base = await newBase(3);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        http()
          .post(`/assistance-bases/${base.id}/reservations`)
          .set(as(operator))
          .send({ ...hold(n), period: '2026-12' }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 409)).toHaveLength(47);
    const winner = answers.find((answer) => answer.status === 201)!;
    const again = await http()
      .post(`/assistance-bases/${base.id}/reservations`)
      .set(as(operator))
      .send({ ...hold(Number(winner.body.caseId.slice(5))), period: '2026-12' })
      .expect(201);
    expect(again.body.id).toBe(winner.body.id);
    expect((await http().get(`/assistance-bases/${base.id}`).set(as(operator))).body.capacities).toEqual([
      { period: '2026-12', capacity: 3, taken: 3 },
    ]);
    // Capacity can never be declared below what is held.
    await http()
      .put(`/assistance-bases/${base.id}/capacity/2026-12`)
      .set(as(supervisor))
      .send({ capacity: 2 })
      .expect(409);
  });

  it('refuses persons outside the accepted categories and periods outside the designation', async () => {
    const base = await newBase(5);
    await http()
      .post(`/assistance-bases/${base.id}/reservations`)
      .set(as(operator))
      .send({ ...hold(1, ['disabled']), period: '2026-12' })
      .expect(422);
    await http()
      .put(`/assistance-bases/${base.id}/capacity/2027-01`)
      .set(as(supervisor))
      .send({ capacity: 5 })
      .expect(200);
    await http()
      .post(`/assistance-bases/${base.id}/reservations`)
      .set(as(operator))
      .send({ ...hold(1), period: '2027-01' })
      .expect(409);
    const injected = await http()
      .post(`/assistance-bases/${base.id}/reservations`)
      .set(as(operator))
      .send({ ...hold(1), period: '2026-12', status: 'confirmed', taken: 0 })
      .expect(400);
    expect(
      injected.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort(),
    ).toEqual(['status:whitelistValidation', 'taken:whitelistValidation']);
  });

  it('confirms, releases and expires holds, giving units back exactly once', async () => {
    const base = await newBase(2);
    const reserve = (n: number, holdMinutes?: number) =>
      http()
        .post(`/assistance-bases/${base.id}/reservations`)
        .set(as(operator))
        .send({ ...hold(n), period: '2026-12', ...(holdMinutes ? { holdMinutes } : {}) });
    const a = (await reserve(1).expect(201)).body;
    const b = (await reserve(2, 1).expect(201)).body;
    await reserve(3).expect(409);
    await http().post(`/reservations/${a.id}/confirm`).set(as(operator)).expect(200);
    await http().post(`/reservations/${a.id}/release`).set(as(operator)).expect(200);
    await http().post(`/reservations/${a.id}/release`).set(as(operator)).expect(200);
    const taken = async () =>
      (await http().get(`/assistance-bases/${base.id}`).set(as(operator))).body.capacities[0].taken as number;
    expect(await taken()).toBe(1);
    const expired = await service.app.get(ReservationsService).expireDue(new Date(Date.now() + 2 * 60_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await http().get(`/reservations/${b.id}`).set(as(operator))).body.status).toBe('expired');
    await http().post(`/reservations/${b.id}/confirm`).set(as(operator)).expect(409);
    expect(await taken()).toBe(0);
    const events = await service.dataSource.query(
      `SELECT event->>'type' AS type FROM "${service.schema}".outbox WHERE event->>'subject' = $1 ORDER BY created_at`,
      [b.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'employers.reservation.held',
      'employers.reservation.expired',
    ]);
  });

  it('50 concurrent allocations on a pool of 3 public-welfare slots allocate exactly 3; the reserve goes to categories', async () => {
    const pool = (
      await http()
        .post('/welfare-pools')
        .set(as(supervisor))
        .send({ districtCode: '510107', postType: '交通协管员', period: '2026-12', fundedSlots: 3 })
        .expect(201)
    ).body;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        http()
          .post(`/welfare-pools/${pool.id}/reservations`)
          .set(as(supervisor))
          .send(hold(100 + n)),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(47);

    const reserved = (
      await http()
        .post('/welfare-pools')
        .set(as(supervisor))
        .send({
          districtCode: '510107',
          postType: '社区网格员',
          period: '2026-12',
          fundedSlots: 2,
          priorityReserve: 1,
        })
        .expect(201)
    ).body;
    const allocate = (n: number, categories: string[]) =>
      http().post(`/welfare-pools/${reserved.id}/reservations`).set(as(supervisor)).send(hold(n, categories));
    await allocate(201, []).expect(201);
    const refused = await allocate(202, []).expect(409);
    expect(refused.body.detail).toContain('优先保留');
    await allocate(203, ['older_urban']).expect(201);
    await http()
      .post(`/welfare-pools/${reserved.id}/reservations`)
      .set(as(operator))
      .send(hold(204))
      .expect(403);
  });

  it('lists holds by pool, base, case and status, newest first, with the total', async () => {
    const newPool = async (postType: string) =>
      (
        await http()
          .post('/welfare-pools')
          .set(as(supervisor))
          .send({ districtCode: '510107', postType, period: '2026-12', fundedSlots: 5 })
          .expect(201)
      ).body as { id: string };
    const pool = await newPool('保洁员');
    const otherPool = await newPool('护林员');
    const base = await newBase(5);
    const slot = async (poolId: string, n: number) =>
      (
        await http()
          .post(`/welfare-pools/${poolId}/reservations`)
          .set(as(supervisor))
          .send(hold(n))
          .expect(201)
      ).body.id as string;
    const first = await slot(pool.id, 301);
    const second = await slot(pool.id, 302);
    await slot(otherPool.id, 303);
    const atBase = (
      await http()
        .post(`/assistance-bases/${base.id}/reservations`)
        .set(as(operator))
        .send({ ...hold(304), period: '2026-12' })
        .expect(201)
    ).body.id as string;
    await http().post(`/reservations/${first}/confirm`).set(as(supervisor)).expect(200);

    const list = async (query: Record<string, string | number>) =>
      (await http().get('/reservations').query(query).set(as(operator)).expect(200)).body as {
        items: Array<{ id: string; poolId: string | null; status: string }>;
        total: number;
      };
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

    expect(ids(await list({ poolId: pool.id }))).toEqual([second, first]);
    expect((await list({ poolId: pool.id, limit: 1 })).total).toBe(2);
    expect(ids(await list({ poolId: pool.id, status: 'held' }))).toEqual([second]);
    expect(ids(await list({ poolId: pool.id, status: 'confirmed' }))).toEqual([first]);
    expect(ids(await list({ baseId: base.id }))).toEqual([atBase]);
    expect(ids(await list({ caseId: 'case-302' }))).toEqual([second]);
    expect((await list({ poolId: otherPool.id, caseId: 'case-302' })).total).toBe(0);

    for (const [field, value] of [
      ['status', 'cancelled'],
      ['poolId', 'not-a-uuid'],
      ['baseId', '42'],
    ]) {
      const refused = await http()
        .get('/reservations')
        .query({ [field]: value })
        .set(as(operator))
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });
});
