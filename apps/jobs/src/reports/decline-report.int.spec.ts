import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { JobsConfig } from '../config';
import { candidate, employerToken, startJobs, tokenAs, vacancyBody } from '../testing/jobs-test-app';
import { proposeReferral } from '../testing/referral-fixtures';

const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('GET /reports/employer-declines (real Postgres)', () => {
  let service: TestServiceApp<JobsConfig>;
  const http = () => request(service.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const employerId = '44444444-4444-4444-8444-444444444444';
  const employer = employerToken(employerId);
  const operator = tokenAs('operator');
  const wuhou = tokenAs('supervisor');
  const city = tokenAs('supervisor', { org: { code: '510100', path: '510100' } });
  let n = 0;
  const today = shanghaiDay();

  /** A referral to a new vacancy at `place`, declined by the employer with `reasonCode` (and a note). */
  async function declined(place: Record<string, string>, reasonCode: string): Promise<string> {
    const vacancy = (
      await http().post('/employer/vacancies').set(as(employer)).send(vacancyBody(place)).expect(201)
    ).body;
    n += 1;
    // As the case workflow proposes; the case is in Wuhou wherever the vacancy is.
    const { referralId } = await proposeReferral(service, {
      vacancyId: vacancy.id,
      caseId: `case-report-${n}`,
      candidate: candidate(n),
    });
    await http()
      .post(`/employer/referrals/${referralId}/decline`)
      .set(as(employer))
      .send({ reasonCode, reason: '测试' })
      .expect(200);
    return referralId;
  }

  const report = (token: string, query: Record<string, string>) =>
    http().get('/reports/employer-declines').query(query).set(as(token));

  beforeAll(async () => {
    service = await startJobs();
    const yulin = { districtCode: '510107', streetCode: '510107003' };
    const jiangxijie = { districtCode: '510107', streetCode: '510107001' };
    const jinjiang = { districtCode: '510104', streetCode: '510104003' };
    await declined(yulin, 'schedule_mismatch');
    await declined(yulin, 'schedule_mismatch');
    await declined(jiangxijie, 'position_filled');
    await declined(jinjiang, 'skills_mismatch');
    // Recorded before reasons were codes: only the text.
    const old = await declined(yulin, 'other');
    await service.dataSource.query(
      `UPDATE "${service.schema}".referrals SET employer_reason_code = NULL WHERE id = $1`,
      [old],
    );
    // Declined 40 days ago: outside a period of this month's days.
    const earlier = await declined(yulin, 'unreachable');
    await service.dataSource.query(
      `UPDATE "${service.schema}".referrals SET employer_declined_at = now() - interval '40 days' WHERE id = $1`,
      [earlier],
    );
  });
  afterAll(() => service?.close());

  it('counts declines by reason in the unit, by the vacancy’s place of work and the decline day', async () => {
    const period = { from: shanghaiDay(-7), to: today };
    const cityWide = (await report(city, period).expect(200)).body;
    expect(cityWide).toEqual({
      unit: '510100',
      ...period,
      total: 5,
      byReason: {
        skills_mismatch: 1,
        position_filled: 1,
        schedule_mismatch: 2,
        physical_mismatch: 0,
        unreachable: 0,
        other: 0,
        uncoded: 1,
      },
    });

    // A district supervisor's default unit is their district: Jinjiang's decline is not theirs.
    const district = (await report(wuhou, period).expect(200)).body;
    expect(district.unit).toBe('510107');
    expect(district.total).toBe(4);
    expect(district.byReason.skills_mismatch).toBe(0);

    const street = (await report(wuhou, { ...period, unit: '510107003' }).expect(200)).body;
    expect(street.total).toBe(3);
    expect(street.byReason.schedule_mismatch).toBe(2);

    const longer = (await report(city, { from: shanghaiDay(-60), to: today }).expect(200)).body;
    expect(longer.byReason.unreachable).toBe(1);
    expect(longer.total).toBe(6);
  });

  it('refuses units outside the caller’s area, other roles, and bad periods, naming the field', async () => {
    const period = { from: shanghaiDay(-7), to: today };
    const outside = await report(wuhou, { ...period, unit: '510104' }).expect(403);
    expect(JSON.stringify(outside.body)).toContain('"field":"unit"');
    expect(outside.body.detail).toContain('管辖范围');
    await report(operator, period).expect(403);
    await report(employer, period).expect(403);

    const cases: Array<[Record<string, string>, string]> = [
      [{ from: today, to: shanghaiDay(-1) }, 'to'],
      [{ from: shanghaiDay(-400), to: today }, 'to'],
      [{ from: '2026-02-30', to: today }, 'from'],
      [{ from: '1999-12-31', to: today }, 'from'],
      [{ to: today }, 'from'],
      [{ ...period, unit: '440300' }, 'unit'],
    ];
    for (const [query, field] of cases) {
      const refused = await report(city, query).expect(400);
      expect(JSON.stringify(refused.body)).toContain(`"field":"${field}"`);
    }
  });
});
