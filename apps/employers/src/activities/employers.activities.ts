import { ApplicationFailure } from '@temporalio/common';
import type {
  EmployersActivities,
  EscalationReservation,
  ReservationActionInput,
  ReservationSummary,
  ReservationView,
  ReserveBaseCapacityInput,
  ReserveForEscalationInput,
  ReserveWelfareSlotInput,
} from '@platform/contracts';
import { orgPathOfCode } from '@platform/auth';
import { asActivity, validated } from '@platform/temporal-kit';
import { BaseHoldArgs, EscalationArgs, SlotHoldArgs } from '../reservations/reservation.dto';
import { HoldInput, ReservationsService } from '../reservations/reservations.service';
import { WHOLE_CITY } from '../shared/area-scope';

/** The validated hold, with the case's community as the area the hold records. */
function holdOf({ caseCommunityCode, ...hold }: SlotHoldArgs): Omit<HoldInput, 'actor' | 'correlationId'> {
  return { ...hold, caseAreaPath: caseCommunityCode && orgPathOfCode(caseCommunityCode) };
}

function summary(view: ReservationView): ReservationSummary {
  return { reservationId: view.id, kind: view.kind, status: view.status, expiresAt: view.expiresAt };
}

/**
 * The employers activities: the only way a hold is made, confirmed or released for a case (the hotline checked
 * the case's area before driving its workflow, so they act city-wide). Same service, same atomic rules as the
 * staff routes.
 */
export function createEmployersActivities(deps: { reservations: ReservationsService }): EmployersActivities {
  const { reservations } = deps;
  return {
    async reserveWelfareSlot(input: ReserveWelfareSlotInput) {
      const { actor, correlationId, poolId, ...hold } = input;
      const args = await validated(SlotHoldArgs, hold);
      return asActivity(async () =>
        summary(
          await reservations.reserveWelfareSlot(poolId, {
            ...holdOf(args),
            actor: actor.username,
            correlationId,
          }),
        ),
      );
    },

    async reserveAssistanceBaseCapacity(input: ReserveBaseCapacityInput) {
      const { actor, correlationId, baseId, ...hold } = input;
      const { period, ...args } = await validated(BaseHoldArgs, hold);
      return asActivity(async () =>
        summary(
          await reservations.reserveBaseCapacity(baseId, period, {
            ...holdOf(args),
            actor: actor.username,
            correlationId,
          }),
        ),
      );
    },

    async confirmReservation(input: ReservationActionInput) {
      return asActivity(async () =>
        summary(await reservations.confirm(input.reservationId, input.actor.username, input.correlationId)),
      );
    },

    async releaseReservation(input: ReservationActionInput) {
      return asActivity(async () =>
        summary(
          await reservations.release(
            input.reservationId,
            WHOLE_CITY,
            input.actor.username,
            input.correlationId,
          ),
        ),
      );
    },

    async reserveForEscalation(input: ReserveForEscalationInput): Promise<EscalationReservation> {
      const { actor, correlationId, ...hold } = input;
      const { districtCode, period, ...args } = await validated(EscalationArgs, hold);
      if (args.caseCommunityCode && !args.caseCommunityCode.startsWith(districtCode))
        throw ApplicationFailure.create({
          type: 'Problem400',
          nonRetryable: true,
          message: 'Invalid activity input / 活动参数有误',
          details: [
            [
              {
                field: 'caseCommunityCode',
                rule: 'inDistrict',
                message: { zh: '社区须属于该区县', en: 'caseCommunityCode must lie in districtCode' },
              },
            ],
          ],
        });
      const view = await asActivity(() =>
        reservations.reserveForEscalation(districtCode, period, {
          ...holdOf(args),
          // Without the community the hold belongs to the case's district.
          caseAreaPath: orgPathOfCode(args.caseCommunityCode ?? districtCode),
          actor: actor.username,
          correlationId,
        }),
      );
      if (!view)
        // Retrying cannot free a unit; the workflow records the failure and the case is worked by hand.
        throw ApplicationFailure.create({
          type: 'NoEscalationCapacity',
          nonRetryable: true,
          message:
            `No public-welfare slot or assistance-base capacity is free in ${districtCode} for ${period} / ` +
            `${districtCode} 在 ${period} 没有可用的公益性岗位或援助基地容量`,
        });
      // Named, so the case's timeline never shows the pool's or base's id.
      const targetName = await asActivity(() => reservations.targetName(view.id, WHOLE_CITY));
      return { ...summary(view), targetId: (view.poolId ?? view.baseId)!, targetName };
    },
  };
}
