import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { candidate, employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';
import { JINJIANG_COMMUNITY, proposeReferral, WUHOU_COMMUNITY } from '../testing/referral-fixtures';

/**
 * The authorization matrix: employer A can never read or change employer B's vacancies, referrals or candidates
 * (by id, list, search or filter), employers are refused every operator and supervisor route, and staff read only
 * the referrals of cases in their area.
 */
describe('jobs authorization matrix (real Postgres and Kafka)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const idA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
  const idB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
  const employerA = employerToken(idA);
  const employerB = employerToken(idB);
  /** Tokens: 武侯区 (510107) unless given. */
  const operator = tokenAs('operator');
  const jinjiangOperator = tokenAs('operator', {
    org: { code: '510104003', path: '510100/510104/510104003' },
  });
  const citySupervisor = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
  const admin = tokenAs('admin', { org: { code: '510104', path: '510100/510104' } });
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
    // Case a is in Wuhou, case b in Jinjiang.
    const a = await proposeReferral(service, {
      vacancyId: vacancyA.id,
      caseId: 'case-a',
      candidate: candidate(1),
      caseCommunityCode: WUHOU_COMMUNITY,
    });
    const b = await proposeReferral(service, {
      vacancyId: vacancyB.id,
      caseId: 'case-b',
      candidate: candidate(2),
      caseCommunityCode: JINJIANG_COMMUNITY,
    });
    referralA = { id: a.referralId };
    referralB = { id: b.referralId };
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
    const untouched = await http().get(`/referrals/${referralB.id}`).set(as(jinjiangOperator)).expect(200);
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

  it('shows an employer the candidate only as name, masked phone and skills: no notes, no ids', async () => {
    const [item] = (await http().get('/employer/referrals').set(as(employerA)).expect(200)).body.items;
    expect(item).not.toHaveProperty('personId');
    expect(item).not.toHaveProperty('caseId');
    expect(item).not.toHaveProperty('personReason');
    expect(JSON.stringify(item)).not.toContain('person-1');
    expect(JSON.stringify(item)).not.toContain('曾在商场');
    expect(item.candidate).toEqual({ name: '张1', maskedPhone: '138****0001', skills: ['保洁'] });
  });

  it("scopes staff reads to the case's area: another district's referral is 404 and never listed", async () => {
    const ids = async (token: string, query: Record<string, string> = {}) =>
      (await http().get('/referrals').query(query).set(as(token)).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      );
    // Wuhou staff: their case's referral, not Jinjiang's (by id, list, or filtering on its case or vacancy).
    expect((await http().get(`/referrals/${referralA.id}`).set(as(operator)).expect(200)).body).toMatchObject(
      {
        caseId: 'case-a',
        candidate: { experienceSummary: '曾在商场做保洁两年' },
      },
    );
    const hidden = await http().get(`/referrals/${referralB.id}`).set(as(operator)).expect(404);
    expect(JSON.stringify(hidden.body)).not.toContain('case-b');
    expect(await ids(operator)).toEqual([referralA.id]);
    expect(await ids(operator, { caseId: 'case-b' })).toEqual([]);
    expect(await ids(operator, { vacancyId: vacancyB.id })).toEqual([]);
    expect(await ids(tokenAs('supervisor'))).toEqual([referralA.id]);
    // A street of Jinjiang: the other way round.
    expect(await ids(jinjiangOperator)).toEqual([referralB.id]);
    await http().get(`/referrals/${referralA.id}`).set(as(jinjiangOperator)).expect(404);
    // The city supervisor and an admin (whatever unit the admin account sits in) see both.
    for (const token of [citySupervisor, admin]) {
      expect((await ids(token)).sort()).toEqual([referralA.id, referralB.id].sort());
      await http().get(`/referrals/${referralB.id}`).set(as(token)).expect(200);
    }
    // Ending another district's job is refused as if it did not exist.
    await http()
      .post(`/referrals/${referralB.id}/end`)
      .set(as(operator))
      .send({ endedOn: '2026-11-23', reason: '合同期满' })
      .expect(404);
    expect((await http().get(`/referrals/${referralB.id}`).set(as(admin))).body.status).toBe('proposed');
  });

  it('has no staff write routes for referrals: they go through the case (hotline) only', async () => {
    const removed: Array<[string, Record<string, unknown>]> = [
      ['/referrals', { vacancyId: vacancyA.id, caseId: 'case-b', candidate: candidate(9) }],
      [`/referrals/${referralA.id}/person-accept`, {}],
      [`/referrals/${referralA.id}/person-decline`, { reason: 'x' }],
      [`/referrals/${referralA.id}/start`, { startedOn: '2026-11-23' }],
    ];
    for (const token of [operator, citySupervisor, admin])
      for (const [path, body] of removed) {
        const response = await http().post(path).set(as(token)).send(body);
        expect(`POST ${path} ${response.status}`).toBe(`POST ${path} 404`);
      }
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".referrals WHERE case_id = 'case-b'`,
    );
    expect(count).toBe(1);
    expect((await http().get(`/referrals/${referralA.id}`).set(as(operator))).body.status).toBe('proposed');
  });

  it('refuses employers every operator and supervisor route with 403', async () => {
    const routes: Array<['get' | 'post', string, Record<string, unknown>?]> = [
      ['get', '/vacancies'],
      ['get', `/vacancies/${vacancyA.id}`],
      ['post', '/matching', { person: { lat: 30.6, lng: 104 } }],
      ['get', '/referrals'],
      ['get', `/referrals/${referralA.id}`],
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
    // The workflow's proposal cannot smuggle fields either (as the activity validates it).
    await expect(
      proposeReferral(service, {
        vacancyId: vacancyA.id,
        caseId: 'case-q',
        candidate: candidate(3),
        employerId: idB,
        status: 'started',
      } as never),
    ).rejects.toMatchObject({ type: 'Problem400' });
    expect((await http().get(`/vacancies/${vacancyA.id}`).set(as(operator))).body).toMatchObject({
      employerId: idA,
      status: 'open',
      taken: 0,
    });
  });

  it('never lets an employer post a public-welfare or assistance-base post, nor turn a vacancy into one', async () => {
    const kindRefused = (body: { errors?: Array<{ field: string; rule: string; message: unknown }> }) =>
      expect(body.errors).toEqual([
        {
          field: 'kind',
          rule: 'employerPostsMarketOnly',
          message: { zh: expect.stringContaining('市场岗位'), en: expect.stringContaining('market') },
        },
      ]);
    for (const kind of ['public_welfare', 'assistance_base']) {
      kindRefused(
        (await http().post('/employer/vacancies').set(as(employerA)).send(vacancyBody({ kind })).expect(400))
          .body,
      );
      kindRefused(
        (
          await http()
            .patch(`/employer/vacancies/${vacancyA.id}`)
            .set(as(employerA))
            .send({ kind })
            .expect(400)
        ).body,
      );
    }
    expect((await http().get(`/vacancies/${vacancyA.id}`).set(as(operator))).body.kind).toBe('market');
    const own = (await http().get('/employer/vacancies').set(as(employerA)).expect(200)).body.items;
    expect(own.map((v: { kind: string }) => v.kind)).toEqual(['market']);
    // An unknown kind is still the list's rule.
    const unknown = await http()
      .post('/employer/vacancies')
      .set(as(employerA))
      .send(vacancyBody({ kind: 'government' }))
      .expect(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'kind', rule: 'isIn' }));
  });
});
