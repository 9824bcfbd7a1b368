/** Temporal task queues: workflows run on `hotline`; each service does its own activities on its own queue. */
export const TaskQueues = {
  hotline: 'hotline',
  /** The hotline service's own activities (SLA from the stored calendar, case events, policy). */
  hotlineActivities: 'hotline-activities',
  people: 'people',
  jobs: 'jobs',
  employers: 'employers',
} as const;

/**
 * Custom search attributes registered on the Temporal namespace (infra/local registers them for the dev
 * server). None of them may carry personal data.
 */
export const SearchAttributes = {
  caseStatus: 'CaseStatus',
  slaDeadline: 'SlaDeadline',
  slaBreached: 'SlaBreached',
  districtCode: 'DistrictCode',
  streetCode: 'StreetCode',
  communityCode: 'CommunityCode',
  caseOwner: 'CaseOwner',
} as const;
