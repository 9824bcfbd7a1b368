import request from 'supertest';
import { ORG_UNIT_CENTROIDS, type CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, startPlatform, YULIN_STREET, type Platform } from '../e2e/support/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts)
import { vacancyBody } from '../../apps/jobs/src/testing/jobs-test-app';
import { pickOption, screenshot, setUpConsoleBrowser } from './support/console-browser';

const YULIN_EAST = '510107003002';

// Nobody types coordinates: the employer posts by community, the operator knows the caller's community (and
// may name another), and the case page matches from there, showing names only.
describe('a case matched without coordinates', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });

  it("shows the caller's community, the vacancies near it, and matches from the community the operator sets", async () => {
    // The employer names the community; the vacancy's point is the community's centre.
    const {
      lat: _lat,
      lng: _lng,
      ...byCommunity
    } = vacancyBody({
      title: '社区保洁员',
      headcount: 5,
      districtCode: '510107',
      streetCode: YULIN_STREET,
      communityCode: YULIN_EAST,
    });
    const vacancy = await request(platform.urls.jobs)
      .post('/employer/vacancies')
      .set(as(platform.tokens.employer))
      .send(byCommunity)
      .expect(201);
    expect(vacancy.body).toMatchObject(ORG_UNIT_CENTROIDS[YULIN_EAST]);

    // The intake recorded no point at all.
    const { location: _location, ...intake } = caseIntake(9301);
    const opened = await request(platform.urls.hotline)
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `location-${Date.now()}`)
      .send(intake)
      .expect(201);
    const caseId = opened.body.caseId as string;
    await eventually(
      'the person is registered',
      async () => {
        const response = await request(platform.urls.hotline)
          .get(`/cases/${caseId}`)
          .set(as(platform.tokens.operator));
        return response.status === 200 && !!(response.body as CaseDetail).view?.personId;
      },
      60_000,
    );

    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/cases/${caseId}`);
    const panel = page.getByTestId('case-location');
    await panel.getByText('武侯区 · 玉林街道 · 玉林北路社区').waitFor();
    await panel.getByText('求助人所在社区').waitFor();
    await page.getByRole('cell', { name: '社区保洁员' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'operator-case-location');

    // The operator says the person works from 玉林东路社区, at an address the page only shows masked.
    await page.getByTestId('change-location').click();
    const dialog = page.getByRole('dialog');
    await pickOption(dialog, '社区', '玉林东路社区', { tree: true, exactLabel: true });
    await dialog.getByLabel('详细地址（可选）').fill('玉林东路8号3栋');
    await dialog.getByRole('button', { name: '保存' }).click();
    await panel.getByText('武侯区 · 玉林街道 · 玉林东路社区').waitFor();
    await panel.getByText('接线员设置').waitFor();
    await panel.getByText('玉林东路****').waitFor();
    await panel.getByText('由 玉林街道就业专员（演示） 设置').waitFor();
    await page.getByRole('cell', { name: '社区保洁员' }).waitFor();
    await screenshot(page, 'operator-case-location-changed');

    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('8号3栋');
    expect(text).not.toMatch(/30\.6\d|104\.0\d|510107003/);
    const profile = await request(platform.urls.hotline)
      .get(`/cases/${caseId}/match-profile`)
      .set(as(platform.tokens.operator))
      .expect(200);
    expect(profile.body).toMatchObject(ORG_UNIT_CENTROIDS[YULIN_EAST]);
    expect(errors).toEqual([]);
  });

  it('the intake records where the person can work from as a community and an address, no coordinates', async () => {
    // The first test's page is done with.
    await consoleUi.closePages();
    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.getByTestId('intake-form').waitFor();
    const caller = caseIntake(9302);
    const openDropdown = '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title';

    await page.getByLabel('姓名').fill('赵六');
    await page.getByLabel('身份证号').fill(caller.person.idNumber);
    await page.getByLabel('手机号').fill(caller.person.phone);
    await page.getByLabel('户籍地').fill(caller.person.hukouPlace);
    await page.getByLabel('所属社区').click();
    await page.locator(openDropdown, { hasText: '玉林北路社区' }).click();
    // Closed before the next picker opens: while it animates away both would list the same communities.
    await page.waitForFunction(
      "document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0",
    );
    await page.getByLabel('求职意愿（来电人原话）').fill('保洁');
    expect(await page.getByText('纬度').count()).toBe(0);
    await page.getByLabel('社区', { exact: true }).click();
    await page.locator(openDropdown, { hasText: '玉林东路社区' }).click();
    await page.getByLabel('详细地址（可选）').fill('玉林东路12号');
    await page.getByRole('button', { name: '受理并建档' }).click();
    await page.getByRole('button', { name: '打开案件' }).click();
    await page.waitForURL(/\/operator\/cases\/[0-9a-f-]{36}$/);

    const panel = page.getByTestId('case-location');
    await panel.getByText('武侯区 · 玉林街道 · 玉林东路社区').waitFor();
    await panel.getByText('接线员设置').waitFor();
    await panel.getByText('玉林东****').waitFor();
    expect((await page.locator('body').textContent()) ?? '').not.toContain('12号');
    expect(errors).toEqual([]);
  });
});
