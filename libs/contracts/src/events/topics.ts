/** Kafka topics: one per domain stream, versioned; additive changes only within a version. */
export const Topics = {
  hotlineCase: 'hotline.case.v1',
  hotlineCalendar: 'hotline.calendar.v1',
  /** Zero-employment household episodes (status, clock, resolution): summaries without personal data. */
  hotlineHouseholdEpisode: 'hotline.household-episode.v1',
  /** Revoked session ids: every service's auth guard refuses their access tokens (libs/auth). */
  hotlineSession: 'hotline.session.v1',
  peoplePerson: 'people.person.v1',
  peopleHousehold: 'people.household.v1',
  jobsReferral: 'jobs.referral.v1',
  employersEmployer: 'employers.employer.v1',
  employersReservation: 'employers.reservation.v1',
  /** Internal: proves the outbox → Kafka → inbox path end to end (readiness checks and tests). */
  platformProbe: 'platform.probe.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];
