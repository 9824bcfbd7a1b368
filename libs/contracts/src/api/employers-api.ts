// What the employers service's routes answer: one definition for the service and the console.

export interface EmployerContact {
  name: string;
  phone: string;
  title?: string;
}

/** An employer's record (the employer's own profile, or staff looking one up). */
export interface EmployerView {
  id: string;
  uscc: string;
  name: string;
  industry: string;
  districtCode: string;
  streetCode: string;
  communityCode: string | null;
  orgPath: string;
  addressDetail: string;
  contacts: EmployerContact[];
  createdAt: string;
  updatedAt: string;
}

/** One period's declared capacity of an assistance base and how much of it is held or used. */
export interface BaseCapacity {
  /** yyyy-mm */
  period: string;
  capacity: number;
  taken: number;
}

/** An assistance base (援助基地): an employer designated to take persons of some assistance categories. */
export interface AssistanceBaseView {
  id: string;
  employerId: string;
  designatedFrom: string;
  designatedTo: string;
  /** The categories the base must accept (policy codes, not anyone's data). */
  acceptedCategories: string[];
  capacities: BaseCapacity[];
}

/** A public-welfare post pool (公益性岗位): funded slots of one post type, district and month. */
export interface WelfarePoolView {
  id: string;
  districtCode: string;
  postType: string;
  period: string;
  fundedSlots: number;
  priorityReserve: number;
  taken: number;
  employerId: string | null;
}

export type ReservationKind = 'assistance_base' | 'welfare_slot';
export type ReservationStatus = 'held' | 'confirmed' | 'released' | 'expired';

/**
 * A hold on a welfare slot or on an assistance base's capacity, for one case, as staff see it: the case, what is
 * held, status and dates. The person and their assistance categories are not part of it (the categories only
 * decided which slot the case could take).
 */
export interface ReservationView {
  id: string;
  kind: ReservationKind;
  baseId: string | null;
  period: string | null;
  poolId: string | null;
  caseId: string;
  status: ReservationStatus;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
}
