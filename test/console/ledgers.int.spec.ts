import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { as, startPlatform, YULIN_COMMUNITY, type Platform } from '../e2e/support/platform';
/* eslint-disable @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts) */
import { idNumber, mobile, registration } from '../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

// A district supervisor opens the six ledgers of the last month: the registered unemployed ledger with its
// persons by name (masked numbers, the community by name), exports it as Excel and closes the month.
describe('the six ledgers in the console', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });
  const NAMES = ['周立群', '吴秀英'];

  it('shows a ledger by names, exports it as Excel with bilingual headers and closes the month', async () => {
    let sequence = 730;
    const ids: string[] = [];
    for (const name of NAMES) {
      const id = idNumber('19840412', (sequence += 2), '510107');
      ids.push(id);
      await request(platform.urls.people)
        .post('/persons')
        .set(as(platform.tokens.operator))
        .send(
          registration({
            name,
            idNumber: id,
            phone: mobile(),
            communityCode: YULIN_COMMUNITY,
            // Registered long before the month the page opens on (the last one): in its ledger.
            unemployment: { registeredOn: '2026-01-05', status: 'registered' },
          }),
        )
        .expect(201);
    }

    const { page, errors } = await consoleUi.signedIn('supervisor.wuhou');
    await page.goto(`${consoleUi.url}/supervisor/ledgers`);
    await page.getByRole('heading', { name: '六本台账' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('ledger-state').getByText('未关账（按实时数据生成）').waitFor();
    const table = page.getByTestId('ledger-rows');
    for (const name of NAMES)
      await table.getByRole('row', { name: new RegExp(name) }).waitFor({ timeout: 30_000 });
    const row = table.getByRole('row', { name: new RegExp(NAMES[0]) });
    await row.getByText('玉林北路社区').waitFor(); // the community by name, not its code
    await table.getByRole('columnheader', { name: '社区', exact: true }).waitFor();
    // Word values in the reader's language (the files keep both).
    await row.getByText('登记失业', { exact: true }).waitFor();
    for (const tab of ['求职登记', '参保人员', '退休人员', '技能培训', '岗位空缺'])
      await page.getByRole('tab', { name: new RegExp(tab) }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('ledger-export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ledger-registered-unemployed-510107-20\d\d-\d\d\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('登记失业人员台账');
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining([
        '姓名 Name',
        '身份证号(脱敏) ID number (masked)',
        '月末状态 Status at month end',
      ]),
    );
    const exported = sheet
      .getSheetValues()
      .slice(2)
      .map((values) => (values as unknown[])[1]);
    expect(exported).toEqual(expect.arrayContaining(NAMES));
    const summary = workbook.getWorksheet('汇总 Summary')!;
    expect(summary.getRow(5).values).toEqual([undefined, '合计 Total', exported.length]);
    const file = readFileSync((await download.path())!).toString('latin1');
    for (const id of ids) expect(file).not.toContain(id);

    // The month is closed: from now on the page reads its snapshot.
    await page.getByTestId('ledger-close').click();
    await page.getByRole('tooltip').getByRole('button', { name: '关闭本月台账' }).click();
    await page
      .getByTestId('ledger-state')
      .getByText(/已关账：.*关账人 supervisor\.wuhou/)
      .waitFor({ timeout: 30_000 });
    await table
      .getByRole('row', { name: new RegExp(NAMES[0]) })
      .getByRole('button', { name: '更正' })
      .waitFor();
    await screenshot(page, 'ledger-export');

    const text = (await page.locator('body').textContent()) ?? '';
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain(YULIN_COMMUNITY);
    expect(errors).toEqual([]);
  });

  it('lets a station operator read and export the ledgers of their street, without closing or correcting', async () => {
    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/ledgers`);
    await page.getByRole('heading', { name: '六本台账' }).waitFor({ timeout: 30_000 });
    const table = page.getByTestId('ledger-rows');
    for (const name of NAMES)
      await table.getByRole('row', { name: new RegExp(name) }).waitFor({ timeout: 30_000 });
    await page.getByTestId('ledger-export-csv').waitFor();
    expect(await page.getByTestId('ledger-close').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
