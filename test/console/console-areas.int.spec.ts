import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { CaseIntake } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, startPlatform, type Platform } from '../e2e/support/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts)
import { ReservationsService } from '../../apps/employers/src/reservations/reservations.service';
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

/** What the specs read of GET /cases/{id}. */
interface CaseBody {
  state: string;
  view?: { owner: string; referrals: Array<{ referralId: string; status: string; reason: string | null }> };
}

/** "yyyy-mm-dd hh:mm" in Asia/Shanghai, as the console shows instants. */
const shanghaiMinute = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

// The console as its users meet it: the real platform behind it, Debian's Chromium in front, 1366×768.
describe('the console', () => {
  let platform: Platform;
  // Each test signs in afresh and fails on any browser-console error.
  const consoleUi = setUpConsoleBrowser(
    async () => {
      platform = await startPlatform();
      return platform;
    },
    { closePagesAfterEachTest: true },
  );
  const hotline = () => request(platform.urls.hotline);
  const jobs = () => request(platform.urls.jobs);

  const signedIn = async (username: string) => (await consoleUi.signedIn(username)).page;

  /** The page fits 1366 px: no horizontal scrolling of the whole page. */
  async function expectNoHorizontalScroll(page: Page) {
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(1366);
  }

  async function openCaseByApi(intake: CaseIntake, extra: Record<string, unknown> = {}): Promise<string> {
    const opened = await hotline()
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `console-${randomUUID()}`)
      .send({ ...intake, ...extra })
      .expect(201);
    return opened.body.caseId as string;
  }

  /** The case's referral as staff see it in jobs. */
  const referralOf = async (caseId: string) =>
    (await jobs().get('/referrals').query({ caseId }).set(as(platform.tokens.operator)).expect(200)).body
      .items[0];

  /** Once the case is registered, the operator proposes the demo vacancy; answers the referral from jobs. */
  async function proposeDemoVacancy(caseId: string): Promise<{ id: string }> {
    await caseUntil(caseId, 'the case is registered', (body) => body.state === 'registered');
    await hotline()
      .post(`/cases/${caseId}/referrals`)
      .set(as(platform.tokens.operator))
      .send({ vacancyId: platform.demo.vacancyId })
      .expect((response) => expect([200, 201]).toContain(response.status));
    return referralOf(caseId);
  }

  async function caseUntil(caseId: string, what: string, check: (body: CaseBody) => boolean) {
    let last: CaseBody | undefined;
    await eventually(
      what,
      async () => {
        const response = await hotline().get(`/cases/${caseId}`).set(as(platform.tokens.operator));
        last = response.body as CaseBody;
        return response.status === 200 && check(last);
      },
      60_000,
    );
    return last;
  }

  it('an operator opens a case from a call and sees its 2-working-day deadline at once', async () => {
    const page = await signedIn('operator.wuhou');
    await page.getByTestId('intake-form').waitFor();
    const caller = caseIntake(9101);
    await page.getByLabel('姓名').fill('张三');
    await page.getByLabel('身份证号').fill(caller.person.idNumber);
    await page.getByLabel('手机号').fill(caller.person.phone);
    await page.locator('label.ant-radio-button-wrapper', { hasText: '城镇' }).click();
    await page.getByLabel('户籍地').fill(caller.person.hukouPlace);
    await page.getByLabel('所属社区').click();
    await page.locator('.ant-select-tree-title', { hasText: '玉林北路社区' }).click();
    await page.getByLabel('求职意愿（来电人原话）').fill('保洁，白班');
    await page.getByRole('switch', { name: '不挑不选' }).click();
    await page.getByRole('button', { name: '受理并建档' }).click();

    const shown = await page.getByTestId('case-deadline').textContent();
    await page.getByRole('button', { name: '打开案件' }).click();
    await page.waitForURL(/\/operator\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    // The deadline shown is the one the hotline computed from the working calendar for this call.
    const stored = await hotline().get(`/cases/${caseId}`).set(as(platform.tokens.operator)).expect(200);
    const expected = await hotline()
      .get('/calendar/deadline')
      .query({ start: stored.body.openedAt, days: 2 })
      .set(as(platform.tokens.operator))
      .expect(200);
    expect(shown).toContain(shanghaiMinute(expected.body.deadline));

    await page.getByTestId('sla-countdown').waitFor();
    await page.getByTestId('case-state').waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'operator-desk-case');
  });

  it('an operator hands a case to a colleague picked from those who can see it', async () => {
    const caseId = await openCaseByApi(caseIntake(9106));
    await caseUntil(caseId, 'the case workflow to answer', (body) => body.view !== undefined);
    const page = await signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/cases/${caseId}`);
    await page.getByRole('button', { name: '移交' }).click();
    const dialog = page.getByRole('dialog', { name: '移交案件' });
    await dialog.getByLabel('接收人').click();
    // Staff whose area holds the case, nearest first; the owner is not offered.
    const offered = page.locator('.ant-select-dropdown .ant-select-item-option');
    await offered.first().waitFor();
    const names = await offered.allTextContents();
    expect(names.some((name) => name.includes('supervisor.wuhou'))).toBe(true);
    expect(names.some((name) => name.includes('supervisor.city'))).toBe(true);
    expect(names.some((name) => name.includes('（operator.wuhou）'))).toBe(false);
    await screenshot(page, 'operator-handoff-picker');
    await page.keyboard.type('supervisor.wuhou');
    await page.keyboard.press('Enter');
    await dialog.getByLabel('移交原因').fill('原负责人外出培训');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const handedOff = await caseUntil(
      caseId,
      'the new owner',
      (body) => body.view?.owner === 'supervisor.wuhou',
    );
    expect(handedOff?.view?.owner).toBe('supervisor.wuhou');
  });

  it('the employer accepts a referral in the portal, and the case hears of it', async () => {
    const caseId = await openCaseByApi(caseIntake(9102));
    const { id: referralId } = await proposeDemoVacancy(caseId);

    const page = await signedIn('employer.demo');
    await page.getByRole('menuitem', { name: '待处理推荐' }).click();
    await page.getByTestId(`referral-accept-${referralId}`).waitFor();
    await screenshot(page, 'employer-portal-referrals');
    await page.getByTestId(`referral-accept-${referralId}`).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '接受' }).click();

    await caseUntil(
      caseId,
      'the employer acceptance reached the case',
      (body) =>
        !!body.view?.referrals.some((r) => r.referralId === referralId && r.status === 'employer_accepted'),
    );
    await expectNoHorizontalScroll(page);
  });

  it('the employer declines a referral with a reason from the list; jobs keeps the code, the case hears it', async () => {
    const caseId = await openCaseByApi(caseIntake(9107));
    const { id } = await proposeDemoVacancy(caseId);

    const page = await signedIn('employer.demo');
    await page.getByRole('menuitem', { name: '待处理推荐' }).click();
    await page.getByTestId(`referral-decline-${id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('婉拒原因').click();
    await page.locator('.ant-select-item-option', { hasText: '工作时间无法匹配' }).click();
    await dialog.getByLabel('补充说明').fill('只招夜班');
    await dialog.getByRole('button', { name: '确认婉拒' }).click();
    await dialog.waitFor({ state: 'hidden' });

    expect(await referralOf(caseId)).toMatchObject({
      status: 'employer_declined',
      employerReasonCode: 'schedule_mismatch',
      employerReason: '只招夜班',
    });
    await caseUntil(
      caseId,
      'the decline reached the case, with its code',
      (body) =>
        !!body.view?.referrals.some(
          (r) =>
            r.referralId === id &&
            r.status === 'employer_declined' &&
            r.reason === 'schedule_mismatch: 只招夜班',
        ),
    );
  });

  it("the supervisor's board shows a new case without a reload, and highlights a breached one", async () => {
    const page = await signedIn('supervisor.city');
    await page.waitForURL(/\/supervisor\/board/);
    await page.getByTestId('board-table').waitFor();
    await page.locator('[data-testid="board-live"][data-status="live"]').waitFor();
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });

    const fresh = await openCaseByApi(caseIntake(9103));
    const freshRow = page.getByTestId(`board-row-${fresh}`);
    await freshRow.waitFor({ timeout: 60_000 });
    await expect(freshRow.getAttribute('data-breached')).resolves.toBe('false');

    // A call taken on paper 20 days ago and keyed in now: its promise has long passed.
    const receivedAt = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const late = await openCaseByApi(caseIntake(9104), { receivedAt });
    const lateRow = page.locator(`[data-testid="board-row-${late}"][data-breached="true"]`);
    await lateRow.waitFor({ timeout: 60_000 });
    await expect(lateRow.getAttribute('class')).resolves.toContain('row-breached');
    expect(navigations).toBe(0);

    await expectNoHorizontalScroll(page);
    await screenshot(page, 'supervisor-board');
  });

  it('the KPI page names every control and draws its charts', async () => {
    const page = await signedIn('supervisor.city');
    await page.getByRole('menuitem', { name: '指标与图表' }).click();
    await page.locator('canvas').first().waitFor();
    // Inputs, selects and buttons each have a name a screen reader can read (label, aria-label or text).
    const unnamed = await page.evaluate<string[]>(`
      [...document.querySelectorAll('main input, main button, main textarea, main [role="combobox"]')]
        .filter((control) => control.type !== 'hidden' && !control.closest('[aria-hidden="true"]'))
        .filter((control) => !(control.labels?.length || control.getAttribute('aria-label') ||
          control.getAttribute('aria-labelledby') || control.textContent.trim()))
        .map((control) => control.outerHTML.slice(0, 120))
    `);
    expect(unnamed).toEqual([]);
    await expect(page.getByLabel('统计期间结束日期').count()).resolves.toBe(1);

    // The employer-decline test above declined with schedule_mismatch: jobs counts it, the page names it.
    const period = {
      from: await page.locator('#kpi-period').inputValue(),
      to: await page.locator('#kpi-period-end').inputValue(),
    };
    const declines = (
      await request(platform.urls.jobs)
        .get('/reports/employer-declines')
        .query(period)
        .set(as(platform.tokens.supervisor))
        .expect(200)
    ).body as { total: number; byReason: Record<string, number> };
    expect(declines.byReason.schedule_mismatch).toBeGreaterThanOrEqual(1);
    const reasons = page.getByTestId('kpi-decline-reasons');
    const row = reasons.locator('tr', { hasText: '工作时间无法匹配' });
    await row.waitFor();
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe(
      String(declines.byReason.schedule_mismatch),
    );
    await expect(page.getByText(`用人单位拒绝推荐的原因（共 ${declines.total} 次）`).count()).resolves.toBe(
      1,
    );
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'supervisor-kpis');
  });

  it("a pool row's reservations action lists that pool's holds only", async () => {
    const employers = () => request(platform.urls.employers);
    const demoPool = (
      await employers()
        .get(`/welfare-pools/${platform.demo.welfarePoolId}`)
        .set(as(platform.tokens.supervisor))
    ).body as { period: string };
    const holdIn = async (postType: string) => {
      const pool = (
        await employers()
          .post('/welfare-pools')
          .set(as(platform.tokens.supervisor))
          .send({ districtCode: '510107', postType, period: demoPool.period, fundedSlots: 2 })
          .expect(201)
      ).body as { id: string };
      // Holds are made only by the case workflow's employers activity: the same service call, without a case.
      const caseId = randomUUID();
      await platform.employers.app.get(ReservationsService).reserveWelfareSlot(pool.id, {
        caseId,
        personId: randomUUID(),
        categories: [],
        holdMinutes: 24 * 60,
        actor: 'browser-test',
        correlationId: caseId,
      });
      return { poolId: pool.id, caseId };
    };
    const cleaner = await holdIn('保洁员（浏览器测试）');
    const ranger = await holdIn('护林员（浏览器测试）');

    const page = await signedIn('supervisor.city');
    await page.getByRole('menuitem', { name: '公益性岗位' }).click();
    await page.getByTestId(`pool-reservations-${cleaner.poolId}`).click();
    const holds = page.getByTestId('welfare-reservations');
    // The unfiltered list stays on screen until the filtered answer replaces it: wait for the other pool to go.
    await holds.locator(`[data-case-id="${ranger.caseId}"]`).waitFor({ state: 'detached' });
    await holds.locator(`[data-case-id="${cleaner.caseId}"]`).waitFor();
    await expect(holds.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);

    await page.getByTestId(`pool-reservations-${ranger.poolId}`).click();
    await holds.locator(`[data-case-id="${cleaner.caseId}"]`).waitFor({ state: 'detached' });
    await holds.locator(`[data-case-id="${ranger.caseId}"]`).waitFor();
    await expect(holds.locator('tbody tr.ant-table-row').count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'supervisor-welfare-reservations');
  });

  it('uploading a malformed calendar file shows the reason in the page', async () => {
    const page = await signedIn('supervisor.city');
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByTestId('calendar-upload').setInputFiles({
      name: 'broken.ics',
      mimeType: 'text/calendar',
      buffer: Buffer.from('this is not an iCalendar file'),
    });
    await page.locator('#calendar-upload_source').fill('国务院办公厅通知（测试）');
    await page.locator('#calendar-upload_reason').fill('测试错误文件');
    await page.getByRole('button', { name: '上传并导入' }).click();
    const error = page.getByTestId('calendar-upload-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('不是可读取的 iCalendar 文件');
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'supervisor-calendar-upload-error');
  });

  it('a district supervisor sees the city-wide calendar read-only, with nothing to change it', async () => {
    const page = await signedIn('supervisor.wuhou');
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByText('您可以查看工作日历，但无权修改。').waitFor();
    await page.getByTestId('calendar-years').locator('tbody tr.ant-table-row').first().waitFor();
    await expect(page.getByTestId('calendar-upload').count()).resolves.toBe(0);
  });
});
