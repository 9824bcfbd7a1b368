import { z } from 'zod';

/** Event types on `employers.reservation.v1` and `employers.employer.v1`. */
export const ReservationEventTypes = {
  held: 'employers.reservation.held',
  confirmed: 'employers.reservation.confirmed',
  released: 'employers.reservation.released',
  expired: 'employers.reservation.expired',
} as const;

export const EmployerEventTypes = {
  registered: 'employers.employer.registered',
  /** A staff correction of the employer's record (name, address, area…). */
  updated: 'employers.employer.updated',
} as const;

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
  /** The employer record's version (1 at registration); absent from events published before it was sent. */
  version: z.number().int().positive().optional(),
});

export const employerUpdatedDataSchema = z.object({
  employerId: z.string().uuid(),
  name: z.string().min(1),
  districtCode: z.string().regex(/^\d{6}$/),
  updatedBy: z.string().min(1),
  /** Grows by one with each correction: a consumer applies an event only over an older version. */
  version: z.number().int().positive(),
});

/** What every `employers.employer.v1` event carries and a name projection needs (other fields are ignored). */
export const employerNameDataSchema = z.object({
  employerId: z.string().uuid(),
  name: z.string().min(1),
  version: z.number().int().positive().optional(),
});
export type EmployerNameData = z.infer<typeof employerNameDataSchema>;
