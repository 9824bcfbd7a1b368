import type {
  ConfirmStartInput,
  JobsActivities,
  MatchVacanciesInput,
  ProposeReferralInput,
  ReferralSummary,
} from '@platform/contracts';
import { MatchBody } from '../matching/match.dto';
import { MatchingService } from '../matching/matching.service';
import { ProposeReferralBody, StartBody } from '../referrals/referral.dto';
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
  };
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
        summary(await deps.referrals.propose(body, actor.username, correlationId)),
      );
    },

    async confirmStart(input: ConfirmStartInput) {
      const body = await validated(StartBody, { startedOn: input.startedOn });
      return asActivity(async () =>
        summary(
          staffView(
            await deps.referrals.confirmStart(
              { staff: true },
              input.referralId,
              body.startedOn,
              input.actor.username,
              input.correlationId,
            ),
          ),
        ),
      );
    },
  };
}
