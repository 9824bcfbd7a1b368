import i18next from 'i18next';
import { recordStrings } from './i18n';
import { outcomeText } from './record-outcome';

describe('service record outcomes as sentences', () => {
  const i18n = i18next.createInstance();
  beforeAll(() =>
    i18n.init({
      lng: 'zh',
      resources: { zh: { records: recordStrings.zh }, en: { records: recordStrings.en } },
      interpolation: { escapeValue: false },
    }),
  );
  const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);
  const id = '0b6f3c1e-9a1d-4c55-8a40-2b1f5d7e9c10';

  it('reads what the case wrote in the operator’s language, without ids', async () => {
    expect(outcomeText({ kind: 'registration', outcome: `962110 case ${id}` }, t)).toBe(
      '962110 来电求助，完成实名登记',
    );
    expect(outcomeText({ kind: 'visit', outcome: 'phone, reached: 约好周三面试' }, t)).toBe(
      '电话联系，已联系上本人：约好周三面试',
    );
    expect(outcomeText({ kind: 'visit', outcome: 'home-visit, not reached: 家中无人' }, t)).toBe(
      '上门走访联系，未联系上本人：家中无人',
    );
    expect(outcomeText({ kind: 'callback', outcome: 'reached; working; satisfaction 4: 满意' }, t)).toBe(
      '回访：已联系上，本人在岗，满意度 4/5：满意',
    );
    expect(outcomeText({ kind: 'follow-up', outcome: 'out of work: 厂里裁员' }, t)).toBe(
      '跟踪服务：本人已不在岗：厂里裁员',
    );
    expect(outcomeText({ kind: 'job-referral', outcome: `person accepted ${id}` }, t)).toBe(
      '本人接受推荐的岗位',
    );
    expect(
      outcomeText(
        { kind: 'job-referral', outcome: `person declined ${id} (too-far, not a valid reason)` },
        t,
      ),
    ).toBe('本人拒绝推荐的岗位（无正当理由）');
    await i18n.changeLanguage('en');
    expect(outcomeText({ kind: 'callback', outcome: 'not reached: no answer' }, t)).toBe(
      'Did not reach the person: no answer',
    );
    await i18n.changeLanguage('zh');
  });

  it('shows what staff wrote as written, even when it looks like a case outcome of another kind', () => {
    expect(outcomeText({ kind: 'visit', outcome: '到家中了解情况' }, t)).toBe('到家中了解情况');
    expect(outcomeText({ kind: 'training-referral', outcome: 'job proposed' }, t)).toBe('job proposed');
  });
});
