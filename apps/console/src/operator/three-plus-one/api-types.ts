// What the people service answers for the 3+1 worklist (GET /three-plus-one/worklist, /three-plus-one/kpis).

export type YearStatus = 'on-track' | 'at-risk' | 'ended-unmet';
export type Missing = 'jobs' | 'training' | 'both';

export interface ReferralCount {
  /** Confirmed by the person: these count. */
  confirmed: number;
  /** Recorded, waiting for the person's confirmation. */
  pending: number;
  target: number;
}

export interface WorklistItem {
  personId: string;
  name: string;
  phoneMasked: string;
  communityCode: string;
  registeredOn: string;
  yearEndsOn: string;
  jobs: ReferralCount;
  training: ReferralCount;
  /** Whole Shanghai days to the year's last day: 0 on it, negative once ended. */
  daysLeft: number;
  status: YearStatus;
  missing: Missing;
  categories: Array<{ code: string; name: { zh: string; en: string } }>;
}

export interface WorklistPage {
  items: WorklistItem[];
  total: number;
  limit: number;
  offset: number;
  today: string;
}

export interface ThreePlusOneKpis {
  unit: string | null;
  from: string;
  to: string;
  yearEnded: number;
  servedInYear: number;
  servedRate: number | null;
  running: number;
  runningServed: number;
  onTrack: number;
  atRisk: number;
}
