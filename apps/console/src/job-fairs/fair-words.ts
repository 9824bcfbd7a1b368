import type { FairApplication } from './api-types';

/**
 * What the fair page says about an application's referral, as the last part of a referral words key (see i18n.ts): the referral's
 * status once proposed (a placement first), otherwise where the application stands.
 */
export function referralWordOf(
  application: Pick<FairApplication, 'status' | 'referralStatus' | 'placed'>,
): string {
  if (application.placed) return 'placed';
  if (application.status !== 'proposed') return application.status;
  return application.referralStatus ?? 'proposed';
}
