import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';

describe('matching (real Postgres)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const employer = employerToken('44444444-4444-4444-8444-444444444444');
  // A person at 武侯区浆洗街 (30.64, 104.04).
  const person = {
    skills: ['保洁', '收银'],
    lat: 30.64,
    lng: 104.04,
    maxDistanceKm: 5,
    categories: [] as string[],
  };
  const match = async (overrides: Record<string, unknown> = {}) =>
    (
      await http()
        .post('/matching')
        .set(as(tokenAs('operator')))
        .send({ person: { ...person, ...overrides } })
        .expect(200)
    ).body.items as Array<{
      title: string;
      score: number;
      distanceKm: number;
      factors: Record<string, number>;
      reason: { zh: string; en: string };
    }>;

  beforeAll(async () => {
    service = await startJobs();
    const create = (overrides: Record<string, unknown>) =>
      http().post('/employer/vacancies').set(as(employer)).send(vacancyBody(overrides)).expect(201);
    await create({ title: '近处保洁员', skills: ['保洁'], lat: 30.641, lng: 104.041 });
    await create({ title: '稍远收银员', skills: ['收银'], lat: 30.66, lng: 104.06, hours: 'shift' });
    await create({ title: '远处保洁员', skills: ['保洁'], lat: 30.8, lng: 104.2 }); // ~23 km: beyond 5 km
    await create({
      title: '搬运工',
      skills: ['搬运'],
      physicalDemand: 'heavy',
      lat: 30.642,
      lng: 104.04,
      noExperience: false,
    });
    // Employers cannot post public kinds: the bureau's designation is written here directly.
    const welfare = (
      await create({ title: '公益性岗位：交通协管员', lat: 30.642, lng: 104.041, disabledSuitable: true })
    ).body;
    await service.dataSource.query(
      `UPDATE "${service.schema}".vacancies SET kind = 'public_welfare' WHERE id = $1`,
      [welfare.id],
    );
    const full = (await create({ title: '已满员保洁', lat: 30.641, lng: 104.04, headcount: 1 })).body;
    await service.dataSource.query(`UPDATE "${service.schema}".vacancies SET taken = 1 WHERE id = $1`, [
      full.id,
    ]);
    await create({
      title: '过期保洁',
      lat: 30.641,
      lng: 104.04,
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    });
  });
  afterAll(() => service?.close());

  it('filters hard constraints and ranks the rest with a score per factor and a readable reason', async () => {
    const items = await match();
    expect(items.map((item) => item.title)).toEqual(['近处保洁员', '稍远收银员', '搬运工']);
    const [first] = items;
    expect(Object.keys(first.factors).sort()).toEqual([
      'constraints',
      'distance',
      'freshness',
      'hours',
      'skills',
      'wage',
    ]);
    expect(first.factors.skills).toBe(1);
    expect(first.distanceKm).toBeLessThan(0.3);
    expect(first.reason.zh).toContain('技能匹配：保洁');
    expect(first.reason.zh).toMatch(/距离约 0\.\d 公里/);
    expect(items[0].score).toBeGreaterThan(items[2].score);
  });

  it("applies the person's constraints as hard filters and opens welfare posts to assistance categories", async () => {
    expect((await match({ maxPhysicalDemand: 'moderate' })).map((i) => i.title)).not.toContain('搬运工');
    expect((await match({ acceptedHours: ['full_time'] })).map((i) => i.title)).not.toContain('稍远收银员');
    expect(
      (await match({ needsDisabledSuitable: true, categories: ['disabled'] })).map((i) => i.title),
    ).toEqual(['公益性岗位：交通协管员']);
    expect((await match({ maxDistanceKm: 30 })).map((i) => i.title)).toContain('远处保洁员');
    const preferred = await match({ preferredHours: 'shift', minWageFen: 400000 });
    const shift = preferred.find((i) => i.title === '稍远收银员')!;
    expect(shift.factors.hours).toBe(1);
    expect(preferred.find((i) => i.title === '近处保洁员')!.factors).toMatchObject({
      hours: 0.5,
      wage: expect.any(Number),
    });
    expect(preferred.find((i) => i.title === '近处保洁员')!.reason.zh).toContain('低于期望');
  });

  it('rejects a malformed person with bilingual field errors', async () => {
    const response = await http()
      .post('/matching')
      .set(as(tokenAs('operator')))
      .send({ person: { lat: 91, lng: 104, acceptedHours: ['night'], idNumber: '51010719900101123X' } })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'person.acceptedHours',
      'person.idNumber',
      'person.lat',
    ]);
  });

  it('answers 400 naming the field to a missing or malformed person, never 500', async () => {
    const fields = async (body: unknown) => {
      const response = await http()
        .post('/matching')
        .set(as(tokenAs('operator')))
        .send(body as object);
      expect(`${JSON.stringify(body)} ${response.status}`).toBe(`${JSON.stringify(body)} 400`);
      return [...new Set(response.body.errors.map((e: { field: string }) => e.field))];
    };
    expect(await fields({})).toEqual(['person']);
    expect(await fields({ person: null })).toEqual(['person']);
    expect(await fields({ person: [] })).toEqual(['person']);
    expect(await fields([])).toEqual(['person']);
    expect(await fields({ person: { ...person, lat: 1e300 } })).toEqual(['person.lat']);
    expect(await fields({ person: { ...person, minWageFen: 1e300 } })).toEqual(['person.minWageFen']);
    expect(await fields({ person, limit: 1e300 })).toEqual(['limit']);
    expect(await fields({ person: { ...person, acceptedHours: [] } })).toEqual(['person.acceptedHours']);
    expect(await fields({ person: { ...person, skills: null } })).toEqual(['person.skills']);
    // A field with a default may be left out, but null is refused, not passed on in place of the default.
    expect(await fields({ person: { ...person, acceptedHours: null } })).toEqual(['person.acceptedHours']);
    expect(await fields({ person: { ...person, maxDistanceKm: null } })).toEqual(['person.maxDistanceKm']);
    expect(await fields({ person, limit: null })).toEqual(['limit']);
  });
});
