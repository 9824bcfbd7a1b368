import { z } from 'zod';

/** Event types on `employers.reservation.v1` and `employers.employer.v1`. */
export const ReservationEventTypes = {
  held: 'employers.reservation.held',
  confirmed: 'employers.reservation.confirmed',
  released: 'employers.reservation.released',
  expired: 'employers.reservation.expired',
} as const;

export const EmployerEventTypes = { registered: 'employers.employer.registered' } as const;

export const reservationEventDataSchema = z.object({
  reservationId: z.string().uuid(),
  kind: z.enum(['assistance_base', 'welfare_slot']),
  baseId: z.string().uuid().nullable(),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .nullable(),
  poolId: z.string().uuid().nullable(),
  caseId: z.string().min(1),
  status: z.enum(['held', 'confirmed', 'released', 'expired']),
  expiresAt: z.string().datetime({ offset: true }),
  actor: z.string().min(1),
});
export type ReservationEventData = z.infer<typeof reservationEventDataSchema>;

export const employerRegisteredDataSchema = z.object({
  employerId: z.string().uuid(),
  name: z.string().min(1),
  districtCode: z.string().regex(/^\d{6}$/),
  registeredBy: z.string().min(1),
});
