import type { TimelineEntry, TimelineKind } from '@platform/contracts';
import {
  namesInTimeline,
  shanghaiDateTime,
  timelineSentence,
  type TimelineNames,
} from './timeline-sentences';

const VACANCY = '7d9c1f4e-0000-4000-8000-000000000001';
const POOL = '7d9c1f4e-0000-4000-8000-000000000002';
const PERSON = '7d9c1f4e-0000-4000-8000-000000000003';
const REFERRAL = '7d9c1f4e-0000-4000-8000-000000000004';

const names: TimelineNames = {
  staff: (username) => ({ 'operator.wuhou': '李娜', 'operator.yulin4': '王强' })[username] ?? username,
  vacancy: (id) => (id === VACANCY ? { title: '仓库理货员', employerName: '成都好运物流' } : undefined),
  escalationTarget: (id) => (id === POOL ? '武侯区公益性岗位' : undefined),
};
/** The hotline today: no reader of vacancy or pool names, so the sentences say "a vacancy". */
const staffOnly: TimelineNames = { staff: names.staff };

const entry = (kind: TimelineKind, more: Partial<TimelineEntry> = {}): TimelineEntry => ({
  at: '2025-10-09T06:30:00.000Z',
  actor: 'operator.wuhou',
  kind,
  ...more,
});

/** No sentence shows an id, a username, an English code or an ISO instant. */
function expectPlain(text: { zh: string; en: string }) {
  for (const sentence of [text.zh, text.en]) {
    expect(sentence).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(sentence).not.toMatch(/operator\.|welfare_slot|assistance_base|employer_accepted|person_declined/);
    expect(sentence).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  }
  expect(text.zh).toMatch(/[\u4e00-\u9fff]/);
}

describe('timelineSentence', () => {
  const cases: Array<[string, TimelineEntry, { zh: string; en: string }]> = [
    [
      'the intake',
      entry('transition', { facts: { deadline: '2025-10-13T09:30:00.000Z' } }),
      {
        zh: '李娜受理了求助，承诺 2025-10-13 17:30 前帮助上岗',
        en: '李娜 took the call; the promise runs until 2025-10-13 17:30',
      },
    ],
    [
      'a transition',
      entry('transition', { from: 'registered', to: 'matching' }),
      { zh: '案件状态：匹配中', en: 'The case is now matching' },
    ],
    [
      'a close with the reason',
      entry('transition', {
        from: 'matching',
        to: 'withdrawn',
        facts: { ending: 'withdrawn' },
        note: '已自行找到工作',
      }),
      {
        zh: '李娜结案：本人撤回（备注：已自行找到工作）',
        en: '李娜 closed the case: withdrawn (note: 已自行找到工作)',
      },
    ],
    [
      'the registration',
      entry('registration', { facts: { personId: PERSON } }),
      { zh: '求助人已完成实名登记', en: 'The person is registered' },
    ],
    [
      'a refused registration',
      entry('registration', { actor: 'system', facts: { failure: 'registration-refused' } }),
      {
        zh: '人员信息登记被拒绝，需更正受理信息后重新登记',
        en: 'The people service refused the registration: the intake needs correcting and sending again',
      },
    ],
    [
      'a contact',
      entry('contact', { facts: { channel: 'phone', reached: true }, note: '约好明天面试' }),
      {
        zh: '李娜电话联系求助人，已联系上（备注：约好明天面试）',
        en: '李娜 contacted the person by phone: reached (note: 约好明天面试)',
      },
    ],
    [
      'a referral with the vacancy named',
      entry('referral', { facts: { referralId: REFERRAL, vacancyId: VACANCY } }),
      {
        zh: '李娜推荐了岗位「仓库理货员」（成都好运物流）',
        en: '李娜 proposed the vacancy “仓库理货员” at 成都好运物流',
      },
    ],
    [
      'a start, late',
      entry('referral', { facts: { vacancyId: VACANCY, startedOn: '2025-10-15', late: true } }),
      {
        zh: '求助人于 2025-10-15 在岗位「仓库理货员」（成都好运物流）上岗（晚于承诺时限）',
        en: 'The person started at the vacancy “仓库理货员” at 成都好运物流 on 2025-10-15 (after the promised deadline)',
      },
    ],
    [
      'the employer accepting',
      entry('answer', {
        actor: 'employer.demo',
        facts: {
          vacancyId: VACANCY,
          answeredBy: 'employer',
          answer: 'accepted',
          referralStatus: 'employer_accepted',
        },
      }),
      {
        zh: '用人单位同意接收求助人（岗位「仓库理货员」（成都好运物流））',
        en: 'The employer accepted the person for the vacancy “仓库理货员” at 成都好运物流',
      },
    ],
    [
      'the person declining without a valid reason',
      entry('answer', {
        facts: {
          vacancyId: VACANCY,
          answeredBy: 'person',
          answer: 'declined',
          reasonCode: 'other',
          unjustified: true,
        },
      }),
      {
        zh: '求助人拒绝了岗位「仓库理货员」（成都好运物流），原因：其他原因，不属于正当理由，计入拒绝次数（李娜记录）',
        en: 'The person declined the vacancy “仓库理货员” at 成都好运物流: another reason; not a valid reason, so it counts as a refusal (recorded by 李娜)',
      },
    ],
    [
      'a hand-off',
      entry('handoff', { facts: { fromOwner: 'operator.wuhou', toOwner: 'operator.yulin4' }, note: '调休' }),
      {
        zh: '李娜将案件从李娜移交给王强（备注：调休）',
        en: '李娜 handed the case from 李娜 to 王强 (note: 调休)',
      },
    ],
    [
      'an SLA warning',
      entry('sla-warning', {
        actor: 'system',
        dueAt: '2025-10-10T02:00:00.000Z',
        facts: { milestone: 'half' },
      }),
      {
        zh: '提醒：承诺时限已过半（2025-10-10 10:00）',
        en: 'Reminder: half of the promised working time is used (2025-10-10 10:00)',
      },
    ],
    [
      'an escalation with the pool named',
      entry('escalation', {
        actor: 'system',
        facts: {
          escalationKind: 'welfare_slot',
          targetId: POOL,
          reservationId: REFERRAL,
          reservation: 'held',
          milestone: 'oneWorkingDayLeft',
        },
      }),
      {
        zh: '承诺时限将到，已在「武侯区公益性岗位」公益性岗位预留名额',
        en: 'The promise is running out: a place was reserved at 武侯区公益性岗位, a public-welfare post',
      },
    ],
    [
      'a supervisor escalating at once',
      entry('escalation', {
        actor: 'operator.yulin4',
        facts: { escalationKind: 'assistance_base', targetId: POOL, reservation: 'held' },
      }),
      {
        zh: '王强决定立即托底，已在「武侯区公益性岗位」就业援助基地预留名额',
        en: '王强 escalated at once: a place was reserved at 武侯区公益性岗位, an assistance base',
      },
    ],
    [
      'an unused reservation released',
      entry('escalation', {
        actor: 'system',
        facts: { escalationKind: 'welfare_slot', reservation: 'released' },
      }),
      {
        zh: '已释放未使用的公益性岗位预留名额',
        en: 'The unused reservation at a public-welfare post was released',
      },
    ],
    [
      'the intake of a caller who picks and chooses',
      entry('transition', { facts: { deadline: '2025-10-13T09:30:00.000Z', promise: 'not-applicable' } }),
      {
        zh: '李娜受理了求助（求助人有选择地找工作，不适用两个工作日的承诺）',
        en: '李娜 took the call (the caller picks and chooses: no 2-working-day promise)',
      },
    ],
    [
      'a failed escalation',
      entry('escalation-failed', { actor: 'system', facts: { failure: 'no-slot' } }),
      {
        zh: '托底安置未能完成：没有可用的托底名额，请人工跟进',
        en: 'The escalation could not be made: no place was free; work the case by hand',
      },
    ],
    [
      'a breach',
      entry('sla-breach', { actor: 'system', dueAt: '2025-10-13T09:30:00.000Z', facts: {} }),
      {
        zh: '已超过承诺时限（2025-10-13 17:30），仍未上岗',
        en: 'The promised deadline (2025-10-13 17:30) passed with nobody placed',
      },
    ],
    [
      'a recomputed deadline',
      entry('sla-recomputed', {
        actor: 'system',
        facts: {
          previousDeadline: '2025-10-13T09:30:00.000Z',
          deadline: '2025-10-14T09:30:00.000Z',
          calendarVersion: 'v10',
        },
      }),
      {
        zh: '工作日历更新，承诺时限由 2025-10-13 17:30 改为 2025-10-14 17:30',
        en: 'The working calendar changed: the deadline moved from 2025-10-13 17:30 to 2025-10-14 17:30',
      },
    ],
    [
      'a waived promise',
      entry('promise-waived', { actor: 'system', facts: {} }),
      {
        zh: '求助人多次无正当理由拒绝岗位，不再适用两个工作日的承诺',
        en: 'The person refused jobs without a valid reason too often: the 2-working-day promise no longer applies',
      },
    ],
    [
      'a callback due',
      entry('callback-due', { actor: 'system', dueAt: '2025-10-16T01:00:00.000Z', facts: {} }),
      {
        zh: '上岗回访到期（2025-10-16 09:00）',
        en: 'The callback after the start is due (2025-10-16 09:00)',
      },
    ],
    [
      'a callback',
      entry('callback', { facts: { reached: true, working: true, satisfaction: 5 }, note: '很满意' }),
      {
        zh: '李娜回访：在岗，满意度 5/5（备注：很满意）',
        en: '李娜 called back: working, satisfaction 5/5 (note: 很满意)',
      },
    ],
    [
      'a follow-up due',
      entry('follow-up-due', { actor: 'system', dueAt: '2025-11-17T01:00:00.000Z', facts: {} }),
      { zh: '跟踪回访到期（2025-11-17 09:00）', en: 'A follow-up is due (2025-11-17 09:00)' },
    ],
    [
      'a follow-up',
      entry('follow-up', { facts: { reached: true, stillEmployed: false }, note: '厂里裁员' }),
      {
        zh: '李娜跟踪回访：已失业，重新提供帮助（备注：厂里裁员）',
        en: '李娜 followed up: out of work, help starts again (note: 厂里裁员)',
      },
    ],
    [
      'help reopened',
      entry('reopened', { actor: 'system', facts: {} }),
      {
        zh: '求助人再次失业，重新开始帮扶并计时',
        en: 'The person is out of work again: help restarts with a new clock',
      },
    ],
  ];

  it.each(cases)('writes %s in Chinese and English', (_what, timelineEntry, expected) => {
    const text = timelineSentence(timelineEntry, names);
    expect(text).toEqual(expected);
    expectPlain(text);
  });

  it('has a sentence for every kind', () => {
    const kinds: TimelineKind[] = [
      'transition',
      'registration',
      'contact',
      'referral',
      'answer',
      'handoff',
      'sla-warning',
      'escalation',
      'escalation-failed',
      'sla-breach',
      'sla-recomputed',
      'promise-waived',
      'callback-due',
      'callback',
      'follow-up-due',
      'follow-up',
      'reopened',
    ];
    expect(new Set(cases.map(([, e]) => e.kind))).toEqual(new Set(kinds));
  });

  it('names the job, employer and pool from the proposal and the escalation on every later entry', () => {
    const timeline = [
      entry('referral', {
        facts: {
          referralId: REFERRAL,
          vacancyId: VACANCY,
          referralStatus: 'proposed',
          vacancyTitle: '仓库理货员',
          employerName: '成都好运物流',
        },
      }),
      entry('answer', {
        actor: 'system',
        facts: { referralId: REFERRAL, vacancyId: VACANCY, answeredBy: 'employer', answer: 'accepted' },
      }),
      entry('escalation', {
        actor: 'system',
        facts: {
          escalationKind: 'welfare_slot',
          targetId: POOL,
          targetName: '武侯区公益性岗位池',
          reservation: 'held',
        },
      }),
    ];
    const read = { staff: names.staff, ...namesInTimeline(timeline) };
    const [, answered, escalated] = timeline.map((e) => timelineSentence(e, read));
    expect(answered.zh).toContain('岗位「仓库理货员」（成都好运物流）');
    expect(answered.en).toContain('the vacancy “仓库理货员” at 成都好运物流');
    expect(escalated.zh).toContain('武侯区公益性岗位池');
    expect(namesInTimeline([]).vacancy(VACANCY)).toBeUndefined();
  });

  it('reads the reason code the jobs service puts before an employer’s words as the reason, in words', () => {
    const declined = (note: string) =>
      timelineSentence(
        entry('answer', {
          actor: 'employer.demo',
          facts: { referralId: REFERRAL, vacancyId: VACANCY, answeredBy: 'employer', answer: 'declined' },
          note,
        }),
        names,
      );
    const both = declined('position_filled: 本月夜班岗位已满');
    expect(both.zh).toBe(
      '用人单位未接收求助人（岗位「仓库理货员」（成都好运物流）），原因：岗位已招满（备注：本月夜班岗位已满）',
    );
    expect(both.en).toContain(': the position is filled (note: 本月夜班岗位已满)');
    expect(declined('position_filled').zh).not.toContain('备注');
    // Words that only look like a code stay the note.
    expect(declined('ok: 明天再联系').zh).toContain('（备注：ok: 明天再联系）');
  });

  it('says "a vacancy" when the hotline cannot read its name, never its id', () => {
    const text = timelineSentence(
      entry('answer', {
        facts: { vacancyId: VACANCY, referralStatus: 'employer_declined', reasonCode: 'position_filled' },
      }),
      staffOnly,
    );
    expect(text).toEqual({
      zh: '用人单位未接收求助人（一个岗位），原因：岗位已招满',
      en: 'The employer declined the person for a vacancy: the position is filled',
    });
  });

  describe('entries written before facts (only the developer summary)', () => {
    const legacy = (kind: TimelineKind, detail: string, more: Partial<TimelineEntry> = {}) =>
      timelineSentence(entry(kind, { detail, ...more }), staffOnly);

    it('reads the deadlines of a recomputation as Shanghai dates', () => {
      expect(
        legacy('sla-recomputed', 'calendar v10: due 2025-10-13T09:30:00.000Z → 2025-10-14T09:30:00.000Z', {
          actor: 'system',
        }),
      ).toEqual({
        zh: '工作日历更新，承诺时限由 2025-10-13 17:30 改为 2025-10-14 17:30',
        en: 'The working calendar changed: the deadline moved from 2025-10-13 17:30 to 2025-10-14 17:30',
      });
    });

    it('shows no person or referral id', () => {
      for (const [kind, detail] of [
        ['registration', `person ${PERSON}`],
        ['referral', `proposed ${REFERRAL}`],
        ['answer', `${REFERRAL} employer_accepted`],
        ['answer', `person declined ${REFERRAL} (distance)`],
        ['escalation', `welfare_slot ${POOL}`],
        ['referral', `referral ${REFERRAL} started on 2025-10-15 (late)`],
        ['transition', 'SLA due 2025-10-13T09:30:00.000Z (calendar v10)'],
        ['sla-warning', 'half of the working time used'],
        ['escalation-failed', 'the person is not registered'],
      ] as Array<[TimelineKind, string]>) {
        expectPlain(legacy(kind, detail));
      }
      expect(legacy('answer', `${REFERRAL} employer_accepted`, { actor: 'employer.demo' })).toEqual({
        zh: '用人单位同意接收求助人（一个岗位）',
        en: 'The employer accepted the person for a vacancy',
      });
      expect(legacy('answer', `person declined ${REFERRAL} (distance)`).zh).toBe(
        '求助人拒绝了一个岗位，原因：距离过远（李娜记录）',
      );
    });

    it('keeps the operator’s words and names the staff of a hand-off', () => {
      expect(legacy('handoff', 'owner operator.wuhou → operator.yulin4: 调休')).toEqual({
        zh: '李娜将案件从李娜移交给王强（备注：调休）',
        en: '李娜 handed the case from 李娜 to 王强 (note: 调休)',
      });
      expect(legacy('contact', 'home-visit, not reached: 家中无人')).toEqual({
        zh: '李娜上门走访联系求助人，未联系上（备注：家中无人）',
        en: '李娜 contacted the person on a home visit: not reached (note: 家中无人)',
      });
    });
  });

  it('formats instants as Shanghai dates and times', () => {
    expect(shanghaiDateTime('2025-12-31T16:30:00.000Z')).toBe('2026-01-01 00:30');
  });
});
