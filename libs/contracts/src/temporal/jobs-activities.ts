/**
 * Activities the jobs service runs on task queue `jobs` for the case workflow. Inputs carry the candidate as an
 * employer may see them (masked phone, never an ID number); outputs carry no sensitive data.
 */
export type JobHours = 'full_time' | 'part_time' | 'shift' | 'flexible';
export type PhysicalDemand = 'light' | 'moderate' | 'heavy';

export interface JobsActivityActor {
  username: string;
}

export interface MatchPersonInput {
  skills: string[];
  lat: number;
  lng: number;
  maxDistanceKm?: number;
  acceptedHours?: JobHours[];
  preferredHours?: JobHours;
  maxPhysicalDemand?: PhysicalDemand;
  needsDisabledSuitable?: boolean;
  minWageFen?: number;
  categories: string[];
  acceptsAnyJob?: boolean;
}

export interface MatchVacanciesInput {
  person: MatchPersonInput;
  limit?: number;
}

export interface MatchedVacancy {
  vacancyId: string;
  employerId: string;
  kind: string;
  title: string;
  districtCode: string;
  streetCode: string;
  hours: JobHours;
  physicalDemand: PhysicalDemand;
  wageMinFen: number;
  wageMaxFen: number;
  openPlaces: number;
  /** The employer's name as the jobs service last heard it (`employers.employer.v1`); null until then. */
  employerName: string | null;
  distanceKm: number;
  score: number;
  factors: Record<'skills' | 'distance' | 'hours' | 'constraints' | 'wage' | 'freshness', number>;
  matchedSkills: string[];
  reason: { zh: string; en: string };
}

export interface CandidateSnapshot {
  personId: string;
  name: string;
  /** Already masked by the people service: `^1\d{2}\*{4}\d{4}$`. */
  maskedPhone: string;
  skills: string[];
  /** The operator's note of what the person wants: staff only, never shown to the employer. */
  experienceSummary: string;
}

export interface ProposeReferralInput {
  actor: JobsActivityActor;
  correlationId: string;
  vacancyId: string;
  caseId: string;
  candidate: CandidateSnapshot;
  respondWithinHours?: number;
  /**
   * The case's community (12 digits): staff see the referral only within this area. Absent from workflows started
   * before it was sent: the referral then belongs to the city (only city-level staff see it).
   */
  caseCommunityCode?: string;
}

export interface ConfirmStartInput {
  actor: JobsActivityActor;
  correlationId: string;
  referralId: string;
  /** yyyy-mm-dd, Asia/Shanghai. */
  startedOn: string;
}

export interface ReferralSummary {
  referralId: string;
  vacancyId: string;
  employerId: string;
  caseId: string;
  personId: string;
  status: string;
  respondBy: string | null;
  startedOn: string | null;
  /**
   * The vacancy's title, so the case's timeline names the job. The jobs service always sends it; optional because
   * results recorded in workflow histories before it was sent lack it.
   */
  vacancyTitle?: string;
  /**
   * The employer's name as the jobs service last heard it (`employers.employer.v1`): null while not heard yet,
   * absent from results recorded before it was sent.
   */
  employerName?: string | null;
}

export interface PersonAnswerInput {
  actor: JobsActivityActor;
  correlationId: string;
  referralId: string;
  answer: 'accepted' | 'declined';
  /** Required for `declined`. */
  reason?: string;
}

/** For `proxyActivities<JobsActivities>()` in workflow code. */
export interface JobsActivities {
  matchVacancies(input: MatchVacanciesInput): Promise<MatchedVacancy[]>;
  proposeReferral(input: ProposeReferralInput): Promise<ReferralSummary>;
  confirmStart(input: ConfirmStartInput): Promise<ReferralSummary>;
  /** The person's answer, as the operator recorded it; idempotent (the same answer again is not an error). */
  recordPersonAnswer(input: PersonAnswerInput): Promise<ReferralSummary>;
}
