import type { CaseReferralStatus } from '@platform/contracts';

/**
 * How far a referral has come (the jobs service's state machine: proposed → employer_accepted → person_accepted →
 * started → ended, with declines and expiry as dead ends). Events can arrive twice or late (Kafka redelivery, or
 * the update's own activity answer racing the event); a status is applied only when it moves the referral forward.
 */
const PROGRESS: Record<CaseReferralStatus, number> = {
  proposed: 0,
  employer_accepted: 1,
  employer_declined: 2,
  expired: 2,
  person_accepted: 2,
  person_declined: 3,
  started: 3,
  ended: 4,
};

export function movesForward(from: CaseReferralStatus, to: CaseReferralStatus): boolean {
  return PROGRESS[to] > PROGRESS[from];
}

/** Still able to lead to a placement. */
export function isLive(status: CaseReferralStatus): boolean {
  return status === 'proposed' || status === 'employer_accepted' || status === 'person_accepted';
}
