import { z } from 'zod';

const instant = z.string().datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * `hotline.household-episode.changed` on `hotline.household-episode.v1`: the summary of a zero-employment
 * household episode after each change (latest `seq` wins). No notes, names or member details: the tracking card
 * stays in the hotline.
 */
export const householdEpisodeChangedSchema = z.object({
  episodeId: z.string().min(1),
  householdId: z.string().uuid(),
  episode: z.number().int().min(1),
  seq: z.number().int().min(1),
  status: z.enum(['open', 'resolved', 'closed']),
  districtCode: z.string().min(1),
  streetCode: z.string().min(1),
  communityCode: z.string().min(1),
  foundAt: instant,
  dueDate: day,
  dueAt: instant,
  breached: z.boolean(),
  resolution: z.enum(['member-employed', 'no-longer-qualifies', 'closed-by-supervisor']).nullable(),
  resolvedAt: instant.nullable(),
});
export type HouseholdEpisodeChanged = z.infer<typeof householdEpisodeChangedSchema>;
