import type { CandidateSnapshot, JobsActivities, ReferralSummary } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { createJobsActivities } from '../activities/jobs.activities';
import { JobsConfig } from '../config';
import { MatchingService } from '../matching/matching.service';
import { ReferralsService } from '../referrals/referrals.service';

/** Communities of the seeded org tree: 武侯区 玉林街道 (the test tokens' district) and 锦江区 牛市口街道. */
export const WUHOU_COMMUNITY = '510107003001';
export const JINJIANG_COMMUNITY = '510104003001';

/** The jobs activities as the case workflow calls them: the only way referrals are proposed and answered. */
export function activitiesOf(service: TestServiceApp<JobsConfig>): JobsActivities {
  return createJobsActivities({
    matching: service.app.get(MatchingService),
    referrals: service.app.get(ReferralsService),
  });
}

/** Proposes as the workflow does, for a case in `caseCommunityCode` (Wuhou unless given). */
export function proposeReferral(
  service: TestServiceApp<JobsConfig>,
  input: {
    vacancyId: string;
    caseId: string;
    candidate: Record<string, unknown>;
    caseCommunityCode?: string;
    respondWithinHours?: number;
  },
): Promise<ReferralSummary> {
  return activitiesOf(service).proposeReferral({
    actor: { username: 'operator.test' },
    correlationId: input.caseId,
    caseCommunityCode: WUHOU_COMMUNITY,
    ...input,
    candidate: input.candidate as unknown as CandidateSnapshot,
  });
}
