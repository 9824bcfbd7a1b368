import { z } from 'zod';
import { CasePromises } from '../temporal/help-request';

/**
 * Events on `hotline.case.v1`: one per change of a case, each carrying the case's full (non-personal) snapshot,
 * so a consumer can keep a read model by upserting the latest `seq` of each (caseId, cycle).
 */
export const CaseEventTypes = {
  registered: 'hotline.case.registered',
  registrationFailed: 'hotline.case.registration-failed',
  referralProposed: 'hotline.case.referral-proposed',
  referralChanged: 'hotline.case.referral-changed',
  personAnswered: 'hotline.case.person-answered',
  contactRecorded: 'hotline.case.contact-recorded',
  slaWarning: 'hotline.case.sla-warning',
  escalated: 'hotline.case.escalated',
  escalationFailed: 'hotline.case.escalation-failed',
  slaBreached: 'hotline.case.sla-breached',
  slaRecomputed: 'hotline.case.sla-recomputed',
  promiseWaived: 'hotline.case.promise-waived',
  placed: 'hotline.case.placed',
  /** The callback's due time is set (after the placement): agendas can show it before it falls due. */
  callbackScheduled: 'hotline.case.callback-scheduled',
  callbackDue: 'hotline.case.callback-due',
  callbackRecorded: 'hotline.case.callback-recorded',
  followUpsScheduled: 'hotline.case.follow-ups-scheduled',
  followUpDue: 'hotline.case.follow-up-due',
  followUpRecorded: 'hotline.case.follow-up-recorded',
  reopened: 'hotline.case.reopened',
  handedOff: 'hotline.case.handed-off',
  closed: 'hotline.case.closed',
} as const;

const instant = z.string().datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const caseSnapshotSchema = z.object({
  caseId: z.string().uuid(),
  /** 1 for the first help; +1 each time a follow-up reopens help. */
  cycle: z.number().int().min(1),
  /** Increases with every event of the case, across cycles. */
  seq: z.number().int().min(1),
  state: z.string().min(1),
  owner: z.string().min(1),
  personId: z.string().nullable(),
  districtCode: z.string().min(1),
  streetCode: z.string().min(1),
  communityCode: z.string().min(1),
  /**
   * No longer sent: category codes such as `disabled` next to a person id reveal a sensitive status on a topic
   * every service reads. Staff read a case's categories from the case itself (scoped); older events carry them.
   */
  categories: z.array(z.string()).optional(),
  openedAt: instant,
  slaStartedAt: instant.nullable(),
  deadline: instant.nullable(),
  dueDate: day.nullable(),
  provisional: z.boolean(),
  breached: z.boolean(),
  promiseWaived: z.boolean(),
  /** The promise when the event was made (`promiseOf`); absent from events published before it existed. */
  promise: z.enum(CasePromises).optional(),
  placedAt: instant.nullable(),
  latePlacement: z.boolean(),
  escalationKind: z.enum(['welfare_slot', 'assistance_base']).nullable(),
  callbackDueAt: instant.nullable(),
  callbackDoneAt: instant.nullable(),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  nextFollowUpAt: instant.nullable(),
  reason: z.string().nullable(),
});
export type CaseSnapshot = z.infer<typeof caseSnapshotSchema>;

export const caseEventDataSchema = z.object({
  snapshot: caseSnapshotSchema,
  actor: z.string().min(1),
  detail: z.string().nullable(),
});
export type CaseEventData = z.infer<typeof caseEventDataSchema>;
