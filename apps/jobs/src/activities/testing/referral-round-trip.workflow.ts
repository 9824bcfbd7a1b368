// Spec-local workflow: proves the jobs activities are reachable on their task queue through a real Temporal
// server, the way the case workflow will call them. Deterministic code only.
import { proxyActivities } from '@temporalio/workflow';
import type { CandidateSnapshot, JobsActivities, MatchPersonInput } from '@platform/contracts';

export async function referralRoundTrip(input: {
  taskQueue: string;
  caseId: string;
  caseCommunityCode: string;
  person: MatchPersonInput;
  candidate: CandidateSnapshot;
}): Promise<{ matched: number; firstTitle: string; referralStatus: string; invalidRejectedAs: string }> {
  const jobs = proxyActivities<JobsActivities>({
    taskQueue: input.taskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 3 },
  });
  const matches = await jobs.matchVacancies({ person: input.person, limit: 5 });
  const referral = await jobs.proposeReferral({
    actor: { username: 'workflow' },
    correlationId: input.caseId,
    caseId: input.caseId,
    caseCommunityCode: input.caseCommunityCode,
    vacancyId: matches[0].vacancyId,
    candidate: input.candidate,
  });
  let invalidRejectedAs = 'accepted';
  try {
    await jobs.proposeReferral({
      actor: { username: 'workflow' },
      correlationId: input.caseId,
      caseId: input.caseId,
      vacancyId: matches[0].vacancyId,
      candidate: { ...input.candidate, maskedPhone: '13812345678' },
    });
  } catch (error) {
    const cause = (error as { cause?: { type?: string } }).cause;
    invalidRejectedAs = cause?.type ?? 'unknown';
  }
  return {
    matched: matches.length,
    firstTitle: matches[0].title,
    referralStatus: referral.status,
    invalidRejectedAs,
  };
}
