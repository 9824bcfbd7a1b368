import type { CaseDetail, HelpRequestView } from '../api-types';
import { caseActions, isLiveReferral, referralActions, showsCandidates } from './case-actions';

const NOW = new Date('2025-10-01T02:00:00Z');

function detailIn(state: HelpRequestView['state'], view: Partial<HelpRequestView> = {}): CaseDetail {
  return {
    caseId: 'c1',
    openedAt: '2025-09-26T01:00:00Z',
    openedBy: 'operator.wuhou',
    districtCode: '510107',
    streetCode: '510107003',
    communityCode: '510107003001',
    workflowStartedAt: '2025-09-26T01:00:01Z',
    state,
    timeline: [],
    remaining: null,
    caller: null,
    communityName: null,
    ownerName: '李娜',
    openedByName: '李娜',
    registrationRetryable: false,
    view: {
      caseId: 'c1',
      cycle: 1,
      state,
      owner: 'operator.wuhou',
      personId: 'p1',
      categories: [],
      referrals: [],
      unjustifiedRefusals: 0,
      promiseWaived: false,
      promise: 'active',
      reason: null,
      escalation: null,
      sla: null,
      callback: null,
      followUps: [],
      ...view,
    },
  };
}

describe('case actions', () => {
  it('offers nothing before the workflow runs or once the case ended', () => {
    const none = {
      contact: false,
      handoff: false,
      close: false,
      propose: false,
      callback: false,
      followUp: false,
      escalationStart: false,
    };
    expect(caseActions({ ...detailIn('intake'), view: null }, NOW)).toEqual(none);
    expect(caseActions(detailIn('closed'), NOW)).toEqual(none);
    expect(caseActions(detailIn('withdrawn'), NOW)).toEqual(none);
  });

  it('proposes vacancies only while matching a registered person', () => {
    expect(caseActions(detailIn('matching'), NOW).propose).toBe(true);
    expect(caseActions(detailIn('escalated'), NOW).propose).toBe(true);
    expect(caseActions(detailIn('registered', { personId: null }), NOW).propose).toBe(false);
    expect(caseActions(detailIn('placed'), NOW).propose).toBe(false);
  });

  it('confirms a start at the escalation only when a reservation is held', () => {
    const escalation = { kind: 'assistance_base' as const, reservationId: 'r1', targetId: 'b1' };
    expect(caseActions(detailIn('escalated', { escalation }), NOW).escalationStart).toBe(true);
    expect(caseActions(detailIn('escalated'), NOW).escalationStart).toBe(false);
    expect(caseActions(detailIn('placed', { escalation }), NOW).escalationStart).toBe(false);
  });

  it('records a callback after a placement and a follow-up only once one is due', () => {
    expect(caseActions(detailIn('placed'), NOW).callback).toBe(true);
    expect(caseActions(detailIn('matching'), NOW).callback).toBe(false);
    const due = [{ dueAt: '2025-09-30T16:00:00Z', doneAt: null, stillEmployed: null }];
    const later = [{ dueAt: '2025-11-01T16:00:00Z', doneAt: null, stillEmployed: null }];
    expect(caseActions(detailIn('following-up', { followUps: due }), NOW).followUp).toBe(true);
    expect(caseActions(detailIn('following-up', { followUps: later }), NOW).followUp).toBe(false);
  });

  it('lets the person answer after the employer accepted, and confirms a start after both did', () => {
    expect(referralActions('matching', 'employer_accepted')).toEqual({ answer: true, start: false });
    expect(referralActions('matching', 'person_accepted')).toEqual({ answer: false, start: true });
    expect(referralActions('matching', 'proposed')).toEqual({ answer: false, start: false });
    expect(referralActions('placed', 'person_accepted')).toEqual({ answer: false, start: false });
  });

  it('knows which referrals still block a second proposal of the same vacancy', () => {
    expect(isLiveReferral('proposed')).toBe(true);
    expect(isLiveReferral('person_accepted')).toBe(true);
    expect(isLiveReferral('person_declined')).toBe(false);
    expect(isLiveReferral('expired')).toBe(false);
  });

  it('shows candidates from intake until the placement', () => {
    expect(showsCandidates('intake')).toBe(true);
    expect(showsCandidates('escalated')).toBe(true);
    expect(showsCandidates('placed')).toBe(false);
  });
});
