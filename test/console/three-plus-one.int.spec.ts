import request from 'supertest';
import type { CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, shanghaiDay, startPlatform, type Platform } from '../e2e/support/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts)
import { idNumber, mobile, registration } from '../../apps/people/src/testing/people-test-app';
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

const DAY_MS = 86_400_000;
/** 玉林东路社区, in the demo operator's street. */
const COMMUNITY = '510107003002';
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

// The 3+1 worklist as an operator uses it: two registered unemployed persons of the street, one near the end of
// their year with a recommendation confirmed and one awaiting confirmation, one whose help case is open; the
// operator reads the list in words, goes to the open case to propose a job, is offered intake for the person
// without a case, goes to the training page for a referral and records a contact.
describe('3+1 worklist in the console', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(
    async () => {
      platform = await startPlatform();
      return platform;
    },
    { closePagesAfterEachTest: true },
  );
  let nearEndId = '';
  let caseId = '';
  let casePersonId = '';

  beforeAll(async () => {
    // Registered unemployed 340 days ago (Shanghai days): 24 days of the year left, inside the 60-day warning.
    const registeredOn = shanghaiDay(Date.now() - 340 * DAY_MS);
    const registered = await request(platform.urls.people)
      .post('/persons')
      .set(as(platform.tokens.operator))
      .send(
        registration({
          name: '赵丽华',
          idNumber: idNumber('19790415', 811, '510107'),
          phone: mobile(),
          communityCode: COMMUNITY,
          unemployment: { registeredOn, status: 'registered' },
          circumstances: { minimumLivingAllowance: true },
        }),
      );
    if (registered.status !== 201) throw new Error(`registering: ${registered.status} ${registered.text}`);
    nearEndId = registered.body.person.id as string;
    const recordFor = (kind: string, confirmed: boolean) =>
      request(platform.urls.people)
        .post(`/persons/${nearEndId}/service-records`)
        .set(as(platform.tokens.operator))
        .send({
          kind,
          channel: 'in-person',
          occurredAt: new Date(Date.now() - 30 * DAY_MS).toISOString(),
          outcome: '推荐岗位：社区保洁员',
          ...(confirmed ? { confirmation: { method: 'signature', signatureImage: PNG } } : {}),
        })
        .expect(201);
    await recordFor('job-referral', true);
    await recordFor('job-referral', false);

    // A caller whose help case is open: registered by the case, in the same community.
    const opened = await request(platform.urls.hotline)
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `three-plus-one-${Date.now()}`)
      .send(
        caseIntake(9521, {
          person: { ...caseIntake(9521).person, name: '钱建军', communityCode: COMMUNITY },
        }),
      )
      .expect(201);
    caseId = opened.body.caseId as string;
    await eventually(
      'the case registered its person',
      async () => {
        const response = await request(platform.urls.hotline)
          .get(`/cases/${caseId}`)
          .set(as(platform.tokens.operator));
        casePersonId = (response.body as CaseDetail).view?.personId ?? '';
        return response.status === 200 && !!casePersonId;
      },
      60_000,
    );
  });

  it('lists the persons in words, warns near the end of the year and acts from each row', async () => {
    const { page } = await consoleUi.signedIn('operator.wuhou');
    await page.getByRole('menuitem', { name: '3+1 工作台' }).click();
    await page.waitForURL(/\/operator\/three-plus-one$/);

    const kpis = page.getByTestId('three-plus-one-kpis');
    await kpis.getByText('服务年度进行中').waitFor();
    await kpis.getByText('预警（60 天内期满仍未完成）').waitFor();

    // Nearest end first: the person with 24 days left, then the caller whose year began today.
    const table = page.getByTestId('three-plus-one-worklist');
    const nearEnd = page.getByTestId(`three-plus-one-row-${nearEndId}`);
    await nearEnd.waitFor({ timeout: 30_000 });
    await expect(nearEnd.getAttribute('data-status')).resolves.toBe('at-risk');
    await nearEnd.getByText('赵丽华').waitFor();
    await nearEnd.getByText(/^1\d{2}\*{4}\d{4}$/).waitFor();
    await nearEnd.getByText('玉林东路社区').waitFor();
    await nearEnd.getByText('已确认 1/3').waitFor();
    await nearEnd.getByText('另有 1 条待本人确认').waitFor();
    await nearEnd.getByText('未推荐').waitFor();
    await nearEnd.getByText('还剩 24 天').waitFor();
    await nearEnd.getByText('预警', { exact: true }).waitFor();
    await nearEnd.getByText('享受城乡居民最低生活保障的失业人员').waitFor();
    const withCase = page.getByTestId(`three-plus-one-row-${casePersonId}`);
    await withCase.getByText('钱建军').waitFor();
    await withCase.getByText('还剩 364 天').waitFor();
    const order = await table
      .locator('tbody tr.ant-table-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
    expect(order.indexOf(`three-plus-one-row-${nearEndId}`)).toBeLessThan(
      order.indexOf(`three-plus-one-row-${casePersonId}`),
    );
    // No ids or codes on the screen.
    const shown = (await table.textContent()) ?? '';
    expect(shown).not.toContain(nearEndId);
    expect(shown).not.toContain(COMMUNITY);
    await screenshot(page, 'three-plus-one-worklist');

    // In English: the same list in plain words, the category by its English name.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: '3+1 worklist' }).waitFor();
    await page.getByTestId('three-plus-one-kpis').getByText('At risk (≤ 60 days left, not served)').waitFor();
    await nearEnd.getByText('1 of 3 confirmed').waitFor();
    await nearEnd.getByText('Not referred yet').waitFor();
    await nearEnd.getByText('24 days left').waitFor();
    await nearEnd.getByText('At risk', { exact: true }).waitFor();
    await nearEnd.getByText('Receiving minimum living allowance (低保)').waitFor();
    await page.getByText('中文', { exact: true }).click();
    await nearEnd.getByText('还剩 24 天').waitFor();

    // Only what is missing: the training filter keeps both (neither has a confirmed training).
    await page.getByRole('form', { name: '筛选' }).getByText('技能培训', { exact: true }).click();
    await nearEnd.waitFor();

    // Record a contact: the outcome is required; the record waits for the person's confirmation.
    await nearEnd.getByRole('button', { name: '记录联系' }).click();
    const dialog = page.getByRole('dialog', { name: '记录联系：赵丽华' });
    // A click during the dialog's opening animation may miss (seen under load): click until it is chosen.
    const visit = dialog.getByRole('radio', { name: '走访' });
    await eventually('the visit is chosen', async () => {
      await dialog.getByText('走访', { exact: true }).click();
      return visit.isChecked();
    });
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.getByText('请填写情况记录').waitFor();
    await dialog.getByLabel('情况记录').fill('电话联系，本人愿意参加家政服务培训');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const records = await request(platform.urls.people)
      .get(`/persons/${nearEndId}/service-records`)
      .set(as(platform.tokens.operator))
      .expect(200);
    expect(records.body.items[0]).toMatchObject({
      kind: 'visit',
      channel: 'phone',
      outcome: '电话联系，本人愿意参加家政服务培训',
      confirmedByBoth: false,
    });

    // Propose a job for a person without an open case: the console offers intake.
    await nearEnd.getByRole('button', { name: '推荐岗位' }).click();
    const noCase = page.getByRole('dialog', { name: '赵丽华 没有进行中的求助个案' });
    await noCase.getByRole('button', { name: '去登记开案' }).click();
    await page.waitForURL(/\/operator\/intake$/);

    // Refer to training: the training page with the person.
    await page.goBack();
    await page.waitForURL(/\/operator\/three-plus-one$/);
    await nearEnd.getByRole('button', { name: '推荐培训' }).click();
    await page.waitForURL(new RegExp(`/operator/training\\?referPerson=${nearEndId}$`));

    // Propose a job for the caller with an open case: their case page.
    await page.goBack();
    await page.waitForURL(/\/operator\/three-plus-one$/);
    await withCase.getByRole('button', { name: '推荐岗位' }).click();
    await page.waitForURL(new RegExp(`/operator/cases/${caseId}$`));
  });
});
