// Referrals as an employer sees them (EmployerReferralView of the contracts) and the pure rules the screen
// follows: which actions a state allows, the decline reasons and the history to show.
import type { EmployerDeclineReason, EmployerReferralView, ReferralStatus } from '@platform/contracts';
import { DECLINE_REASONS } from '../../shared/decline-reasons';

export const REFERRAL_STATUSES = [
  'proposed',
  'employer_accepted',
  'employer_declined',
  'person_accepted',
  'person_declined',
  'started',
  'ended',
  'expired',
] as const satisfies readonly ReferralStatus[];

export type { ReferralStatus };
/** Exactly what the service lets an employer see: no ID number, no person id, no case. */
export type EmployerReferral = EmployerReferralView;

/** The states in which the employer has something to do. */
export const AWAITING_EMPLOYER: readonly ReferralStatus[] = ['proposed', 'person_accepted'];

export type EmployerAction = 'accept' | 'decline' | 'start';

/** What the service allows the employer from each state (proposed → accept/decline; person accepted → start). */
export function employerActions(status: ReferralStatus): EmployerAction[] {
  if (status === 'proposed') return ['accept', 'decline'];
  if (status === 'person_accepted') return ['start'];
  return [];
}

export { DECLINE_REASONS };
export type DeclineReasonCode = EmployerDeclineReason;
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as DeclineReasonCode[];
/** The service's limit for the note. */
export const DECLINE_NOTE_MAX = 500;

/**
 * A decline reason for display, in the platform's bilingual form ("English / 中文", read with localized()):
 * "Skills do not match the vacancy: note / 技能不符合岗位要求：note".
 */
export function declineReasonText(code: DeclineReasonCode, note: string | null | undefined): string {
  const reason = DECLINE_REASONS[code];
  // " / " separates the languages: a note must not contain it.
  const extra = (note ?? '').trim().replace(/\s+\/\s+/g, '/');
  return extra ? `${reason.en}: ${extra} / ${reason.zh}：${extra}` : `${reason.en} / ${reason.zh}`;
}

/** The employer's reason as recorded: a code with its note, or the free text of declines from before codes. */
function employerDeclineText(referral: EmployerReferral): string | null {
  return referral.employerReasonCode
    ? declineReasonText(referral.employerReasonCode, referral.employerReason)
    : referral.employerReason;
}

export type HistoryState = 'done' | 'failed' | 'current' | 'waiting';

export interface HistoryEntry {
  /** i18n key under employer:history. */
  step: 'proposed' | 'employer' | 'person' | 'started' | 'ended' | 'expired';
  state: HistoryState;
  /** i18n key under employer:referralStatus of the outcome shown on this step, if settled. */
  outcome?: ReferralStatus;
  /** An instant (ISO) or a day (yyyy-mm-dd), when the service records it. */
  at?: string;
  /** A day rather than an instant. */
  day?: boolean;
  reason?: string | null;
}

/** How far along the happy path each state is: 0 proposed … 4 ended; a refusal stops where it happened. */
const PROGRESS: Record<ReferralStatus, number> = {
  proposed: 0,
  employer_declined: 0,
  expired: 0,
  employer_accepted: 1,
  person_declined: 1,
  person_accepted: 2,
  started: 3,
  ended: 4,
};

/**
 * The referral's path so far, built from what the service records (creation, the reasons, the start and end days
 * and the last change); steps not reached yet are "current" (the next one) or "waiting", so the employer sees what
 * comes next. A decline or an expiry ends the path.
 */
export function referralHistory(referral: EmployerReferral): HistoryEntry[] {
  const { status, updatedAt } = referral;
  const progress = PROGRESS[status];
  /** The last change is the time of the step that produced the current state. */
  const at = (outcome: ReferralStatus) => (outcome === status ? updatedAt : undefined);
  const pending = (index: number): HistoryState => (index === progress + 1 ? 'current' : 'waiting');
  const entries: HistoryEntry[] = [{ step: 'proposed', state: 'done', at: referral.createdAt }];

  if (status === 'expired')
    return [...entries, { step: 'expired', state: 'failed', outcome: status, at: updatedAt }];
  if (status === 'employer_declined')
    return [
      ...entries,
      {
        step: 'employer',
        state: 'failed',
        outcome: status,
        at: updatedAt,
        reason: employerDeclineText(referral),
      },
    ];
  entries.push(
    progress >= 1
      ? { step: 'employer', state: 'done', outcome: 'employer_accepted', at: at('employer_accepted') }
      : { step: 'employer', state: pending(1) },
  );
  if (status === 'person_declined')
    return [
      ...entries,
      // Employers learn that the person declined, not why.
      { step: 'person', state: 'failed', outcome: status, at: updatedAt },
    ];
  entries.push(
    progress >= 2
      ? { step: 'person', state: 'done', outcome: 'person_accepted', at: at('person_accepted') }
      : { step: 'person', state: pending(2) },
  );
  entries.push(
    progress >= 3
      ? { step: 'started', state: 'done', outcome: 'started', at: referral.startedOn ?? undefined, day: true }
      : { step: 'started', state: pending(3) },
  );
  if (progress >= 4)
    entries.push({
      step: 'ended',
      state: 'done',
      outcome: 'ended',
      at: referral.endedOn ?? undefined,
      day: true,
    });
  return entries;
}
