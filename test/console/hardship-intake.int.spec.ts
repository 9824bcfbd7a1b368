import request from 'supertest';
import { shanghaiDateOf } from '@platform/calendar';
import type { CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, startPlatform, type Platform } from '../e2e/support/platform';
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

/** yyyy-mm-dd `months` calendar months before `day` (the 1st, so it exists in every month). */
const monthsBefore = (day: string, months: number) =>
  new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 - months, 1))
    .toISOString()
    .slice(0, 10);

// The intake form records what makes a caller a hardship case in the operator's words (checkboxes and a date,
// no codes), and the case's registration comes out with the categories that follow from it.
describe('the intake form records a hardship caller', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });

  it('an operator ticks 低保 and the disability certificate; the person is registered in those categories', async () => {
    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.getByTestId('intake-form').waitFor();
    const caller = caseIntake(9201);
    const registeredOn = monthsBefore(shanghaiDateOf(new Date()), 8);

    await page.getByLabel('姓名').fill('王五');
    await page.getByLabel('身份证号').fill(caller.person.idNumber);
    await page.getByLabel('手机号').fill(caller.person.phone);
    await page.getByLabel('户籍地').fill(caller.person.hukouPlace);
    await page.getByLabel('所属社区').click();
    await page.locator('.ant-select-tree-title', { hasText: '玉林北路社区' }).click();

    await page.locator('label.ant-radio-button-wrapper', { hasText: '已登记失业' }).click();
    await page.getByLabel('失业登记日期').fill(registeredOn);
    await page.getByLabel('失业登记日期').press('Enter');
    await page.getByText('已失业 8 个月').waitFor();
    await page.getByRole('checkbox', { name: '享受低保' }).check();
    await page.getByRole('checkbox', { name: '持有残疾人证' }).check();
    // A malformed number is refused on the form, in the operator's language.
    await page.getByLabel('残疾人证号').fill('5101-07');
    await page.getByText('残疾人证号为 6–30 位字母或数字').waitFor();
    await page.getByLabel('残疾人证号').fill('51010719940101153142');
    await page.getByLabel('求职意愿（来电人原话）').fill('什么工作都可以');
    await page.getByTestId('intake-form').getByText('失业登记与困难情况').scrollIntoViewIfNeeded();
    await screenshot(page, 'operator-intake-hardship');

    await page.getByRole('button', { name: '受理并建档' }).click();
    await page.getByRole('button', { name: '打开案件' }).click();
    await page.waitForURL(/\/operator\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;

    let detail: CaseDetail | undefined;
    await eventually(
      'the person is registered',
      async () => {
        const response = await request(platform.urls.hotline)
          .get(`/cases/${caseId}`)
          .set(as(platform.tokens.operator));
        detail = response.body as CaseDetail;
        return response.status === 200 && !!detail.view?.personId;
      },
      60_000,
    );
    expect(detail!.view!.categories).toEqual(
      expect.arrayContaining(['minimum-living-allowance', 'disabled']),
    );
    expect(errors).toEqual([]);
  });
});
