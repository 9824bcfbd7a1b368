import { z } from 'zod';

/**
 * Payloads of `people.person.v1` and `people.household.v1`. They carry ids, org paths and statuses only: never
 * a name, ID number, phone, assistance category or any other personal detail (consumers ask the people
 * service).
 */
export const PeopleEventTypes = {
  personRegistered: 'people.person.registered',
  personUpdated: 'people.person.updated',
  personCategoriesChanged: 'people.person.categories-changed',
  householdZeroEmploymentStarted: 'people.household.zero-employment-started',
  householdZeroEmploymentEnded: 'people.household.zero-employment-ended',
} as const;

export const personRegisteredSchema = z.object({
  personId: z.string().uuid(),
  orgPath: z.string().min(1),
  communityCode: z.string().regex(/^\d{12}$/),
  unemploymentStatus: z.enum(['registered', 'employed', 'deregistered']),
});
export type PersonRegistered = z.infer<typeof personRegisteredSchema>;

export const personUpdatedSchema = personRegisteredSchema.extend({
  /** Names of the fields that changed (not their values). */
  changedFields: z.array(z.string()),
});
export type PersonUpdated = z.infer<typeof personUpdatedSchema>;

/**
 * A person's assistance categories changed. Which ones is not said: codes such as `disabled` or
 * `minimum-living-allowance` (低保) next to a person id would put health and welfare status on every consumer's
 * disk. No consumer needs them; one that does asks the people service, which scopes and audits the read.
 */
export const personCategoriesChangedSchema = z.object({
  personId: z.string().uuid(),
  evaluatedAt: z.string().datetime({ offset: true }),
});
export type PersonCategoriesChanged = z.infer<typeof personCategoriesChangedSchema>;

export const householdZeroEmploymentSchema = z.object({
  householdId: z.string().uuid(),
  orgPath: z.string().min(1),
  memberCount: z.number().int().nonnegative(),
  at: z.string().datetime({ offset: true }),
  /**
   * On `started`: what put the household in the status: the computed rule (`detected`) or a station's
   * certification (认定, `certified`). Absent on events written before it was added.
   */
  basis: z.enum(['detected', 'certified']).optional(),
  /**
   * On `ended`: `member-employed` when a working-age member is now employed, else `no-longer-qualifies` (a member
   * left, aged out, business income, certification withdrawn, …). Absent on events written before it was added.
   */
  reason: z.enum(['member-employed', 'no-longer-qualifies']).optional(),
  /**
   * The people deployment that wrote it (its database schema). A hotline acts only on its own people's
   * households when deployments share a broker (test stacks do); absent on older events.
   */
  deployment: z.string().min(1).optional(),
  /** On `started`: the working-age members out of work (ids only), whom the episode helps. */
  memberIds: z.array(z.string().uuid()).optional(),
});
export type HouseholdZeroEmployment = z.infer<typeof householdZeroEmploymentSchema>;
