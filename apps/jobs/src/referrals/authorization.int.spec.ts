import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { candidate, employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';

/**
 * The authorization matrix: employer A can never read or change employer B's vacancies, referrals or candidates
 * (by id, list, search or filter), and employers are refused every operator and supervisor route.
 */
describe('jobs authorization matrix (real Postgres and Kafka)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const idA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const idB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const employerA = employerToken(idA);
  const employerB = employerToken(idB);
  const operator = tokenAs('operator');
  let vacancyB: { id: string };
  let referralB: { id: string };
  let vacancyA: { id: string };
  let referralA: { id: string };

  beforeAll(async () => {
    service = await startJobs();
    vacancyA = (
      await http()
        .post('/employer/vacancies')
        .set(as(employerA))
        .send(vacancyBody({ title: '收银员' }))
        .expect(201)
    ).body;
    vacancyB = (
      await http()
        .post('/employer/vacancies')
        .set(as(employerB))
        .send(vacancyBody({ title: '保安员', description: '夜班巡逻保安' }))
        .expect(201)
    ).body;
    referralA = (
      await http()
        .post('/referrals')
        .set(as(operator))
        .send({ vacancyId: vacancyA.id, caseId: 'case-a', candidate: candidate(1) })
        .expect(201)
    ).body;
    referralB = (
      await http()
        .post('/referrals')
        .set(as(operator))
        .send({ vacancyId: vacancyB.id, caseId: 'case-b', candidate: candidate(2) })
        .expect(201)
    ).body;
  });
  afterAll(() => service?.close());

  it("answers 404 to every by-id read or change of employer B's vacancy and referral", async () => {
    const attempts = [
      http().get(`/employer/vacancies/${vacancyB.id}`),
      http().patch(`/employer/vacancies/${vacancyB.id}`).send({ title: '改名' }),
      http().post(`/employer/vacancies/${vacancyB.id}/close`),
      http().get(`/employer/referrals/${referralB.id}`),
      http().post(`/employer/referrals/${referralB.id}/accept`),
      http()
        .post(`/employer/referrals/${referralB.id}/decline`)
        .send({ reasonCode: 'skills_mismatch', reason: '不合适' }),
      http().post(`/employer/referrals/${referralB.id}/start`).send({ startedOn: '2026-11-23' }),
    ];
    for (const attempt of attempts) expect((await attempt.set(as(employerA))).status).toBe(404);
    const untouched = await http().get(`/referrals/${referralB.id}`).set(as(operator)).expect(200);
    expect(untouched.body.status).toBe('proposed');
    expect((await http().get(`/vacancies/${vacancyB.id}`).set(as(operator))).body).toMatchObject({
      title: '保安员',
      status: 'open',
    });
  });

  it("never lists, searches or filters to employer B's data", async () => {
    const listed = async (path: string, query: Record<string, string> = {}) =>
      (await http().get(path).query(query).set(as(employerA)).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await listed('/employer/vacancies')).toEqual([vacancyA.id]);
    expect(await listed('/employer/vacancies', { q: '保安' })).toEqual([]);
    expect(await listed('/employer/vacancies', { q: '保' })).toEqual([]);
    expect(
      await listed('/employer/vacancies', { status: 'open', kind: 'market', districtCode: '510107' }),
    ).toEqual([vacancyA.id]);
    expect(await listed('/employer/referrals')).toEqual([referralA.id]);
    expect(await listed('/employer/referrals', { vacancyId: vacancyB.id })).toEqual([]);
    expect(await listed('/employer/referrals', { status: 'proposed' })).toEqual([referralA.id]);
    // Filters that belong to staff are not even accepted from an employer.
    await http().get('/employer/referrals').query({ caseId: 'case-b' }).set(as(employerA)).expect(400);
    await http().get('/employer/vacancies').query({ employerId: idB }).set(as(employerA)).expect(400);
  });

  it('shows an employer the candidate only as name, masked phone, skills and experience', async () => {
    const [item] = (await http().get('/employer/referrals').set(as(employerA)).expect(200)).body.items;
    expect(item).not.toHaveProperty('personId');
    expect(item).not.toHaveProperty('caseId');
    expect(JSON.stringify(item)).not.toContain('person-1');
    expect(item.candidate).toEqual({
      name: '张1',
      maskedPhone: '138****0001',
      skills: ['保洁'],
      experienceSummary: '曾在商场做保洁两年',
    });
  });

  it('refuses employers every operator and supervisor route with 403', async () => {
    const routes: Array<['get' | 'post', string, Record<string, unknown>?]> = [
      ['get', '/vacancies'],
      ['get', `/vacancies/${vacancyA.id}`],
      ['post', '/matching', { person: { lat: 30.6, lng: 104 } }],
      ['post', '/referrals', { vacancyId: vacancyA.id, caseId: 'case-z', candidate: candidate(9) }],
      ['get', '/referrals'],
      ['get', `/referrals/${referralA.id}`],
      ['post', `/referrals/${referralA.id}/person-accept`],
      ['post', `/referrals/${referralA.id}/person-decline`, { reason: 'x' }],
      ['post', `/referrals/${referralA.id}/start`, { startedOn: '2026-11-23' }],
      ['post', `/referrals/${referralA.id}/end`, { endedOn: '2026-11-23', reason: 'x' }],
    ];
    for (const [method, path, body] of routes) {
      const response = await http()
        [method](path)
        .set(as(employerA))
        .send(body ?? {});
      expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 403`);
    }
    // …and staff cannot act as an employer either.
    await http().post(`/employer/referrals/${referralA.id}/accept`).set(as(operator)).expect(403);
    await http()
      .get('/employer/vacancies')
      .set(as(tokenAs('supervisor')))
      .expect(403);
    await http().get('/employer/vacancies').expect(401);
  });

  it('rejects privileged fields injected into write DTOs', async () => {
    const patch = await http()
      .patch(`/employer/vacancies/${vacancyA.id}`)
      .set(as(employerA))
      .send({ employerId: idB, status: 'closed', taken: 3 })
      .expect(400);
    expect(patch.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'employerId',
      'status',
      'taken',
    ]);
    await http()
      .post(`/employer/referrals/${referralA.id}/decline`)
      .set(as(employerA))
      .send({ reasonCode: 'skills_mismatch', reason: '不合适', status: 'started' })
      .expect(400);
    await http()
      .post('/referrals')
      .set(as(operator))
      .send({
        vacancyId: vacancyA.id,
        caseId: 'case-q',
        candidate: candidate(3),
        employerId: idB,
        status: 'started',
      })
      .expect(400);
    expect((await http().get(`/vacancies/${vacancyA.id}`).set(as(operator))).body).toMatchObject({
      employerId: idA,
      status: 'open',
      taken: 0,
    });
  });
});
