import {
  DECLINE_REASON_CODES,
  declineReasonText,
  employerActions,
  referralHistory,
  REFERRAL_STATUSES,
  type EmployerReferral,
} from './referral-model';

const referral = (over: Partial<EmployerReferral>): EmployerReferral => ({
  id: 'r1',
  vacancyId: 'v1',
  vacancyTitle: '保洁员',
  status: 'proposed',
  candidate: { name: '张三', maskedPhone: '138****5678', skills: [] },
  employerReasonCode: null,
  employerReason: null,
  respondBy: '2026-11-23T02:00:00.000Z',
  startedOn: null,
  endedOn: null,
  createdAt: '2026-11-22T02:00:00.000Z',
  updatedAt: '2026-11-22T03:00:00.000Z',
  ...over,
});

const steps = (r: EmployerReferral) => referralHistory(r).map((e) => `${e.step}:${e.state}`);

describe('employer actions', () => {
  it('allows accept or decline while proposed, and the start once the person agreed', () => {
    expect(employerActions('proposed')).toEqual(['accept', 'decline']);
    expect(employerActions('person_accepted')).toEqual(['start']);
    for (const status of REFERRAL_STATUSES.filter((s) => s !== 'proposed' && s !== 'person_accepted'))
      expect(employerActions(status)).toEqual([]);
  });
});

describe('decline reasons', () => {
  it('shows a reason code as "English / 中文", with the note on both sides', () => {
    expect(declineReasonText('position_filled', undefined)).toBe('The position has been filled / 岗位已招满');
    expect(declineReasonText('other', ' 需要驾照 ')).toBe('Other reason: 需要驾照 / 其他原因：需要驾照');
    // A note cannot add a language separator of its own.
    expect(declineReasonText('other', 'a / b').split(' / ')).toHaveLength(2);
  });

  it('has a label in both languages for every code', () => {
    for (const code of DECLINE_REASON_CODES) {
      expect(declineReasonText(code, null)).toMatch(/^[A-Z][^/]+ \/ [\u4e00-\u9fff]/);
    }
  });
});

describe('referral history', () => {
  it('shows a new referral waiting for the employer', () => {
    expect(steps(referral({}))).toEqual([
      'proposed:done',
      'employer:current',
      'person:waiting',
      'started:waiting',
    ]);
  });

  it('stops at the employer decline, with its reason code and note', () => {
    const history = referralHistory(
      referral({
        status: 'employer_declined',
        employerReasonCode: 'schedule_mismatch',
        employerReason: '需夜班',
      }),
    );
    expect(history.map((e) => e.step)).toEqual(['proposed', 'employer']);
    expect(history[1]).toMatchObject({
      state: 'failed',
      reason: 'Working hours do not fit: 需夜班 / 工作时间无法匹配：需夜班',
      at: '2026-11-22T03:00:00.000Z',
    });
  });

  it('shows the free text of a decline recorded before reasons were codes', () => {
    const history = referralHistory(referral({ status: 'employer_declined', employerReason: 'x / 原因' }));
    expect(history[1].reason).toBe('x / 原因');
  });

  it('waits for the person after the employer accepted, and for the start after the person agreed', () => {
    expect(steps(referral({ status: 'employer_accepted' }))).toEqual([
      'proposed:done',
      'employer:done',
      'person:current',
      'started:waiting',
    ]);
    expect(steps(referral({ status: 'person_accepted' }))).toEqual([
      'proposed:done',
      'employer:done',
      'person:done',
      'started:current',
    ]);
  });

  it('stops at the person decline', () => {
    expect(steps(referral({ status: 'person_declined' }))).toEqual([
      'proposed:done',
      'employer:done',
      'person:failed',
    ]);
  });

  it('dates the start and the end by day', () => {
    const history = referralHistory(
      referral({ status: 'ended', startedOn: '2026-11-24', endedOn: '2026-12-01' }),
    );
    expect(history.slice(-2)).toEqual([
      { step: 'started', state: 'done', outcome: 'started', at: '2026-11-24', day: true },
      { step: 'ended', state: 'done', outcome: 'ended', at: '2026-12-01', day: true },
    ]);
  });

  it('ends an unanswered referral as expired', () => {
    expect(steps(referral({ status: 'expired' }))).toEqual(['proposed:done', 'expired:failed']);
  });
});
