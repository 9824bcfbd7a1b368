// What the hotline's /job-fairs routes answer (apps/hotline/src/job-fairs).

export type FairStatus = 'planned' | 'held' | 'cancelled';

export interface FairResults {
  visitors: number;
  applications: number;
  hardshipApplicants: number;
  referrals: number;
  placements: number;
}

export interface FairSummary {
  id: string;
  title: string;
  heldOn: string;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  venue: string;
  assistanceMonth: boolean;
  status: FairStatus;
  visitorsRecorded: boolean;
  results: FairResults;
}

export interface FairEmployer {
  employerId: string;
  employerName: string;
  vacancies: Array<{ vacancyId: string; title: string }>;
}

export type ApplicationStatus = 'opening-case' | 'awaiting-registration' | 'proposed' | 'refused';

export interface FairApplication {
  id: string;
  takenAt: string;
  takenBy: string;
  applicantName: string | null;
  applicantPhoneMasked: string | null;
  vacancyId: string;
  vacancyTitle: string | null;
  employerName: string | null;
  caseId: string | null;
  openedCase: boolean;
  hardship: boolean | null;
  status: ApplicationStatus;
  refusal: string | null;
  referralId: string | null;
  referralStatus: string | null;
  placed: boolean;
}

export interface FairDetail extends FairSummary {
  employers: FairEmployer[];
  applications: FairApplication[];
}

export interface AssistanceMonth extends FairResults {
  unit: { code: string; name: string; nameEn: string | null };
  year: number;
  fairs: number;
  held: number;
  cancelled: number;
  items: FairSummary[];
}

/** A vacancy as staff pick it for a fair: by title and employer name, from the jobs and employers services. */
export interface PickedVacancy {
  vacancyId: string;
  vacancyTitle: string;
  employerId: string;
  employerName: string;
}
