import request from 'supertest';
import type { CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, startPlatform, type Platform } from '../e2e/support/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts)
import type { DevSinkSmsGateway } from '../../apps/people/src/sms/dev-sink-sms-gateway';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the harness runs the apps in-process (see platform.ts)
import { SMS_GATEWAY } from '../../apps/people/src/sms/sms-gateway';
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

// The case writes its service records unconfirmed; on the case page the operator takes the person's
// confirmation (SMS code read back, or a signature at the station with its witness) and "3+1" counts it.
describe('service records confirmed by the person on the case page', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });

  it('shows each record’s confirmation and the 3+1 progress, confirms by SMS code and at the station', async () => {
    const intake = caseIntake(9411);
    const opened = await request(platform.urls.hotline)
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `records-${Date.now()}`)
      .send(intake)
      .expect(201);
    const caseId = opened.body.caseId as string;
    let personId = '';
    await eventually(
      'the person is registered',
      async () => {
        const response = await request(platform.urls.hotline)
          .get(`/cases/${caseId}`)
          .set(as(platform.tokens.operator));
        personId = (response.body as CaseDetail).view?.personId ?? '';
        return response.status === 200 && !!personId;
      },
      60_000,
    );
    // Two recommendations as the case writes them: not confirmed yet.
    for (const [kind, outcome] of [
      ['job-referral', '推荐岗位：社区保洁员'],
      ['training-referral', '推荐培训：家政服务'],
    ]) {
      await request(platform.urls.people)
        .post(`/persons/${personId}/service-records`)
        .set(as(platform.tokens.operator))
        .send({ kind, channel: 'phone', occurredAt: new Date().toISOString(), outcome })
        .expect(201);
    }

    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/cases/${caseId}`);
    const panel = page.getByTestId('service-records');
    await panel.getByText('岗位推荐 0/3').waitFor({ timeout: 30_000 });
    await panel.getByText('另有 2 条推荐待本人确认，确认后才计入').waitFor();
    await screenshot(page, 'operator-service-records');

    // By SMS: the code goes to the person's phone (the dev sink here); they read it out, the operator types it.
    const jobRow = panel.getByRole('row', { name: /推荐岗位：社区保洁员/ });
    await jobRow.getByRole('button', { name: '本人确认' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '发送确认码' }).click();
    await dialog.getByText(/确认码已发送至 1\d{2}\*{4}\d{4}/).waitFor();
    const sms = platform.people.app.get<DevSinkSmsGateway>(SMS_GATEWAY);
    const code = /code is (\d{6})/.exec(sms.lastTo(intake.person.phone) ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await dialog.getByLabel('确认码（6 位数字）').fill(code!);
    await dialog.getByRole('button', { name: '确认' }).click();
    await jobRow.getByText('已确认（短信确认码）').waitFor();
    await panel.getByText('岗位推荐 1/3').waitFor();

    // At the station: the operator names who witnessed the paper signature; the page shows it masked.
    const trainingRow = panel.getByRole('row', { name: /推荐培训：家政服务/ });
    await trainingRow.getByRole('button', { name: '本人确认' }).click();
    await dialog.getByText('站点签字').click();
    await dialog.getByLabel('见证人姓名').fill('王见证');
    await dialog.getByRole('button', { name: '确认' }).click();
    await trainingRow.getByText('已确认（站点签字，见证人 王**）').waitFor();
    await panel.getByText('技能培训推荐 1/1').waitFor();
    await screenshot(page, 'operator-service-records-confirmed');

    // The case's own registration record reads as words, without the case id.
    await panel.getByText('962110 来电求助，完成实名登记').waitFor();
    const text = (await page.locator('body').textContent()) ?? '';
    expect(await panel.textContent()).not.toContain(caseId);
    expect(text).not.toContain('王见证');
    expect(text).not.toContain(intake.person.phone);
    expect(errors).toEqual([]);

    // Development only: the admin reads the texts the dev sink kept, the number masked.
    const adminPage = await consoleUi.signedIn('admin');
    await adminPage.page.goto(`${consoleUi.url}/supervisor/dev-sms`);
    const masked = `${intake.person.phone.slice(0, 3)}****${intake.person.phone.slice(-4)}`;
    await adminPage.page.getByRole('cell', { name: masked }).first().waitFor({ timeout: 30_000 });
    await screenshot(adminPage.page, 'admin-dev-sms');
    expect((await adminPage.page.locator('body').textContent()) ?? '').not.toContain(intake.person.phone);
    expect(adminPage.errors).toEqual([]);
  });
});
