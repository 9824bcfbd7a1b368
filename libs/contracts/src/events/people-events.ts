import { z } from 'zod';

/**
 * Payloads of `people.person.v1` and `people.household.v1`. They carry ids, org paths and category codes
 * only: never a name, ID number, phone or any other personal detail (consumers ask the people service).
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

export const personCategoriesChangedSchema = z.object({
  personId: z.string().uuid(),
  categories: z.array(z.string()),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  evaluatedAt: z.string().datetime({ offset: true }),
});
export type PersonCategoriesChanged = z.infer<typeof personCategoriesChangedSchema>;

export const householdZeroEmploymentSchema = z.object({
  householdId: z.string().uuid(),
  orgPath: z.string().min(1),
  memberCount: z.number().int().nonnegative(),
  at: z.string().datetime({ offset: true }),
});
export type HouseholdZeroEmployment = z.infer<typeof householdZeroEmploymentSchema>;
