import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { candidate, employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';
import { ReferralsService } from './referrals.service';

describe('referrals (real Postgres and Kafka)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const employerId = '33333333-3333-4333-8333-333333333333';
  const employer = employerToken(employerId);
  const operator = tokenAs('operator');
  let caseCounter = 0;

  beforeAll(async () => {
    service = await startJobs();
  });
  afterAll(() => service?.close());

  const newVacancy = async (overrides: Record<string, unknown> = {}) =>
    (await http().post('/employer/vacancies').set(as(employer)).send(vacancyBody(overrides)).expect(201))
      .body;
  const propose = (vacancyId: string, n: number, extra: Record<string, unknown> = {}) =>
    http()
      .post('/referrals')
      .set(as(operator))
      .send({ vacancyId, caseId: `case-${++caseCounter}`, candidate: candidate(n), ...extra });
  const taken = async (id: string) =>
    (await http().get(`/vacancies/${id}`).set(as(operator))).body.taken as number;
  const eventTypes = async (referralId: string) =>
    (
      await service.dataSource.query(
        `SELECT event->>'type' AS type, topic FROM "${service.schema}".outbox WHERE message_key = $1 ORDER BY created_at, event->>'occurredAt'`,
        [referralId],
      )
    ).map((row: { type: string; topic: string }) => `${row.topic}:${row.type}`);

  it('walks proposed → employer accepted → person accepted → started → ended with one event per transition', async () => {
    const vacancy = await newVacancy();
    const proposed = (await propose(vacancy.id, 1).expect(201)).body;
    expect(proposed).toMatchObject({
      status: 'proposed',
      personId: 'person-1',
      employerId,
      caseId: expect.any(String),
    });
    const seen = await http().get(`/employer/referrals/${proposed.id}`).set(as(employer)).expect(200);
    expect(Object.keys(seen.body).sort()).toEqual(
      [
        'candidate',
        'createdAt',
        'employerReason',
        'employerReasonCode',
        'endedOn',
        'id',
        'personReason',
        'respondBy',
        'startedOn',
        'status',
        'updatedAt',
        'vacancyId',
        'vacancyTitle',
      ].sort(),
    );
    expect(seen.body.candidate).toEqual({
      name: '张1',
      maskedPhone: '138****0001',
      skills: ['保洁'],
      experienceSummary: '曾在商场做保洁两年',
    });
    await http().post(`/employer/referrals/${proposed.id}/accept`).set(as(employer)).expect(200);
    expect(await taken(vacancy.id)).toBe(1);
    await http().post(`/employer/referrals/${proposed.id}/accept`).set(as(employer)).expect(409);
    await http().post(`/referrals/${proposed.id}/person-accept`).set(as(operator)).expect(200);
    await http()
      .post(`/employer/referrals/${proposed.id}/start`)
      .set(as(employer))
      .send({ startedOn: '2026-11-23' })
      .expect(200);
    const ended = await http()
      .post(`/referrals/${proposed.id}/end`)
      .set(as(operator))
      .send({ endedOn: '2027-05-01', reason: '合同期满' })
      .expect(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      startedOn: '2026-11-23',
      endedOn: '2027-05-01',
      endReason: '合同期满',
    });
    expect(await eventTypes(proposed.id)).toEqual(
      ['proposed', 'employer-accepted', 'person-accepted', 'started', 'ended'].map(
        (t) => `jobs.referral.v1:jobs.referral.${t}`,
      ),
    );
    expect(await taken(vacancy.id)).toBe(1);
  });

  it('releases the place on person decline and on expiry, keeps reasons, and never on employer decline', async () => {
    const vacancy = await newVacancy({ headcount: 1 });
    const a = (await propose(vacancy.id, 2).expect(201)).body;
    // A reason code from the list, and a note with "other": named in bilingual 400s, nothing changed.
    for (const [body, field, rule] of [
      [{ reason: '需要夜班' }, 'reasonCode', 'isIn'],
      [{ reasonCode: 'too_old', reason: '年龄' }, 'reasonCode', 'isIn'],
      [{ reasonCode: 'other' }, 'reason', 'isString'],
      [{ reasonCode: 'schedule_mismatch', reason: '' }, 'reason', 'minLength'],
    ] as const) {
      const refused = await http()
        .post(`/employer/referrals/${a.id}/decline`)
        .set(as(employer))
        .send(body)
        .expect(400);
      expect(refused.body.errors).toContainEqual(
        expect.objectContaining({
          field,
          rule,
          message: { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.any(String) },
        }),
      );
    }
    const declined = await http()
      .post(`/employer/referrals/${a.id}/decline`)
      .set(as(employer))
      .send({ reasonCode: 'schedule_mismatch', reason: '需要夜班' })
      .expect(200);
    expect(declined.body).toMatchObject({
      status: 'employer_declined',
      employerReasonCode: 'schedule_mismatch',
      employerReason: '需要夜班',
    });
    expect(await taken(vacancy.id)).toBe(0);

    const b = (await propose(vacancy.id, 3).expect(201)).body;
    await http().post(`/employer/referrals/${b.id}/accept`).set(as(employer)).expect(200);
    expect(await taken(vacancy.id)).toBe(1);
    const c = (await propose(vacancy.id, 4).expect(409)).body;
    expect(c.detail).toContain('已满');
    await http()
      .post(`/referrals/${b.id}/person-decline`)
      .set(as(operator))
      .send({ reason: '路程太远' })
      .expect(200);
    expect(await taken(vacancy.id)).toBe(0);

    const d = (await propose(vacancy.id, 5, { respondWithinHours: 1 }).expect(201)).body;
    await http().post(`/employer/referrals/${d.id}/accept`).set(as(employer)).expect(200);
    expect(await taken(vacancy.id)).toBe(1);
    const expired = await service.app.get(ReferralsService).expireDue(new Date(Date.now() + 2 * 3600_000));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await http().get(`/referrals/${d.id}`).set(as(operator))).body).toMatchObject({
      status: 'expired',
      holdsHeadcount: false,
    });
    expect(await taken(vacancy.id)).toBe(0);
    expect(await eventTypes(d.id)).toEqual(
      ['proposed', 'employer-accepted', 'expired'].map((t) => `jobs.referral.v1:jobs.referral.${t}`),
    );
  });

  it('refuses unmasked phones, ID numbers and sensitive fields in the candidate; a retried proposal is the same referral', async () => {
    const vacancy = await newVacancy();
    const bad = await http()
      .post('/referrals')
      .set(as(operator))
      .send({
        vacancyId: vacancy.id,
        caseId: 'case-x',
        candidate: {
          ...candidate(6),
          maskedPhone: '13812345678',
          idNumber: '51010719900101123X',
          disability: '肢体二级',
        },
      })
      .expect(400);
    expect(
      bad.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort(),
    ).toEqual([
      'candidate.disability:whitelistValidation',
      'candidate.idNumber:whitelistValidation',
      'candidate.maskedPhone:matches',
    ]);
    const hidden = await http()
      .post('/referrals')
      .set(as(operator))
      .send({
        vacancyId: vacancy.id,
        caseId: 'case-x',
        candidate: { ...candidate(6), experienceSummary: '身份证 51010719900101123X' },
      })
      .expect(400);
    expect(hidden.body.errors[0]).toMatchObject({ field: 'candidate.experienceSummary', rule: 'noIdNumber' });
    const body = { vacancyId: vacancy.id, caseId: 'case-retry', candidate: candidate(7) };
    const first = await http().post('/referrals').set(as(operator)).send(body).expect(201);
    const again = await http().post('/referrals').set(as(operator)).send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    await http()
      .post('/referrals')
      .set(as(operator))
      .send({ ...body, caseId: 'case-other' })
      .expect(409);
  });

  it('50 concurrent employer acceptances on headcount 3 accept exactly 3', async () => {
    const vacancy = await newVacancy({ headcount: 3 });
    const referrals = [];
    for (let n = 100; n < 150; n++) referrals.push((await propose(vacancy.id, n).expect(201)).body);
    const answers = await Promise.all(
      referrals.map((referral) => http().post(`/employer/referrals/${referral.id}/accept`).set(as(employer))),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(47);
    expect(await taken(vacancy.id)).toBe(3);
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".referrals WHERE vacancy_id = $1 AND status = 'employer_accepted'`,
      [vacancy.id],
    );
    expect(count).toBe(3);
  });
});
