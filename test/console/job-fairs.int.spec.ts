import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts) */
import { tokenFor } from '../../apps/hotline/src/identity/testing/hotline-test-app';
import { JobFairsService } from '../../apps/hotline/src/job-fairs/job-fairs.service';
import { idNumber, mobile } from '../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */
import { as, caseIntake, caseReader, shanghaiDay, type Platform } from '../e2e/support/platform';
import { startPlatform } from '../e2e/support/platform';
import { pickOption, screenshot, setUpConsoleBrowser } from './support/console-browser';

/**
 * Roving job fairs on the real platform (hotline, people, jobs, employers in-process, the workflow worker as its
 * own process) and in the console: a supervisor of Wuhou plans a fair of 玉林街道 with the demo employer's
 * vacancy, marks it held; the street's operator takes applications on site — a hardship person with no case (a
 * case is opened, and the vacancy proposed once the person is registered), a person with an open case (proposed
 * at once) — records the visitors; the employer takes one on, which the fair's results count as a placement.
 * Fixed days (2026-01-15, 2099-…) so nothing depends on the day the spec runs.
 */
describe('roving job fairs and the Assistance Month', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });
  const hotline = () => request(platform.urls.hotline);
  const jobs = () => request(platform.urls.jobs);

  let supervisorWuhou = '';
  let operatorJinjiang = '';
  let fairId = '';
  let vacancyId = '';
  const EMPLOYER_NAME = '成都锦绣家政服务有限公司';
  const VACANCY_TITLE = '家政保洁员';
  const FAIR_TITLE = '2026 年就业援助月玉林街道专场招聘会';

  const fairBody = (overrides: Record<string, unknown> = {}) => ({
    title: FAIR_TITLE,
    heldOn: '2026-01-15',
    unitCode: '510107003',
    venue: '玉林街道便民服务中心广场',
    assistanceMonth: true,
    vacancies: [
      {
        vacancyId,
        vacancyTitle: VACANCY_TITLE,
        employerId: platform.demo.employerId,
        employerName: EMPLOYER_NAME,
      },
    ],
    ...overrides,
  });

  /** A hardship person not helped by any case: 52, on 低保, registered unemployed. */
  const hardshipIntake = (sequence: number) => {
    const base = caseIntake(0);
    return {
      ...base,
      person: {
        ...base.person,
        name: '赵德胜',
        idNumber: idNumber('19740305', sequence, '510107'),
        phone: mobile(),
        unemployment: { registeredOn: '2026-01-05', status: 'registered' as const },
        circumstances: { minimumLivingAllowance: true },
      },
      wants: '保洁、绿化都可以',
      acceptsAnyJob: true,
    };
  };

  const fair = async (token = platform.tokens.operator) =>
    (await hotline().get(`/job-fairs/${fairId}`).set(as(token)).expect(200)).body as {
      status: string;
      results: Record<string, number>;
      employers: Array<{ employerName: string; vacancies: Array<{ title: string }> }>;
      applications: Array<{
        id: string;
        status: string;
        caseId: string | null;
        referralId: string | null;
        referralStatus: string | null;
        hardship: boolean | null;
        placed: boolean;
        applicantName: string;
        applicantPhoneMasked: string;
      }>;
    };
  const applicationUntil = async (id: string, status: string) => {
    let found: Awaited<ReturnType<typeof fair>>['applications'][number] | undefined;
    await eventually(
      `application ${status}`,
      async () => {
        found = (await fair()).applications.find((a) => a.id === id);
        return found?.status === status;
      },
      90_000,
    );
    return found!;
  };
  const referralsOf = (detail: CaseDetail, vacancy: string) =>
    detail.view!.referrals.filter((r) => r.vacancyId === vacancy);

  beforeAll(async () => {
    vacancyId = platform.demo.vacancyId;
    supervisorWuhou = await tokenFor(platform.hotline, 'supervisor.wuhou');
    const admin = await tokenFor(platform.hotline, 'admin');
    await hotline()
      .post('/users')
      .set(as(admin))
      .send({
        username: 'operator.fair.jinjiang',
        displayName: '锦江测试接线员',
        password: 'Demo-962110!',
        roles: ['operator'],
        orgCode: '510104003',
      })
      .expect(201);
    operatorJinjiang = await tokenFor(platform.hotline, 'operator.fair.jinjiang');
  });

  it('a supervisor plans a fair in the area; bad input names the field, another area is refused', async () => {
    const badDay = await hotline()
      .post('/job-fairs')
      .set(as(supervisorWuhou))
      .send(fairBody({ heldOn: '2026-02-30' }))
      .expect(400);
    expect(badDay.body.errors).toEqual([
      expect.objectContaining({
        field: 'heldOn',
        message: { zh: expect.stringContaining('日期'), en: expect.stringContaining('date') },
      }),
    ]);
    const elsewhere = await hotline()
      .post('/job-fairs')
      .set(as(supervisorWuhou))
      .send(fairBody({ unitCode: '510104003' }))
      .expect(403);
    expect(elsewhere.body.errors[0]).toMatchObject({ field: 'unitCode', rule: 'inScope' });
    await hotline().post('/job-fairs').set(as(platform.tokens.operator)).send(fairBody()).expect(403);

    const created = await hotline().post('/job-fairs').set(as(supervisorWuhou)).send(fairBody()).expect(201);
    fairId = created.body.id;
    expect(created.body).toMatchObject({
      status: 'planned',
      unitName: '玉林街道',
      assistanceMonth: true,
      employers: [{ employerName: EMPLOYER_NAME, vacancies: [{ vacancyId, title: VACANCY_TITLE }] }],
      results: { visitors: 0, applications: 0, hardshipApplicants: 0, referrals: 0, placements: 0 },
    });
    // The street's operator sees it; an operator of another district does not learn it exists.
    const listed = await hotline().get('/job-fairs').set(as(platform.tokens.operator)).expect(200);
    expect(listed.body.items.map((f: { id: string }) => f.id)).toContain(fairId);
    await hotline().get(`/job-fairs/${fairId}`).set(as(operatorJinjiang)).expect(404);
    const other = await hotline().get('/job-fairs').set(as(operatorJinjiang)).expect(200);
    expect(other.body.items.map((f: { id: string }) => f.id)).not.toContain(fairId);
  });

  it('applications and visitors wait for the fair to be held; a fair is not held before its day', async () => {
    const early = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({ requestId: randomUUID(), vacancyId, intake: hardshipIntake(801) })
      .expect(409);
    expect(early.body.errors[0]).toMatchObject({ field: 'status', rule: 'held' });
    await hotline()
      .put(`/job-fairs/${fairId}/visitors`)
      .set(as(platform.tokens.operator))
      .send({ count: 10 })
      .expect(409);

    const future = await hotline()
      .post('/job-fairs')
      .set(as(supervisorWuhou))
      .send(fairBody({ heldOn: '2099-01-10', title: '未来的招聘会' }))
      .expect(201);
    const tooSoon = await hotline()
      .patch(`/job-fairs/${future.body.id}`)
      .set(as(supervisorWuhou))
      .send({ status: 'held' })
      .expect(409);
    expect(tooSoon.body.errors[0]).toMatchObject({ field: 'status', rule: 'notBeforeItsDay' });
    // Cancelled: listed in the Assistance Month, not counted.
    await hotline()
      .patch(`/job-fairs/${future.body.id}`)
      .set(as(supervisorWuhou))
      .send({ status: 'cancelled', heldOn: '2026-01-20' })
      .expect(200);

    const held = await hotline()
      .patch(`/job-fairs/${fairId}`)
      .set(as(supervisorWuhou))
      .send({ status: 'held' })
      .expect(200);
    expect(held.body.status).toBe('held');
  });

  it('refuses a vacancy not at the fair (409) and a body with both or neither person (400)', async () => {
    const notHere = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({ requestId: randomUUID(), vacancyId: randomUUID(), intake: hardshipIntake(802) })
      .expect(409);
    expect(notHere.body.errors[0]).toMatchObject({ field: 'vacancyId', rule: 'atTheFair' });
    const neither = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({ requestId: randomUUID(), vacancyId })
      .expect(400);
    expect(neither.body.errors[0]).toMatchObject({ field: 'caseId', rule: 'exactlyOne' });
    const badPhone = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({
        requestId: randomUUID(),
        vacancyId,
        intake: { ...hardshipIntake(803), person: { ...hardshipIntake(803).person, phone: '12345' } },
      })
      .expect(400);
    expect(badPhone.body.errors[0].field).toBe('intake.person.phone');
    expect(badPhone.body.errors[0].message.zh).toBeTruthy();
    expect((await fair()).applications).toHaveLength(0);
  });

  let hardshipApplication = '';
  let hardshipCase = '';
  let hardshipReferral = '';

  it('a hardship person with no case: a case is opened and the vacancy proposed once registered, once', async () => {
    const requestId = randomUUID();
    const body = { requestId, vacancyId, intake: hardshipIntake(811) };
    const taken = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send(body)
      .expect(201);
    hardshipApplication = taken.body.id;
    expect(taken.body).toMatchObject({
      openedCase: true,
      applicantName: '赵德胜',
      applicantPhoneMasked: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
      vacancyTitle: VACANCY_TITLE,
      employerName: EMPLOYER_NAME,
    });
    expect(JSON.stringify(taken.body)).not.toContain(body.intake.person.idNumber);
    // The same request again: the same application, nothing new.
    const again = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send(body)
      .expect(200);
    expect(again.body.id).toBe(hardshipApplication);

    const proposed = await applicationUntil(hardshipApplication, 'proposed');
    expect(proposed).toMatchObject({ hardship: true, referralStatus: 'proposed' });
    hardshipCase = proposed.caseId!;
    hardshipReferral = proposed.referralId!;
    const { getCase } = caseReader(platform);
    const detail = await getCase(hardshipCase);
    expect(referralsOf(detail, vacancyId)).toEqual([
      expect.objectContaining({ referralId: hardshipReferral, status: 'proposed' }),
    ]);
    expect((await fair()).applications).toHaveLength(1);
  });

  it('a crash after the proposal but before it was recorded: the next try records it, proposes nothing twice', async () => {
    const { hotline: app } = platform;
    // As if the process died between the workflow's answer and the commit.
    await app.dataSource.query(
      `UPDATE "${app.config.DB_SCHEMA}".job_fair_applications
          SET status = 'awaiting-registration', referral_id = NULL, referral_status = NULL, proposed_at = NULL
        WHERE id = $1`,
      [hardshipApplication],
    );
    const service = app.app.get(JobFairsService);
    const outcomes = await Promise.all([
      service.advance(hardshipApplication),
      service.advance(hardshipApplication),
    ]);
    expect(outcomes.filter((o) => o === 'proposed')).toHaveLength(1);
    const again = (await fair()).applications.find((a) => a.id === hardshipApplication)!;
    expect(again).toMatchObject({ status: 'proposed', referralId: hardshipReferral });
    const { getCase } = caseReader(platform);
    expect(referralsOf(await getCase(hardshipCase), vacancyId)).toHaveLength(1);
  });

  it('with the workflow worker down, an application is acknowledged and proposed once it is back', async () => {
    await platform.worker.kill('SIGTERM');
    let taken: request.Response;
    try {
      taken = await hotline()
        .post(`/job-fairs/${fairId}/applications`)
        .set(as(platform.tokens.operator))
        .send({ requestId: randomUUID(), vacancyId, intake: hardshipIntake(821) })
        .expect(201);
      expect(['opening-case', 'awaiting-registration']).toContain(taken.body.status);
    } finally {
      await platform.worker.start();
    }
    const proposed = await applicationUntil(taken.body.id, 'proposed');
    const { getCase } = caseReader(platform);
    expect(referralsOf(await getCase(proposed.caseId!), vacancyId)).toHaveLength(1);
  });

  let openCaseId = '';
  let openCaseIdNumber = '';
  it('a person with an open case: the vacancy is proposed on that case, by case or by the intake’s ID number', async () => {
    const intake = caseIntake(4321);
    openCaseIdNumber = intake.person.idNumber;
    const opened = await hotline()
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('idempotency-key', `fair-spec-${randomUUID()}`)
      .send(intake)
      .expect(201);
    openCaseId = opened.body.caseId;
    const { caseUntil } = caseReader(platform);
    await caseUntil(openCaseId, 'the person registered', (body) => !!body.view?.personId);
    const taken = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({ requestId: randomUUID(), vacancyId, caseId: openCaseId })
      .expect(201);
    expect(taken.body).toMatchObject({ caseId: openCaseId, openedCase: false, status: 'proposed' });
    expect(taken.body.applicantName).toBe(intake.person.name);
    // The same person by the intake's ID number (POST /cases/search behind it): the same open case.
    await eventually('the case is searchable', async () => {
      const found = await hotline()
        .post('/cases/search')
        .set(as(platform.tokens.operator))
        .send({ term: intake.person.idNumber, open: true });
      return found.body.items?.length === 1;
    });
    const byIntake = await hotline()
      .post(`/job-fairs/${fairId}/applications`)
      .set(as(platform.tokens.operator))
      .send({ requestId: randomUUID(), vacancyId, intake })
      .expect(201);
    expect(byIntake.body).toMatchObject({ caseId: openCaseId, openedCase: false });
    // Already proposed there and still live: recorded against the same referral, not proposed twice.
    const { getCase } = caseReader(platform);
    expect(referralsOf(await getCase(openCaseId), vacancyId)).toHaveLength(1);
  });

  it('the employer takes the hardship applicant on: the fair counts the placement', async () => {
    await jobs()
      .post(`/employer/referrals/${hardshipReferral}/accept`)
      .set(as(platform.tokens.employer))
      .expect(200);
    const { caseUntil } = caseReader(platform);
    await caseUntil(hardshipCase, 'the acceptance reached the case', (body) =>
      body.view!.referrals.some((r) => r.referralId === hardshipReferral && r.status === 'employer_accepted'),
    );
    await hotline()
      .post(`/cases/${hardshipCase}/referrals/${hardshipReferral}/person-answer`)
      .set(as(platform.tokens.operator))
      .send({ answer: 'accepted' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    await jobs()
      .post(`/employer/referrals/${hardshipReferral}/start`)
      .set(as(platform.tokens.employer))
      .send({ startedOn: shanghaiDay() })
      .expect(200);
    await eventually(
      'the placement reached the fair',
      async () => (await fair()).results.placements === 1,
      90_000,
    );
    await hotline()
      .put(`/job-fairs/${fairId}/visitors`)
      .set(as(platform.tokens.operator))
      .send({ count: 326 })
      .expect(200);
    const results = (await fair()).results;
    expect(results).toEqual({
      visitors: 326,
      applications: 4,
      hardshipApplicants: results.hardshipApplicants,
      // The two applications of the person with an open case are one referral.
      referrals: 3,
      placements: 1,
    });
    expect(results.hardshipApplicants).toBeGreaterThanOrEqual(2);
    const placed = (await fair()).applications.find((a) => a.id === hardshipApplication)!;
    expect(placed).toMatchObject({ placed: true, referralStatus: 'started' });
  });

  it('the Assistance Month of Wuhou in 2026: its fairs and totals; another district is refused', async () => {
    const month = await hotline()
      .get('/job-fairs/assistance-month')
      .query({ unit: '510107', year: 2026 })
      .set(as(supervisorWuhou))
      .expect(200);
    expect(month.body).toMatchObject({
      unit: { code: '510107', name: '武侯区' },
      year: 2026,
      fairs: 1,
      held: 1,
      cancelled: 1,
      visitors: 326,
      applications: 4,
      referrals: 3,
      placements: 1,
    });
    expect(month.body.items).toHaveLength(2);
    const elsewhere = await hotline()
      .get('/job-fairs/assistance-month')
      .query({ unit: '510104', year: 2026 })
      .set(as(supervisorWuhou))
      .expect(403);
    expect(elsewhere.body.errors[0]).toMatchObject({ field: 'unit', rule: 'inScope' });
    const noYear = await hotline()
      .get('/job-fairs/assistance-month')
      .query({ unit: '510107' })
      .set(as(supervisorWuhou))
      .expect(400);
    expect(noYear.body.errors[0].field).toBe('year');
  });

  it('the console: the fair’s results, employers and applications by name; an application and visitors taken there', async () => {
    const { page } = await consoleUi.signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/job-fairs`);
    const table = page.getByTestId('fair-list');
    const row = table.getByRole('row', { name: new RegExp(FAIR_TITLE) });
    await row.getByText('玉林街道 · 玉林街道便民服务中心广场').waitFor();
    await row.getByText('到场 326 人 · 申请 4 · 推荐 3 · 上岗 1').waitFor();
    await row.getByRole('link', { name: FAIR_TITLE }).click();
    await page.getByRole('heading', { name: FAIR_TITLE }).waitFor();
    const results = page.getByTestId('fair-results');
    await results.getByText('326').waitFor();

    // Visitors recorded again at the end of the day.
    await page.getByLabel('到场人数', { exact: true }).fill('340');
    await page.getByRole('button', { name: '登记到场人数' }).click();
    await results.getByText('340').waitFor();

    // The person with an open case, found by ID number (in the request body), applies again: one referral.
    await page.getByRole('button', { name: '登记现场申请' }).click();
    const dialog = page.getByRole('dialog', { name: '登记现场申请' });
    await pickOption(dialog, '申请岗位', VACANCY_TITLE);
    await dialog.getByLabel('查找求助人（姓名、手机号或身份证号）').fill(openCaseIdNumber);
    await dialog.getByRole('button', { name: '查找' }).click();
    await dialog.getByRole('button', { name: '选择此人' }).click();
    await dialog.getByText(/已选择：/).waitFor();
    await dialog.getByRole('button', { name: '登记申请' }).click();
    // Once failed in a loaded CI run with no clue why: a dialog that stays open says what it shows.
    await dialog.waitFor({ state: 'hidden' }).catch(async (error: Error) => {
      const shown = await dialog.innerText().catch(() => '(unreadable)');
      throw new Error(`${error.message}\nthe dialog still shows: ${shown.slice(0, 600)}`);
    });
    await page.getByText('申请已登记：已推荐，等待单位答复').waitFor();
    const applications = page.getByTestId('fair-applications');
    await eventually(
      'five applications listed',
      async () => (await applications.locator('tbody tr.ant-table-row').count()) === 5,
    );

    const hardshipRow = applications.getByRole('row', { name: /赵德胜/ }).first();
    await hardshipRow.getByText('已上岗').waitFor();
    await hardshipRow.getByText(EMPLOYER_NAME).waitFor();
    await hardshipRow.getByText(/^1\d{2}\*{4}\d{4}$/).waitFor();
    await page.getByText(EMPLOYER_NAME).first().waitFor();
    const text = (await page.locator('main').first().textContent()) ?? '';
    for (const hidden of [fairId, vacancyId, hardshipCase, '510107003', openCaseIdNumber]) {
      expect(text).not.toContain(hidden);
    }
    await screenshot(page, 'job-fair-results');
    await page.getByRole('link', { name: '返回招聘会列表' }).click();
    await page.getByTestId('fair-list').getByRole('link', { name: FAIR_TITLE }).waitFor();

    await page.goto(`${consoleUi.url}/operator/assistance-month`);
    await page.getByRole('heading', { name: '就业援助月' }).waitFor();
    await page.getByLabel('年度').fill('2026');
    await page.getByLabel('年度').press('Tab');
    await page.getByTestId('assistance-month-totals').getByText('340').waitFor();
  });
});
