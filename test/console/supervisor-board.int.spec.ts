import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseEventTypes, type CaseSnapshot } from '@platform/contracts';
import { FixedClock } from '@platform/nest-kit';
import type { TestServiceApp } from '@platform/service-testing';
import { eventually } from '@platform/testing';
/* eslint-disable @nx/enforce-module-boundaries -- the hotline runs in-process, fed its case events directly */
import { CalendarService } from '../../apps/hotline/src/calendar/calendar.service';
import { createHotlineActivities } from '../../apps/hotline/src/case-activities/hotline.activities';
import { snapshotOf } from '../../apps/hotline/src/case-activities/testing/case-snapshot';
import { CasePolicyService } from '../../apps/hotline/src/case-policy/case-policy.service';
import { insertStartedCase } from '../../apps/hotline/src/cases/testing/case-fixtures';
import type { HotlineConfig } from '../../apps/hotline/src/config';
import { startHotline } from '../../apps/hotline/src/identity/testing/hotline-test-app';
/* eslint-enable @nx/enforce-module-boundaries */
import { screenshot, setUpConsoleBrowser } from './support/console-browser';

const YULIN = { districtCode: '510107', streetCode: '510107003', communityCode: '510107003001' };

// The supervisor's board as a supervisor meets it: the hotline (its board fed case events), Debian's Chromium in
// front at 1366×768, the board's "now" the injected clock (Wednesday 2026-06-17 10:00 Shanghai).
describe('the supervisor board says why a case is at risk and acts from the row', () => {
  let hotline: TestServiceApp<HotlineConfig>;
  const clock = new FixedClock(new Date('2026-06-17T02:00:00Z'));
  let publish: (snapshot: CaseSnapshot, type: string) => Promise<void>;
  const boardSeq = async (caseId: string) =>
    (
      await hotline.dataSource.query(
        `SELECT last_seq FROM "${hotline.schema}".case_board WHERE case_id = $1`,
        [caseId],
      )
    )[0]?.last_seq ?? 0;

  // Each test signs in afresh and fails on any browser-console error.
  const consoleUi = setUpConsoleBrowser(
    async () => {
      hotline = await startHotline({}, clock);
      await hotline.app.listen(0, '127.0.0.1');
      const url = (await hotline.app.getUrl()).replace('[::1]', '127.0.0.1');
      // The board page talks to the hotline alone.
      return { urls: { hotline: url, people: url, jobs: url, employers: url }, close: () => hotline.close() };
    },
    { closePagesAfterEachTest: true },
  );

  // After the console browser's beforeAll: the hotline is up.
  beforeAll(() => {
    const activities = createHotlineActivities({
      calendar: hotline.app.get(CalendarService),
      policies: hotline.app.get(CasePolicyService),
      dataSource: hotline.app.get(DataSource),
    });
    publish = async (snapshot, type) => {
      await insertStartedCase(hotline.dataSource, hotline.schema, {
        caseId: snapshot.caseId,
        orgPath: `510100/${snapshot.districtCode}/${snapshot.streetCode}/${snapshot.communityCode}`,
        ...YULIN,
      });
      await activities.publishCaseEvent({ type, actor: 'system', snapshot });
    };
  });

  it('shows the failed escalation and the near deadline as chips, and asks for a reason before escalating', async () => {
    const caseId = randomUUID();
    const promise = {
      ...YULIN,
      openedAt: '2026-06-15T10:00:00+08:00',
      slaStartedAt: '2026-06-15T10:00:00+08:00',
      deadline: '2026-06-18T00:00:00+08:00',
      dueDate: '2026-06-17',
    };
    await publish(snapshotOf(caseId, { ...promise, seq: 1, state: 'matching' }), CaseEventTypes.registered);
    await publish(
      snapshotOf(caseId, { ...promise, seq: 2, state: 'matching' }),
      CaseEventTypes.escalationFailed,
    );
    await eventually('the board projected the failed escalation', async () => (await boardSeq(caseId)) === 2);

    const { page } = await consoleUi.signedIn('supervisor.wuhou');
    await page.waitForURL(/\/supervisor\/board/);
    const row = page.getByTestId(`board-row-${caseId}`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getAttribute('data-reasons')).resolves.toBe('escalation-failed deadline-near');
    await row.getByText('兜底失败').waitFor();
    await row.getByText('时限不足一个工作日').waitFor();
    // Names, not codes: the owner's display name and the community's name.
    await row.getByText('玉林街道就业专员（演示）').waitFor();
    await row.getByText('玉林北路社区').waitFor();
    await expect(row.getByRole('link', { name: '打开', exact: true }).getAttribute('href')).resolves.toBe(
      `/operator/cases/${caseId}`,
    );
    await screenshot(page, 'supervisor-board-at-risk-row');

    // Hand off: colleagues picked by name.
    await row.getByRole('button', { name: '转交' }).click();
    const handOff = page.getByRole('dialog');
    await handOff.getByLabel('接收人').click();
    await page.locator('.ant-select-item-option', { hasText: '武侯区督导（演示）' }).waitFor();
    await handOff.getByRole('button', { name: '取消' }).click();
    await handOff.waitFor({ state: 'hidden' });

    // Escalate now: confirmed with a reason (the reason is required).
    await row.getByRole('button', { name: '立即兜底' }).click();
    const escalate = page.getByRole('dialog', { name: '立即兜底' });
    await escalate.getByText('将立即为求助人预留公益性岗位或援助基地名额').waitFor();
    await escalate.getByRole('button', { name: '提交' }).click();
    await escalate.getByText('请填写兜底原因').waitFor();
    await escalate.getByLabel('兜底原因').fill('公益性岗位预留失败，求助人家庭困难，需立即兜底');
    await screenshot(page, 'supervisor-board-escalate-now');
  });
});
