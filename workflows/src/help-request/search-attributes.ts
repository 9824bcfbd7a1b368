/**
 * The case's search attributes (only non-personal values): upserted by the workflow as the case changes, and
 * given at start by the hotline for cases on revision 1 or later. Loads no workflow code.
 */
import {
  defineSearchAttributeKey,
  type SearchAttributePair,
  type SearchAttributeUpdatePair,
} from '@temporalio/common';
import { SearchAttributes } from '@platform/contracts';
import type { CaseSla, HelpRequestInput, HelpRequestState } from '@platform/contracts';
import { SEARCH_ATTRIBUTES_AT_START_SINCE, UNCHANGED_SEARCH_ATTRIBUTES_SKIPPED_SINCE } from './revision';

const SA = {
  status: defineSearchAttributeKey(SearchAttributes.caseStatus, 'KEYWORD'),
  deadline: defineSearchAttributeKey(SearchAttributes.slaDeadline, 'DATETIME'),
  breached: defineSearchAttributeKey(SearchAttributes.slaBreached, 'BOOL'),
  district: defineSearchAttributeKey(SearchAttributes.districtCode, 'KEYWORD'),
  street: defineSearchAttributeKey(SearchAttributes.streetCode, 'KEYWORD'),
  community: defineSearchAttributeKey(SearchAttributes.communityCode, 'KEYWORD'),
  owner: defineSearchAttributeKey(SearchAttributes.caseOwner, 'KEYWORD'),
};

/** What the search attributes are made of. */
export interface SearchableCase {
  state: HelpRequestState;
  sla: CaseSla | null;
  breached: boolean;
  owner: string;
}

export function searchAttributesOf(input: HelpRequestInput, s: SearchableCase): SearchAttributeUpdatePair[] {
  return [
    { key: SA.status, value: s.state },
    ...(s.sla ? [{ key: SA.deadline, value: new Date(s.sla.deadline) }] : []),
    { key: SA.breached, value: s.breached },
    { key: SA.district, value: input.districtCode },
    { key: SA.street, value: input.streetCode },
    { key: SA.community, value: input.communityCode },
    { key: SA.owner, value: s.owner },
  ];
}

/**
 * Whether the case got its search attributes with its start (a first cycle on revision 1 or later, its clock
 * computed by the hotline): its intake then upserts none, which saves the server two visibility writes.
 */
export function searchableFromStart(input: HelpRequestInput): boolean {
  return (input.revision ?? 0) >= SEARCH_ATTRIBUTES_AT_START_SINCE && !!input.prepared && !input.carry;
}

/** Whether the case leaves out an upsert that changes nothing (revision 3). */
export function skipsUnchangedSearchAttributes(input: HelpRequestInput): boolean {
  return (input.revision ?? 0) >= UNCHANGED_SEARCH_ATTRIBUTES_SKIPPED_SINCE;
}

/**
 * The search attributes a case starts with (see `searchableFromStart`); none for any other case. A case the
 * hotline registered during the call starts as `registered` (revision 3): its first workflow task registers it.
 */
export function startSearchAttributes(input: HelpRequestInput): SearchAttributePair[] {
  if (!input.options.upsertSearchAttributes || !searchableFromStart(input)) return [];
  const initial: SearchableCase = {
    state: input.registered && skipsUnchangedSearchAttributes(input) ? 'registered' : 'intake',
    sla: input.prepared!.sla,
    breached: false,
    owner: input.openedBy.username,
  };
  return searchAttributesOf(input, initial) as SearchAttributePair[];
}
