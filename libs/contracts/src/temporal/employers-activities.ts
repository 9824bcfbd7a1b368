/** Activities the employers service runs on task queue `employers` for the case workflow (escalation). */
export interface EmployersActivityActor {
  username: string;
}

interface HoldInput {
  actor: EmployersActivityActor;
  correlationId: string;
  caseId: string;
  personId: string;
  /**
   * The person's assistance category codes as the people service registered them (priority and what a base must
   * accept). Used for the slot decision only: not stored with the hold, never shown to staff.
   */
  categories: string[];
  /** How long the hold lasts unless confirmed; default 1440 (a day), at most 7 days. */
  holdMinutes?: number;
  /**
   * The case's community (12 digits): staff see the hold only within this area. When absent the hold belongs to
   * the case's district (escalation), else to the district of what it holds.
   */
  caseCommunityCode?: string;
}

export interface ReserveWelfareSlotInput extends HoldInput {
  poolId: string;
}

export interface ReserveBaseCapacityInput extends HoldInput {
  baseId: string;
  /** yyyy-mm */
  period: string;
}

export interface ReservationActionInput {
  actor: EmployersActivityActor;
  correlationId: string;
  reservationId: string;
}

export interface ReservationSummary {
  reservationId: string;
  kind: 'assistance_base' | 'welfare_slot';
  status: 'held' | 'confirmed' | 'released' | 'expired';
  expiresAt: string;
}

/**
 * Automatic escalation: a public-welfare slot when the person's categories allow one (a pool of the case's
 * district, else a city-wide pool, whose eligible categories include one of the person's, with a free slot),
 * otherwise capacity at an assistance base (the district's first, else city-wide) for the period. Idempotent per
 * case: a second call for the same case returns the live reservation. Fails non-retryably with type
 * `NoEscalationCapacity` when nothing is free.
 */
export interface ReserveForEscalationInput extends HoldInput {
  /** The case's district; `caseCommunityCode`, when sent, must lie in it. */
  districtCode: string;
  /** yyyy-mm (Shanghai) of the escalation. */
  period: string;
}

export interface EscalationReservation extends ReservationSummary {
  /** The welfare pool or assistance base reserved at. */
  targetId: string;
  /**
   * What the case's timeline calls it: the pool's post type, or the name of the base's employer. The employers
   * service always sends it; optional because results recorded in workflow histories before it was sent lack it.
   */
  targetName?: string;
}

/** For `proxyActivities<EmployersActivities>()` in workflow code. */
export interface EmployersActivities {
  reserveWelfareSlot(input: ReserveWelfareSlotInput): Promise<ReservationSummary>;
  reserveAssistanceBaseCapacity(input: ReserveBaseCapacityInput): Promise<ReservationSummary>;
  confirmReservation(input: ReservationActionInput): Promise<ReservationSummary>;
  releaseReservation(input: ReservationActionInput): Promise<ReservationSummary>;
  reserveForEscalation(input: ReserveForEscalationInput): Promise<EscalationReservation>;
}
