import request from 'supertest';
import type { CaseDetail } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { as, caseIntake, startPlatform, type Platform } from '../e2e/support/platform';
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

/**
 * Personal plans (一人一策) on the whole platform: a hardship caller (低保) is registered with a category, the
 * operator agrees the assistance agreement on the case page, a contact is recorded and the page says the plan
 * was not reviewed at it, the operator reviews it, and the overdue item is on the agenda with the person's name
 * and masked phone, from where the case page opens. The hotline's clock is the harness's fixed day (2026-06-15).
 */
describe('personal plans on the case page and the agenda', () => {
  let platform: Platform;
  const consoleUi = setUpConsoleBrowser(async () => {
    platform = await startPlatform();
    return platform;
  });
  const hotline = () => request(platform.urls.hotline);

  async function registeredCase(
    n: number,
    hardship: boolean,
  ): Promise<{ caseId: string; phone: string; name: string }> {
    const intake = caseIntake(n);
    intake.person.name = hardship ? '赵援助' : '钱普通';
    if (hardship) {
      intake.person.unemployment = { registeredOn: '2026-01-10', status: 'registered' };
      intake.person.circumstances = { minimumLivingAllowance: true };
    }
    const opened = await hotline()
      .post('/cases')
      .set(as(platform.tokens.operator))
      .set('Idempotency-Key', `plans-${n}-${Date.now()}`)
      .send(intake)
      .expect(201);
    const caseId = opened.body.caseId as string;
    await eventually(
      'the person is registered',
      async () => {
        const answer = await hotline().get(`/cases/${caseId}`).set(as(platform.tokens.operator));
        return answer.status === 200 && !!(answer.body as CaseDetail).view?.personId;
      },
      60_000,
    );
    return { caseId, phone: intake.person.phone, name: intake.person.name };
  }

  it('refuses a plan for a person who is not an assistance target (409)', async () => {
    const { caseId } = await registeredCase(9511, false);
    const plan = await hotline()
      .get(`/cases/${caseId}/personal-plan`)
      .set(as(platform.tokens.operator))
      .expect(200);
    expect(plan.body).toMatchObject({ assistanceTarget: false, plan: null });
    const refused = await hotline()
      .post(`/cases/${caseId}/personal-plan`)
      .set(as(platform.tokens.operator))
      .send({
        agreedOn: '2026-06-01',
        agreement: { method: 'phone', readBackConfirmed: true },
        goals: '尽快就业',
        items: [
          {
            kind: 'job-recommendation',
            description: '推荐岗位',
            dueOn: '2026-06-10',
            responsible: 'operator.wuhou',
          },
        ],
      })
      .expect(409);
    expect(refused.text).toContain('援助类别');
  });

  it('agrees, warns after an unreviewed contact, reviews, and lists the overdue item on the agenda', async () => {
    const person = await registeredCase(9512, true);
    const { page, errors } = await consoleUi.signedIn('operator.wuhou');
    await page.goto(`${consoleUi.url}/operator/cases/${person.caseId}`);
    const card = page.getByTestId('personal-plan');
    await card.getByText('尚未签订援助协议。').waitFor({ timeout: 30_000 });

    // The agreement: signed at the station with a witness, goals, three agreed services.
    await card.getByRole('button', { name: '签订援助协议' }).click();
    const dialog = page.getByRole('dialog');
    // The date pickers take a typed day; Tab moves on and closes the calendar.
    const date = async (field: ReturnType<typeof dialog.getByLabel>, day: string) => {
      await field.fill(day);
      await field.press('Tab');
    };
    await date(dialog.getByLabel('协议签订日期'), '2026-06-01');
    await dialog.getByLabel('见证人姓名').fill('王见证');
    await dialog.getByLabel('援助目标').fill('三个月内在社区附近稳定就业');
    await dialog.getByLabel('目标岗位（可选）').fill('保洁员');
    await dialog.getByLabel('期望月收入（元，可选）').fill('3000');
    const item = (index: number) => dialog.getByTestId('plan-item-fields').nth(index);
    await item(0).getByLabel('服务内容').fill('推荐 3 个保洁岗位');
    await date(item(0).getByLabel('到期日'), '2026-06-05');
    await dialog.getByRole('button', { name: '再加一项' }).click();
    await item(1).getByLabel('服务内容').fill('家政服务培训报名');
    await date(item(1).getByLabel('到期日'), '2026-07-15');
    await dialog.getByRole('button', { name: '再加一项' }).click();
    await item(2).getByLabel('服务类别').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '职业指导' })
      .click();
    await item(2).getByLabel('服务内容').fill('职业指导一次');
    await date(item(2).getByLabel('到期日'), '2026-06-10');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const items = card.getByTestId('plan-items');
    await items.getByText('推荐 3 个保洁岗位').waitFor();
    // Days late on the hotline's today (15 June): 10 and 5; July's item is a month ahead.
    await items
      .getByRole('row', { name: /推荐 3 个保洁岗位/ })
      .getByText('逾期 10 天')
      .waitFor();
    await items
      .getByRole('row', { name: /职业指导一次/ })
      .getByText('逾期 5 天')
      .waitFor();
    await card.getByText('本人在服务站点签字（见证人 王**）').waitFor();
    await card.getByText('尚未复核').waitFor();
    expect(await items.getByText('玉林街道就业专员（演示）').count()).toBe(3);

    // A contact on the case: the plan was not reviewed at it.
    await hotline()
      .post(`/cases/${person.caseId}/contacts`)
      .set(as(platform.tokens.operator))
      .send({ channel: 'phone', reached: true, note: '电话联系，了解面试情况' })
      .expect(201);
    await page.reload();
    await card.getByTestId('plan-not-reviewed').waitFor({ timeout: 30_000 });
    expect(await card.getByTestId('plan-not-reviewed').textContent()).toContain('后尚未复核援助计划');

    // The review: the first item done, the training moved with a reason.
    await card.getByRole('button', { name: '复核计划' }).click();
    await dialog.getByLabel('复核情况').fill('电话复核：已推荐三个岗位，本人已面试一家');
    const reviewRow = (text: string) => dialog.getByTestId('review-item').filter({ hasText: text });
    await reviewRow('推荐 3 个保洁岗位').getByText('已完成').click();
    await reviewRow('推荐 3 个保洁岗位').getByLabel('结果或原因').fill('已推荐三个保洁岗位');
    await reviewRow('家政服务培训报名').getByText('调整到期日').click();
    await date(reviewRow('家政服务培训报名').getByLabel('新的到期日'), '2026-08-01');
    await reviewRow('家政服务培训报名').getByLabel('调整原因').fill('培训班八月开班');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText(/最近复核：.*玉林街道就业专员（演示）/).waitFor();
    await card.getByText(/电话复核：已推荐三个岗位/).waitFor();
    expect(await card.getByTestId('plan-not-reviewed').count()).toBe(0);
    await items
      .getByRole('row', { name: /推荐 3 个保洁岗位/ })
      .getByText('已推荐三个保洁岗位')
      .waitFor();
    await items
      .getByRole('row', { name: /家政服务培训报名/ })
      .getByText('2026-08-01')
      .waitFor();
    await screenshot(page, 'personal-plan');

    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('王见证');
    expect(text).not.toContain(person.phone);
    expect(await card.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The agenda lists the counselling item still open and overdue, with the name and the masked phone.
    await page.goto(`${consoleUi.url}/operator/agenda`);
    const planRows = page.getByTestId('agenda-plan-items');
    const row = planRows.getByRole('row', { name: /职业指导一次/ });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText(/逾期 \d+ 天/).waitFor();
    await row.getByText(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`).waitFor();
    expect(await planRows.getByText('推荐 3 个保洁岗位').count()).toBe(0);
    await screenshot(page, 'personal-plan-agenda');
    await row.getByRole('link', { name: person.name }).click();
    await page.waitForURL(`**/operator/cases/${person.caseId}`);
    await page.getByTestId('personal-plan').getByText('职业指导一次').waitFor();

    // A new agreement supersedes the plan in force, which stays as history.
    const answer = await hotline()
      .post(`/cases/${person.caseId}/personal-plan`)
      .set(as(platform.tokens.operator))
      .send({
        agreedOn: '2026-06-14',
        agreement: { method: 'phone', readBackConfirmed: true },
        goals: '调整为公益性岗位安置',
        items: [
          {
            kind: 'public-welfare-post',
            description: '申请公益性岗位',
            dueOn: '2026-06-30',
            responsible: 'operator.wuhou',
          },
        ],
      })
      .expect(201);
    expect(answer.body).toMatchObject({
      status: 'active',
      agreement: { method: 'phone', witnessMasked: null },
    });
    await page.reload();
    await page
      .getByTestId('plan-history')
      .getByText(/2026-06-01 签订.*1\/3 项完成/)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('personal-plan').getByText('申请公益性岗位').waitFor();
    expect(errors).toEqual([]);
  });
});
