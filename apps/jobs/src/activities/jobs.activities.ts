import { HttpStatus } from '@nestjs/common';
import type {
  ConfirmStartInput,
  JobsActivities,
  MatchVacanciesInput,
  PersonAnswerInput,
  ProposeReferralInput,
  ReferralSummary,
} from '@platform/contracts';
import { ProblemException } from '@platform/nest-kit';
import { MatchBody } from '../matching/match.dto';
import { MatchingService } from '../matching/matching.service';
import { PersonAnswerBody, ProposeReferralBody, StartBody } from '../referrals/referral.dto';
import { ReferralsService, staffView } from '../referrals/referrals.service';
import { asActivity, validated } from '@platform/temporal-kit';

function summary(view: ReturnType<typeof staffView>): ReferralSummary {
  return {
    referralId: view.id,
    vacancyId: view.vacancyId,
    employerId: view.employerId,
    caseId: view.caseId,
    personId: view.personId,
    status: view.status,
    respondBy: view.respondBy,
    startedOn: view.startedOn,
    // Names, so the case's timeline never shows an id.
    vacancyTitle: view.vacancyTitle,
    employerName: view.employerName,
  };
}

type ReferralView = ReturnType<typeof staffView>;

/**
 * Runs a transition; when it is refused (409) because an earlier attempt already made it, the referral as it
 * stands is the answer, so a retried activity is not an error. Any other refusal keeps its rule (Problem409).
 */
async function idempotent(
  referrals: ReferralsService,
  referralId: string,
  transition: () => Promise<Parameters<typeof staffView>[0]>,
  done: (current: ReferralView) => boolean,
): Promise<ReferralSummary> {
  try {
    return summary(staffView(await transition()));
  } catch (error) {
    if (error instanceof ProblemException && error.getStatus() === HttpStatus.CONFLICT) {
      const current = staffView(await referrals.get({ all: true }, referralId));
      if (done(current)) return summary(current);
    }
    throw error;
  }
}

/** The jobs activities, built from the same services (and so the same rules) as the HTTP API. */
export function createJobsActivities(deps: {
  matching: MatchingService;
  referrals: ReferralsService;
}): JobsActivities {
  return {
    async matchVacancies(input: MatchVacanciesInput) {
      const body = await validated(MatchBody, { person: input.person, limit: input.limit ?? 20 });
      return asActivity(() => deps.matching.match(body.person, body.limit));
    },

    async proposeReferral(input: ProposeReferralInput) {
      const { actor, correlationId, ...rest } = input;
      const body = await validated(ProposeReferralBody, { respondWithinHours: 24, ...rest });
      return asActivity(async () =>
        summary(staffView(await deps.referrals.propose(body, actor.username, correlationId))),
      );
    },

    async confirmStart(input: ConfirmStartInput) {
      const body = await validated(StartBody, { startedOn: input.startedOn });
      return asActivity(() =>
        idempotent(
          deps.referrals,
          input.referralId,
          () =>
            deps.referrals.confirmStart(
              { all: true },
              input.referralId,
              body.startedOn,
              input.actor.username,
              input.correlationId,
            ),
          // Started on another date is a real conflict, not a retry.
          (current) => current.status === 'started' && current.startedOn === body.startedOn,
        ),
      );
    },

    async recordPersonAnswer(input: PersonAnswerInput) {
      const { actor, correlationId, ...answer } = input;
      const body = await validated(PersonAnswerBody, answer);
      const { referralId } = body;
      return asActivity(() =>
        body.answer === 'accepted'
          ? idempotent(
              deps.referrals,
              referralId,
              () => deps.referrals.personAccept(referralId, actor.username, correlationId),
              (current) => current.status === 'person_accepted',
            )
          : idempotent(
              deps.referrals,
              referralId,
              () => deps.referrals.personDecline(referralId, body.reason!, actor.username, correlationId),
              (current) => current.status === 'person_declined',
            ),
      );
    },
  };
}
