import { z } from 'zod';

/** Event types on `jobs.referral.v1`: one per referral transition. */
export const ReferralEventTypes = {
  proposed: 'jobs.referral.proposed',
  employerAccepted: 'jobs.referral.employer-accepted',
  employerDeclined: 'jobs.referral.employer-declined',
  personAccepted: 'jobs.referral.person-accepted',
  personDeclined: 'jobs.referral.person-declined',
  started: 'jobs.referral.started',
  ended: 'jobs.referral.ended',
  expired: 'jobs.referral.expired',
} as const;

export const referralStatusSchema = z.enum([
  'proposed',
  'employer_accepted',
  'employer_declined',
  'person_accepted',
  'person_declined',
  'started',
  'ended',
  'expired',
]);

/** The payload of every referral event; no personal data beyond the ids the case already knows. */
export const referralEventDataSchema = z.object({
  referralId: z.string().uuid(),
  vacancyId: z.string().uuid(),
  employerId: z.string().uuid(),
  caseId: z.string().min(1),
  personId: z.string().min(1),
  status: referralStatusSchema,
  previousStatus: referralStatusSchema.nullable(),
  reason: z.string().nullable(),
  actor: z.string().min(1),
  occurredOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
export type ReferralEventData = z.infer<typeof referralEventDataSchema>;
