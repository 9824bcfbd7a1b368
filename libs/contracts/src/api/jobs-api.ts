// What the jobs service's vacancy and referral routes answer: one definition for the service and the console.
import type { CaseReferralStatus } from '../temporal/help-request';
import type { JobHours, PhysicalDemand } from '../temporal/jobs-activities';

export type VacancyKind = 'market' | 'public_welfare' | 'assistance_base';

/** A vacancy as the jobs service answers it (wages in fen, days as yyyy-mm-dd). */
export interface VacancyView {
  id: string;
  employerId: string;
  kind: VacancyKind;
  occupationCode: string;
  title: string;
  description: string;
  skills: string[];
  districtCode: string;
  streetCode: string;
  communityCode: string | null;
  lat: number;
  lng: number;
  hours: JobHours;
  shiftNote: string | null;
  physicalDemand: PhysicalDemand;
  disabledSuitable: boolean;
  wageMinFen: number;
  wageMaxFen: number;
  headcount: number;
  taken: number;
  noExperience: boolean;
  validFrom: string;
  validTo: string;
  status: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
}

/** The jobs service's own name for the statuses the case workflow hears of. */
export type ReferralStatus = CaseReferralStatus;

/** Why an employer declines a candidate: codes, so reports can count them; `other` needs a note. */
export type EmployerDeclineReason =
  'skills_mismatch' | 'position_filled' | 'schedule_mismatch' | 'physical_mismatch' | 'unreachable' | 'other';

/** `GET /reports/employer-declines`: employer declines of referrals to vacancies in a unit, by reason. */
export interface EmployerDeclineReport {
  /** The unit's code (city, district, street or community); vacancies count by where the work is. */
  unit: string;
  /** Asia/Shanghai days, inclusive. */
  from: string;
  to: string;
  total: number;
  /** Every code, zero included; `uncoded` counts declines recorded before reasons were codes. */
  byReason: Record<EmployerDeclineReason | 'uncoded', number>;
}

/**
 * What an employer sees: the candidate as name, masked phone and skills; never the person id, the case, the
 * operator's notes or the person's reason for declining (the status says that they declined, nothing more).
 */
export interface EmployerReferralView {
  id: string;
  vacancyId: string;
  vacancyTitle: string;
  status: ReferralStatus;
  candidate: { name: string; maskedPhone: string; skills: string[] };
  /** Null for declines recorded before reasons were codes. */
  employerReasonCode: EmployerDeclineReason | null;
  /** The employer's note (required with `other`). */
  employerReason: string | null;
  /** When the side that must answer next runs out of time (the referral then expires). */
  respondBy: string | null;
  startedOn: string | null;
  endedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What operators and supervisors see (within the case's area): the employer view plus the operator's notes, the
 * person's reason, who, which case and area, and who proposed.
 */
export interface StaffReferralView extends Omit<EmployerReferralView, 'candidate'> {
  candidate: EmployerReferralView['candidate'] & { experienceSummary: string };
  personReason: string | null;
  employerId: string;
  /** The employer's name as the jobs service last heard it (`employers.employer.v1`); null until then. */
  employerName: string | null;
  personId: string;
  caseId: string;
  /** The case's area in the org tree ("510100/510107/510107003/510107003001"; "510100" for older referrals). */
  orgPath: string;
  endReason: string | null;
  holdsHeadcount: boolean;
  proposedBy: string;
}
