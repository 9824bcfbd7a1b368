import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { AssistanceBasesService } from '../assistance-bases/assistance-bases.service';
import { EmployersConfig } from '../config';
import { EmployersService } from '../employers/employers.service';
import { WHOLE_CITY } from '../shared/area-scope';
import { startEmployers, testUscc, tokenAs, userAs } from '../testing/employers-test-app';
import { WelfarePoolsService } from '../welfare-pools/welfare-pools.service';
import { HoldInput, ReservationsService } from './reservations.service';

// Holds are made by the case workflow's activities (here: the service they call); staff read them and
// supervisors release them over HTTP, each in their own area.
describe('holds on assistance-base capacity and public-welfare slots (real Postgres)', () => {
  let service: TestServiceApp<EmployersConfig>;
  let reservations: ReservationsService;
  const employerIn: Record<string, string> = {};
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const inDistrict = (code: string) => ({ org: { code, path: `510100/${code}` } });
  // tokenAs puts operators and supervisors in 武侯 (510107).
  const wuhouSupervisor = tokenAs('supervisor');
  const wuhouOperator = tokenAs('operator');
  const jinjiangSupervisor = tokenAs('supervisor', inDistrict('510104'));
  const jinjiangOperator = tokenAs('operator', inDistrict('510104'));
  const citySupervisor = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
  const admin = tokenAs('admin');
  const hold = (n: number, categories = ['older_urban'], holdMinutes = 24 * 60): HoldInput => ({
    caseId: `case-${n}`,
    personId: `person-${n}`,
    categories,
    holdMinutes,
    actor: 'workflow',
    correlationId: `corr-${n}`,
  });

  beforeAll(async () => {
    service = await startEmployers();
    reservations = service.app.get(ReservationsService);
    for (const [n, district] of [
      [11, '510107'],
      [12, '510104'],
    ] as const)
      employerIn[district] = (
        await service.app.get(EmployersService).create(
          {
            uscc: testUscc(n),
            name: `成都托底安置服务有限公司${n}`,
            industry: '劳务派遣',
            districtCode: district,
            streetCode: `${district}002`,
            addressDetail: '大道 1 号',
            contacts: [],
          },
          userAs('admin'),
          'corr',
        )
      ).id;
  });
  afterAll(() => service?.close());

  const newBase = async (capacity: number, district = '510107') =>
    (
      await service.app.get(AssistanceBasesService).create(
        {
          employerId: employerIn[district],
          designatedFrom: '2026-01-01',
          designatedTo: '2026-12-31',
          acceptedCategories: ['older_urban', 'zero_employment_household'],
          capacities: [{ period: '2026-12', capacity }],
        },
        'supervisor',
        WHOLE_CITY,
      )
    ).id;
  const newPool = async (
    postType: string,
    fundedSlots: number,
    { districtCode = '510107', priorityReserve = 0, period = '2026-12' } = {},
  ) =>
    (
      await service.app
        .get(WelfarePoolsService)
        .create({ districtCode, postType, period, fundedSlots, priorityReserve }, 'supervisor', WHOLE_CITY)
    ).id;
  const baseTaken = async (baseId: string) =>
    (
      await service.dataSource.query(
        `SELECT taken FROM "${service.schema}".assistance_base_capacity WHERE base_id = $1 AND period = '2026-12'`,
        [baseId],
      )
    )[0].taken as number;
  const poolTaken = async (poolId: string) =>
    (
      await service.dataSource.query(`SELECT taken FROM "${service.schema}".welfare_pools WHERE id = $1`, [
        poolId,
      ])
    )[0].taken as number;
  const statusOf = (outcome: PromiseSettledResult<unknown>) =>
    outcome.status === 'fulfilled' ? 201 : (outcome.reason as { getStatus(): number }).getStatus();

  it('50 concurrent holds on capacity 3 hold exactly 3, and a retried case gets its own back', async () => {
    const baseId = await newBase(3);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) => reservations.reserveBaseCapacity(baseId, '2026-12', hold(n))),
    );
    expect(outcomes.filter((o) => statusOf(o) === 201)).toHaveLength(3);
    expect(outcomes.filter((o) => statusOf(o) === 409)).toHaveLength(47);
    const winner = outcomes.find((o) => o.status === 'fulfilled')!.value;
    const again = await reservations.reserveBaseCapacity(
      baseId,
      '2026-12',
      hold(Number(winner.caseId.slice(5))),
    );
    expect(again.id).toBe(winner.id);
    expect(await baseTaken(baseId)).toBe(3);
    // Capacity can never be declared below what is held.
    await http()
      .put(`/assistance-bases/${baseId}/capacity/2026-12`)
      .set(as(wuhouSupervisor))
      .send({ capacity: 2 })
      .expect(409);
  });

  it('refuses persons outside the accepted categories and periods outside the designation', async () => {
    const baseId = await newBase(5);
    await expect(
      reservations.reserveBaseCapacity(baseId, '2026-12', hold(1, ['disabled'])),
    ).rejects.toMatchObject({ status: 422 });
    await http()
      .put(`/assistance-bases/${baseId}/capacity/2027-01`)
      .set(as(wuhouSupervisor))
      .send({ capacity: 5 })
      .expect(200);
    await expect(reservations.reserveBaseCapacity(baseId, '2027-01', hold(1))).rejects.toMatchObject({
      status: 409,
    });
    expect(await baseTaken(baseId)).toBe(0);
  });

  it('confirms, releases and expires holds, giving units back exactly once', async () => {
    const baseId = await newBase(2);
    const a = await reservations.reserveBaseCapacity(baseId, '2026-12', hold(1));
    const b = await reservations.reserveBaseCapacity(baseId, '2026-12', hold(2, ['older_urban'], 1));
    await expect(reservations.reserveBaseCapacity(baseId, '2026-12', hold(3))).rejects.toMatchObject({
      status: 409,
    });
    expect((await reservations.confirm(a.id, 'workflow', 'corr')).status).toBe('confirmed');
    // A supervisor gives back a confirmed hold whose person left; a second release changes nothing.
    await http().post(`/reservations/${a.id}/release`).set(as(wuhouSupervisor)).expect(200);
    await http().post(`/reservations/${a.id}/release`).set(as(wuhouSupervisor)).expect(200);
    expect(await baseTaken(baseId)).toBe(1);
    const expired = await reservations.expireDue(new Date(Date.parse(b.expiresAt) + 1000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await http().get(`/reservations/${b.id}`).set(as(wuhouOperator))).body.status).toBe('expired');
    await expect(reservations.confirm(b.id, 'workflow', 'corr')).rejects.toMatchObject({ status: 409 });
    expect(await baseTaken(baseId)).toBe(0);
    const events = await service.dataSource.query(
      `SELECT event->>'type' AS type FROM "${service.schema}".outbox WHERE event->>'subject' = $1 ORDER BY created_at`,
      [b.id],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'employers.reservation.held',
      'employers.reservation.expired',
    ]);
    // Operators read holds; only supervisors and admins release them.
    await http().post(`/reservations/${b.id}/release`).set(as(wuhouOperator)).expect(403);
  });

  it('50 concurrent holds on a pool of 3 public-welfare slots take exactly 3; the reserve goes to categories', async () => {
    const poolId = await newPool('交通协管员', 3);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) => reservations.reserveWelfareSlot(poolId, hold(100 + n))),
    );
    expect(outcomes.filter((o) => statusOf(o) === 201)).toHaveLength(3);
    expect(outcomes.filter((o) => statusOf(o) === 409)).toHaveLength(47);

    const reserved = await newPool('社区网格员', 2, { priorityReserve: 1 });
    await reservations.reserveWelfareSlot(reserved, hold(201, []));
    await expect(reservations.reserveWelfareSlot(reserved, hold(202, []))).rejects.toThrow(/优先保留/);
    await reservations.reserveWelfareSlot(reserved, hold(203, ['older_urban']));
    expect(await poolTaken(reserved)).toBe(2);
  });

  it('no route makes, or confirms, a hold: a client cannot choose the categories that unlock a slot', async () => {
    // The whole pool is the priority reserve: only a person the people service registered with a category gets it.
    const poolId = await newPool('助残服务员', 1, { priorityReserve: 1 });
    const baseId = await newBase(1);
    const body = { caseId: 'case-forged', personId: 'person-forged', categories: ['older_urban'] };
    for (const token of [wuhouSupervisor, citySupervisor, admin]) {
      await http().post(`/welfare-pools/${poolId}/reservations`).set(as(token)).send(body).expect(404);
      await http()
        .post(`/assistance-bases/${baseId}/reservations`)
        .set(as(token))
        .send({ ...body, period: '2026-12' })
        .expect(404);
    }
    expect(await poolTaken(poolId)).toBe(0);
    expect(await baseTaken(baseId)).toBe(0);
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".reservations WHERE case_id = 'case-forged'`,
    );
    expect(count).toBe(0);
    // Confirming is the case's (a start confirmed through the hotline); the staff route is gone.
    const held = await reservations.reserveWelfareSlot(poolId, hold(401));
    await http().post(`/reservations/${held.id}/confirm`).set(as(admin)).expect(404);
    expect((await reservations.get(held.id, WHOLE_CITY)).status).toBe('held');
  });

  it("staff see and release holds of their own area only; another district's hold answers 404", async () => {
    // A month of its own: the escalation below must find this district's pool first.
    const wuhouPool = await newPool('保洁员', 5, { period: '2026-11' });
    const jinjiangPool = await newPool('保洁员', 5, { districtCode: '510104', period: '2026-11' });
    // Escalation records the case's area; a hold made straight at a pool takes the pool's district.
    const wuhou = await reservations.reserveForEscalation('510107', '2026-11', {
      ...hold(501),
      caseAreaPath: '510100/510107/510107002',
    });
    const jinjiang = await reservations.reserveWelfareSlot(jinjiangPool, hold(502));
    expect(wuhou!.poolId).toBe(wuhouPool);
    const listed = async (token: string) =>
      (
        (await http().get('/reservations').query({ limit: 100 }).set(as(token)).expect(200)).body
          .items as Array<{
          id: string;
        }>
      ).map((item) => item.id);

    for (const token of [jinjiangOperator, jinjiangSupervisor]) {
      await http().get(`/reservations/${wuhou!.id}`).set(as(token)).expect(404);
      expect(await listed(token)).toContain(jinjiang.id);
      expect(await listed(token)).not.toContain(wuhou!.id);
    }
    await http().get(`/reservations/${jinjiang.id}`).set(as(jinjiangOperator)).expect(200);
    // Filtering by the other district's pool finds nothing, not even a count.
    const filtered = await http()
      .get('/reservations')
      .query({ poolId: wuhouPool })
      .set(as(jinjiangSupervisor))
      .expect(200);
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
    for (const token of [citySupervisor, admin]) {
      expect(await listed(token)).toEqual(expect.arrayContaining([wuhou!.id, jinjiang.id]));
      await http().get(`/reservations/${wuhou!.id}`).set(as(token)).expect(200);
    }
    // A street operator sees the holds of cases in their street only.
    const otherStreet = tokenAs('operator', { org: { code: '510107003', path: '510100/510107/510107003' } });
    await http().get(`/reservations/${wuhou!.id}`).set(as(otherStreet)).expect(404);

    // Releasing another district's hold: 404, and the slot stays taken.
    await http().post(`/reservations/${wuhou!.id}/release`).set(as(jinjiangSupervisor)).expect(404);
    expect(await poolTaken(wuhouPool)).toBe(1);
    const released = await http()
      .post(`/reservations/${wuhou!.id}/release`)
      .set(as(wuhouSupervisor))
      .expect(200);
    expect(released.body.status).toBe('released');
    expect(await poolTaken(wuhouPool)).toBe(0);
  });

  it('shows staff the case, what is held, status and dates; never the person or their categories', async () => {
    const poolId = await newPool('护林员', 2);
    const held = await reservations.reserveWelfareSlot(poolId, hold(601, ['disabled']));
    const one = (await http().get(`/reservations/${held.id}`).set(as(wuhouSupervisor)).expect(200)).body;
    const list = (await http().get('/reservations').query({ poolId }).set(as(wuhouSupervisor)).expect(200))
      .body;
    for (const view of [one, list.items[0]]) {
      expect(Object.keys(view).sort()).toEqual(
        [
          'baseId',
          'caseId',
          'createdAt',
          'expiresAt',
          'id',
          'kind',
          'period',
          'poolId',
          'status',
          'updatedAt',
        ].sort(),
      );
      expect(JSON.stringify(view)).not.toContain('disabled');
    }
    // Nor are the categories kept with the hold.
    const [row] = await service.dataSource.query(
      `SELECT * FROM "${service.schema}".reservations WHERE id = $1`,
      [held.id],
    );
    expect(row).not.toHaveProperty('categories');
  });

  it('lists holds by pool, base, case and status, newest first, with the total', async () => {
    const pool = await newPool('绿化员', 5);
    const otherPool = await newPool('巡河员', 5);
    const baseId = await newBase(5);
    const slot = async (poolId: string, n: number) =>
      (await reservations.reserveWelfareSlot(poolId, hold(n))).id;
    const first = await slot(pool, 301);
    const second = await slot(pool, 302);
    await slot(otherPool, 303);
    const atBase = (await reservations.reserveBaseCapacity(baseId, '2026-12', hold(304))).id;
    await reservations.confirm(first, 'workflow', 'corr');

    const list = async (query: Record<string, string | number>) =>
      (await http().get('/reservations').query(query).set(as(wuhouOperator)).expect(200)).body as {
        items: Array<{ id: string; poolId: string | null; status: string }>;
        total: number;
      };
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

    expect(ids(await list({ poolId: pool }))).toEqual([second, first]);
    expect((await list({ poolId: pool, limit: 1 })).total).toBe(2);
    expect(ids(await list({ poolId: pool, status: 'held' }))).toEqual([second]);
    expect(ids(await list({ poolId: pool, status: 'confirmed' }))).toEqual([first]);
    expect(ids(await list({ baseId }))).toEqual([atBase]);
    expect(ids(await list({ caseId: 'case-302' }))).toEqual([second]);
    expect((await list({ poolId: otherPool, caseId: 'case-302' })).total).toBe(0);

    for (const [field, value] of [
      ['status', 'cancelled'],
      ['poolId', 'not-a-uuid'],
      ['baseId', '42'],
      ['offset', '1e20'],
      ['limit', '0'],
    ]) {
      const refused = await http()
        .get('/reservations')
        .query({ [field]: value })
        .set(as(wuhouOperator))
        .expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
  });
});
