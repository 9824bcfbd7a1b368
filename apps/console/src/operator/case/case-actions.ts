// Which actions the case page offers, with the rules the case workflow enforces (it still has the last word:
// a stale page gets a 409, shown as a message).
import type { CaseDetail, CaseReferralStatus, HelpRequestState } from '../api-types';

const ENDED: readonly HelpRequestState[] = [
  'closed',
  'withdrawn',
  'unreachable',
  'ineligible',
  'referred-elsewhere',
];
/** While the person is still waiting for a job: referrals, answers and starts. */
const WORKING: readonly HelpRequestState[] = ['registered', 'matching', 'escalated'];

export function isEnded(state: HelpRequestState): boolean {
  return ENDED.includes(state);
}

/** Candidate vacancies matter until the person is placed (in intake the hotline answers 409: not registered). */
export function showsCandidates(state: HelpRequestState): boolean {
  return state === 'intake' || WORKING.includes(state);
}

export interface CaseActions {
  contact: boolean;
  handoff: boolean;
  close: boolean;
  propose: boolean;
  callback: boolean;
  followUp: boolean;
  /** The person started at the public-welfare post or assistance base the escalation reserved. */
  escalationStart: boolean;
}

export function caseActions(detail: CaseDetail, now: Date = new Date()): CaseActions {
  const view = detail.view;
  // Before the workflow runs, every action answers 409.
  if (!view || isEnded(view.state)) {
    return {
      contact: false,
      handoff: false,
      close: false,
      propose: false,
      callback: false,
      followUp: false,
      escalationStart: false,
    };
  }
  const followUpDue = view.followUps.some((f) => f.doneAt === null && Date.parse(f.dueAt) <= now.getTime());
  return {
    contact: true,
    handoff: true,
    close: true,
    propose: WORKING.includes(view.state) && view.personId !== null,
    callback: view.state === 'placed' || view.state === 'callback',
    followUp: view.state === 'following-up' && followUpDue,
    escalationStart: view.state === 'escalated' && view.escalation !== null,
  };
}

export interface ReferralActions {
  /** The person may answer once the employer accepted. */
  answer: boolean;
  /** The start is confirmed once both sides accepted. */
  start: boolean;
}

export function referralActions(state: HelpRequestState, status: CaseReferralStatus): ReferralActions {
  const working = WORKING.includes(state);
  return {
    answer: working && status === 'employer_accepted',
    start: working && status === 'person_accepted',
  };
}

/** A vacancy may be proposed again only once its earlier referral is over. */
const LIVE: readonly CaseReferralStatus[] = ['proposed', 'employer_accepted', 'person_accepted', 'started'];

export function isLiveReferral(status: CaseReferralStatus): boolean {
  return LIVE.includes(status);
}
