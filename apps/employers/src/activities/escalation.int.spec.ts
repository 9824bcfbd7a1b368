import { ApplicationFailure } from '@temporalio/common';
import type { EmployersActivities, ReserveForEscalationInput } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { EmployersConfig } from '../config';
import { EmployersService } from '../employers/employers.service';
import { AssistanceBasesService } from '../assistance-bases/assistance-bases.service';
import { ReservationsService } from '../reservations/reservations.service';
import { WHOLE_CITY } from '../shared/area-scope';
import { WelfarePoolsService } from '../welfare-pools/welfare-pools.service';
import { startEmployers, testUscc, userAs } from '../testing/employers-test-app';
import { createEmployersActivities } from './employers.activities';

// Each test uses its own period, so the pools and capacities of one never serve another.
describe('automatic escalation: reserveForEscalation (real Postgres)', () => {
  let service: TestServiceApp<EmployersConfig>;
  let activities: EmployersActivities;
  let reservations: ReservationsService;
  let pools: WelfarePoolsService;
  let bases: AssistanceBasesService;
  const employerIn: Record<string, string> = {};

  beforeAll(async () => {
    service = await startEmployers();
    reservations = service.app.get(ReservationsService);
    pools = service.app.get(WelfarePoolsService);
    bases = service.app.get(AssistanceBasesService);
    activities = createEmployersActivities({ reservations });
    for (const [n, district] of [
      [31, '510104'],
      [32, '510105'],
    ] as const) {
      employerIn[district] = (
        await service.app.get(EmployersService).create(
          {
            uscc: testUscc(n),
            name: `成都托底安置服务有限公司${n}`,
            industry: '劳务派遣',
            districtCode: district,
            streetCode: `${district}001`,
            addressDetail: '人民南路 1 号',
            contacts: [],
          },
          userAs('admin'),
          'corr',
        )
      ).id;
    }
  });
  afterAll(() => service?.close());

  const pool = async (districtCode: string, period: string, fundedSlots = 1, postType = '城市管理协管员') =>
    (
      await pools.create(
        { districtCode, postType, period, fundedSlots, priorityReserve: 0 },
        'supervisor',
        WHOLE_CITY,
      )
    ).id as string;
  const base = async (district: string, period: string, capacity: number) =>
    (
      await bases.create(
        {
          employerId: employerIn[district],
          designatedFrom: `${period.slice(0, 4)}-01-01`,
          designatedTo: `${period.slice(0, 4)}-12-31`,
          acceptedCategories: ['older_urban', 'disabled'],
          capacities: [{ period, capacity }],
        },
        'supervisor',
        WHOLE_CITY,
      )
    ).id as string;
  const escalate = (caseId: string, period: string, overrides: Partial<ReserveForEscalationInput> = {}) =>
    activities.reserveForEscalation({
      actor: { username: 'workflow' },
      correlationId: caseId,
      caseId,
      personId: `person-${caseId}`,
      categories: ['older_urban'],
      districtCode: '510104',
      period,
      ...overrides,
    });
  const poolTaken = async (id: string) =>
    (
      await service.dataSource.query(`SELECT taken FROM "${service.schema}".welfare_pools WHERE id = $1`, [
        id,
      ])
    )[0].taken as number;
  const baseTaken = async (id: string, period: string) =>
    (
      await service.dataSource.query(
        `SELECT taken FROM "${service.schema}".assistance_base_capacity WHERE base_id = $1 AND period = $2`,
        [id, period],
      )
    )[0].taken as number;
  const noCapacity = (promise: Promise<unknown>) =>
    expect(promise).rejects.toMatchObject({
      type: 'NoEscalationCapacity',
      nonRetryable: true,
      message: expect.stringMatching(/No public-welfare slot.*没有可用/),
    });

  it('takes a welfare slot of the district, then a city-wide one, then base capacity, then fails', async () => {
    const period = '2027-01';
    const cityPool = await pool('510100', period, 1, '全市河道巡查员');
    const districtPool = await pool('510104', period);
    const otherDistrictPool = await pool('510105', period);
    const baseId = await base('510104', period, 1);

    const first = await escalate('esc-1', period);
    // Named for the case's timeline: a pool by its post type, a base by its employer.
    expect(first).toMatchObject({
      kind: 'welfare_slot',
      status: 'held',
      targetId: districtPool,
      targetName: '城市管理协管员',
    });
    expect(await escalate('esc-1', period)).toEqual(first); // a retry is the same reservation
    expect(await poolTaken(districtPool)).toBe(1);

    expect(await escalate('esc-2', period)).toMatchObject({
      kind: 'welfare_slot',
      targetId: cityPool,
      targetName: '全市河道巡查员',
    });
    // Both welfare pools it may use are full: the district's base.
    expect(await escalate('esc-3', period)).toMatchObject({
      kind: 'assistance_base',
      targetId: baseId,
      targetName: '成都托底安置服务有限公司31',
    });
    expect(await baseTaken(baseId, period)).toBe(1);
    await noCapacity(escalate('esc-4', period));
    expect(await poolTaken(otherDistrictPool)).toBe(0);
    const [{ reservations: written }] = await service.dataSource.query(
      `SELECT count(*)::int AS reservations FROM "${service.schema}".reservations WHERE case_id LIKE 'esc-%'`,
    );
    expect(written).toBe(3);
  });

  it('takes base capacity when no welfare pool serves the period, the district base before another', async () => {
    const period = '2027-02';
    const elsewhere = await base('510105', period, 1); // created first: order alone would pick it
    const inDistrict = await base('510104', period, 1);
    const chosen = await escalate('esc-base-1', period, { categories: ['disabled'] });
    expect(chosen).toMatchObject({
      kind: 'assistance_base',
      status: 'held',
      targetId: inDistrict,
      targetName: '成都托底安置服务有限公司31',
    });
    expect(await escalate('esc-base-2', period)).toMatchObject({
      targetId: elsewhere,
      targetName: '成都托底安置服务有限公司32',
    });
    expect(await baseTaken(inDistrict, period)).toBe(1);
    expect(await baseTaken(elsewhere, period)).toBe(1);
  });

  it('escalates a person without a category to a base, never to a welfare slot; a category outside the base is refused', async () => {
    const period = '2027-03';
    const poolId = await pool('510104', period);
    const baseId = await base('510104', period, 1);
    // The promise covers everyone who does not pick and choose: no category → a base (welfare slots need one).
    expect(await escalate('esc-none', period, { categories: [] })).toMatchObject({
      kind: 'assistance_base',
      targetId: baseId,
    });
    expect(await poolTaken(poolId)).toBe(0);
    // Pools list no categories: any assistance category qualifies for a slot.
    expect(await escalate('esc-other-1', period, { categories: ['ex_prisoner'] })).toMatchObject({
      kind: 'welfare_slot',
      targetId: poolId,
    });
    // The pool is full, the base is full, and it need not take this category anyway.
    await noCapacity(escalate('esc-other-2', period, { categories: ['ex_prisoner'] }));
    expect(await poolTaken(poolId)).toBe(1);
    expect(await baseTaken(baseId, period)).toBe(1);
  });

  it('never holds two units for one case, nor more than the capacity, under concurrent calls', async () => {
    const period = '2027-04';
    const baseId = await base('510104', period, 2);
    const same = await Promise.all([escalate('esc-same', period), escalate('esc-same', period)]);
    expect(same[1].reservationId).toBe(same[0].reservationId);
    expect(await baseTaken(baseId, period)).toBe(1);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, n) => escalate(`esc-many-${n}`, period)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ type: 'NoEscalationCapacity' });
    expect(await baseTaken(baseId, period)).toBe(2);
  });

  it("records the case's area on the hold: its community when sent, else its district", async () => {
    const period = '2027-05';
    const baseId = await base('510104', period, 3);
    const areaOf = async (reservationId: string) =>
      (
        await service.dataSource.query(
          `SELECT org_path FROM "${service.schema}".reservations WHERE id = $1`,
          [reservationId],
        )
      )[0].org_path as string;
    const inCommunity = await escalate('esc-area-1', period, { caseCommunityCode: '510104001002' });
    expect(await areaOf(inCommunity.reservationId)).toBe('510100/510104/510104001/510104001002');
    const inDistrict = await escalate('esc-area-2', period);
    expect(await areaOf(inDistrict.reservationId)).toBe('510100/510104');
    // A hold made straight at a pool records the case's community too, else the pool's district.
    const poolId = await pool('510105', period, 2);
    const direct = {
      actor: { username: 'workflow' },
      correlationId: 'c',
      personId: 'p',
      categories: [],
      poolId,
    };
    const atPool = await activities.reserveWelfareSlot({
      ...direct,
      caseId: 'esc-area-4',
      caseCommunityCode: '510105002003',
    });
    expect(await areaOf(atPool.reservationId)).toBe('510100/510105/510105002/510105002003');
    const atPoolNoCase = await activities.reserveWelfareSlot({ ...direct, caseId: 'esc-area-5' });
    expect(await areaOf(atPoolNoCase.reservationId)).toBe('510100/510105');
    // A community outside the case's district is refused, and nothing is held.
    const error = await escalate('esc-area-3', period, { caseCommunityCode: '510105001001' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ type: 'Problem400', nonRetryable: true });
    expect(JSON.stringify((error as ApplicationFailure).details)).toContain('"field":"caseCommunityCode"');
    expect(await baseTaken(baseId, period)).toBe(2);
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".reservations WHERE case_id = 'esc-area-3'`,
    );
    expect(count).toBe(0);
  });

  it('refuses bad input as a non-retryable failure naming the field', async () => {
    const error = await escalate('esc-bad', '2027-13', { districtCode: '110101' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'Problem400', nonRetryable: true });
    const fields = JSON.stringify((error as ApplicationFailure).details);
    expect(fields).toContain('"field":"districtCode"');
    expect(fields).toContain('"field":"period"');
  });
});
