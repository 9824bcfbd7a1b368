/**
 * Workflow revisions. A case remembers the revision it was started on (`HelpRequestInput.revision`, set by the
 * hotline from `HELP_REQUEST_REVISION`). A patch built in at revision R is part of every case started on R or
 * later: such a case never calls `patched()` for it, so its history has no patch marker and no
 * `TemporalChangeVersion` upsert (a visibility write on the server each; an intake paid for three). Cases
 * started earlier replay through `patched()` exactly as they ran. Loads no workflow code: the hotline imports it.
 *
 * Deploy workers before the hotline starts cases on a new revision (a worker refuses a revision it does not
 * know: its workflow task fails and is retried until a newer worker takes it).
 */
export const HELP_REQUEST_REVISION = 3;

/** Each patch in force and the revision from which new cases have it built in. */
export const PATCHES_BUILT_IN_SINCE = {
  'callback-scheduled-event': 1,
  'clock-runs-during-registration': 1,
  'escalation-gives-up': 1,
  'promise-needs-any-job': 1,
  'escalate-now': 1,
  'quiet-unchanged-sla': 1,
  'prepared-at-intake': 1,
  'case-events-local': 1,
  'registered-at-intake': 2,
} as const;

export type CasePatch = keyof typeof PATCHES_BUILT_IN_SINCE;

/**
 * Revision 1 also starts a case with its search attributes (status, deadline, area, owner) instead of upserting
 * them in its first workflow task.
 */
export const SEARCH_ATTRIBUTES_AT_START_SINCE = 1;

/**
 * Revision 3 starts a case the hotline registered during the call as `registered`, and skips an upsert that
 * would change no search attribute: such an intake upserts nothing (one visibility write less on the server).
 */
export const UNCHANGED_SEARCH_ATTRIBUTES_SKIPPED_SINCE = 3;
