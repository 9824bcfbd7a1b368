// What the people service answers for training (apps/people/src/training/training.service.ts).

export type CourseLevel = 'primary' | 'intermediate' | 'advanced' | 'technician' | 'senior-technician';
export type EnrolmentStatus = 'referred' | 'enrolled' | 'completed' | 'dropped';

export interface Course {
  id: string;
  provider: { id: string; name: string };
  title: string;
  occupation: string;
  level: CourseLevel;
  startsOn: string;
  endsOn: string;
  capacity: number;
  freeForHardship: boolean;
  unitCode: string;
  placesTaken: number;
  placesLeft: number;
  waitingReferrals: number;
}

export interface Provider {
  id: string;
  name: string;
  unitCode: string;
  courses: number;
}

export interface Enrolment {
  id: string;
  courseId: string;
  personId: string;
  personName: string;
  phoneMasked: string;
  status: EnrolmentStatus;
  freePlace: boolean;
  referredAt: string;
  enrolledAt: string | null;
  completedAt: string | null;
  passed: boolean | null;
  certificateNo: string | null;
  droppedAt: string | null;
  dropReason: string | null;
  serviceRecordId: string | null;
  referralConfirmed: boolean;
  attendance: { daysPresent: number; daysAbsent: number };
}

export interface RateAgainstTarget {
  rate: number | null;
  numerator: number;
  denominator: number;
  target: number;
  met: boolean | null;
}

export interface TrainingKpis {
  referred: number;
  enrolled: number;
  completed: number;
  passed: number;
  passRate: RateAgainstTarget;
  employmentWindowClosed: number;
  employedAfterTraining: number;
  employedAfterTrainingRate: RateAgainstTarget;
  employedSoFarWindowOpen: number;
}

export interface KpiGroup {
  providerId?: string;
  providerName?: string;
  unitCode?: string;
  courseId?: string;
  courseTitle?: string;
  kpis: TrainingKpis;
}

export interface TrainingKpiReport {
  from: string;
  to: string;
  asOf: string;
  total: TrainingKpis;
  byProvider: KpiGroup[];
  byUnit: KpiGroup[];
  byCourse: KpiGroup[];
}

/** The person named by `?referPerson=`: only what the page shows. */
export interface ReferredPerson {
  id: string;
  name: string;
  phoneMasked: string;
}
