/**
 * Workflow revisions of `householdAssistance`. An episode remembers the revision it was started on
 * (`HouseholdAssistanceInput.revision`, set by the hotline from `HOUSEHOLD_ASSISTANCE_REVISION`; absent = 1).
 * A change to the commands the workflow issues for an existing history is guarded with `patched()`; once it is
 * part of every new episode it is listed here with the revision that builds it in, and the revision goes up
 * (as for the case workflow, docs/case-workflow.md). Loads no workflow code: the hotline imports it.
 *
 * Deploy workers before the hotline starts episodes on a new revision: a worker refuses a revision it does not
 * know (its workflow task fails and is retried until a newer worker takes it).
 */
export const HOUSEHOLD_ASSISTANCE_REVISION = 1;

/** Each patch in force and the revision from which new episodes have it built in (none yet). */
export const HOUSEHOLD_PATCHES_BUILT_IN_SINCE = {} as const;
