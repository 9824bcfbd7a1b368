import { ApplicationFailure } from '@temporalio/common';
import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { candidate, employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';
import { activitiesOf, proposeReferral, WUHOU_COMMUNITY } from '../testing/referral-fixtures';
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
  /** As the case workflow proposes (the jobs activity); the answer is the staff view of the new referral. */
  const propose = async (vacancyId: string, n: number, extra: { respondWithinHours?: number } = {}) => {
    const { referralId } = await proposeReferral(service, {
      vacancyId,
      caseId: `case-${++caseCounter}`,
      candidate: candidate(n),
      ...extra,
    });
    return (await http().get(`/referrals/${referralId}`).set(as(operator)).expect(200)).body;
  };
  /** The refusal of a proposal, as the workflow would see it. */
  const refusal = (input: Parameters<typeof proposeReferral>[1]) =>
    proposeReferral(service, input).then(
      () => {
        throw new Error('the proposal was accepted');
      },
      (error: ApplicationFailure) => error,
    );
  const personAnswer = (referralId: string, answer: 'accepted' | 'declined', reason?: string) =>
    activitiesOf(service).recordPersonAnswer({
      actor: { username: 'operator.test' },
      correlationId: 'c',
      referralId,
      answer,
      ...(reason ? { reason } : {}),
    });
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
    const proposed = await propose(vacancy.id, 1);
    expect(proposed).toMatchObject({
      status: 'proposed',
      personId: 'person-1',
      employerId,
      caseId: expect.any(String),
      orgPath: `510100/510107/510107003/${WUHOU_COMMUNITY}`,
      candidate: { experienceSummary: '曾在商场做保洁两年' },
      personReason: null,
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
        'respondBy',
        'startedOn',
        'status',
        'updatedAt',
        'vacancyId',
        'vacancyTitle',
      ].sort(),
    );
    // The operator's notes stay with staff.
    expect(seen.body.candidate).toEqual({ name: '张1', maskedPhone: '138****0001', skills: ['保洁'] });
    await http().post(`/employer/referrals/${proposed.id}/accept`).set(as(employer)).expect(200);
    expect(await taken(vacancy.id)).toBe(1);
    await http().post(`/employer/referrals/${proposed.id}/accept`).set(as(employer)).expect(409);
    await personAnswer(proposed.id, 'accepted');
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
    const a = await propose(vacancy.id, 2);
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

    const b = await propose(vacancy.id, 3);
    await http().post(`/employer/referrals/${b.id}/accept`).set(as(employer)).expect(200);
    expect(await taken(vacancy.id)).toBe(1);
    const full = await refusal({ vacancyId: vacancy.id, caseId: 'case-full', candidate: candidate(4) });
    expect(full).toMatchObject({ type: 'Problem409', message: expect.stringContaining('已满') });
    await personAnswer(b.id, 'declined', 'health: 腰伤未愈');
    expect(await taken(vacancy.id)).toBe(0);
    // Staff keep the person's reason; the employer learns that they declined, nothing more.
    expect((await http().get(`/referrals/${b.id}`).set(as(operator))).body.personReason).toBe(
      'health: 腰伤未愈',
    );
    const declinedSeen = await http().get(`/employer/referrals/${b.id}`).set(as(employer)).expect(200);
    expect(declinedSeen.body.status).toBe('person_declined');
    const listedSeen = await http().get('/employer/referrals').set(as(employer)).expect(200);
    for (const body of [declinedSeen.body, listedSeen.body])
      expect(JSON.stringify(body)).not.toMatch(/health|腰伤|personReason|experienceSummary|曾在商场/);

    const d = await propose(vacancy.id, 5, { respondWithinHours: 1 });
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

  it('refuses unmasked phones, ID numbers, sensitive fields and bad community codes; a retried proposal is the same referral', async () => {
    const vacancy = await newVacancy();
    const fields = (error: ApplicationFailure) =>
      (error.details?.[0] as Array<{ field: string; rule: string }>)
        .map((e) => `${e.field}:${e.rule}`)
        .sort();
    const bad = await refusal({
      vacancyId: vacancy.id,
      caseId: 'case-x',
      candidate: {
        ...candidate(6),
        maskedPhone: '13812345678',
        idNumber: '51010719900101123X',
        disability: '肢体二级',
      },
    });
    expect(bad).toMatchObject({ type: 'Problem400', nonRetryable: true });
    expect(fields(bad)).toEqual([
      'candidate.disability:whitelistValidation',
      'candidate.idNumber:whitelistValidation',
      'candidate.maskedPhone:matches',
    ]);
    for (const hidden of [
      { experienceSummary: '身份证 51010719900101123X' },
      { skills: ['保洁', '51010719900101123X'] },
    ]) {
      const refused = await refusal({
        vacancyId: vacancy.id,
        caseId: 'case-x',
        candidate: { ...candidate(6), ...hidden },
      });
      expect(refused).toMatchObject({
        type: 'Problem400',
        message: expect.stringContaining('候选人信息有误'),
      });
    }
    // A community is 12 digits in Chengdu; anything else is refused naming the field.
    for (const caseCommunityCode of ['510107003', '51010700300x', '440300001001', ' ', ''])
      expect(
        fields(
          await refusal({
            vacancyId: vacancy.id,
            caseId: 'case-x',
            candidate: candidate(6),
            caseCommunityCode,
          }),
        ),
      ).toEqual(['caseCommunityCode:matches']);
    const missing = await refusal({ vacancyId: vacancy.id, caseId: 'case-x' } as never);
    expect(fields(missing)).toContain('candidate:isObject');
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".referrals WHERE case_id = 'case-x'`,
    );
    expect(count).toBe(0);

    const body = { vacancyId: vacancy.id, caseId: 'case-retry', candidate: candidate(7) };
    const first = await proposeReferral(service, body);
    const again = await proposeReferral(service, body);
    expect(again.referralId).toBe(first.referralId);
    expect(await refusal({ ...body, caseId: 'case-other' })).toMatchObject({ type: 'Problem409' });
  });

  it('records a workflow that does not send the community under the city: only city-level staff see it', async () => {
    const vacancy = await newVacancy();
    const { referralId } = await proposeReferral(service, {
      vacancyId: vacancy.id,
      caseId: 'case-older-workflow',
      candidate: candidate(8),
      caseCommunityCode: undefined,
    });
    await http().get(`/referrals/${referralId}`).set(as(operator)).expect(404);
    const city = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
    expect((await http().get(`/referrals/${referralId}`).set(as(city)).expect(200)).body.orgPath).toBe(
      '510100',
    );
  });

  it('50 concurrent employer acceptances on headcount 3 accept exactly 3', async () => {
    const vacancy = await newVacancy({ headcount: 3 });
    const referrals = [];
    for (let n = 100; n < 150; n++) referrals.push(await propose(vacancy.id, n));
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
