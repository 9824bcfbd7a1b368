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
import {
  ReserveBaseCapacityBody,
  ReserveForEscalationBody,
  ReserveWelfareSlotBody,
} from '../reservations/reservation.dto';
import { ReservationsService } from '../reservations/reservations.service';
import { asActivity, validated } from '@platform/temporal-kit';

function summary(view: ReservationView): ReservationSummary {
  return { reservationId: view.id, kind: view.kind, status: view.status, expiresAt: view.expiresAt };
}

/** The employers activities, built from the same service (and so the same atomic rules) as the HTTP API. */
export function createEmployersActivities(deps: { reservations: ReservationsService }): EmployersActivities {
  const { reservations } = deps;
  return {
    async reserveWelfareSlot(input: ReserveWelfareSlotInput) {
      const { actor, correlationId, poolId, ...hold } = input;
      const body = await validated(ReserveWelfareSlotBody, hold);
      return asActivity(async () =>
        summary(
          await reservations.reserveWelfareSlot(poolId, { ...body, actor: actor.username, correlationId }),
        ),
      );
    },

    async reserveAssistanceBaseCapacity(input: ReserveBaseCapacityInput) {
      const { actor, correlationId, baseId, ...hold } = input;
      const { period, ...body } = await validated(ReserveBaseCapacityBody, hold);
      return asActivity(async () =>
        summary(
          await reservations.reserveBaseCapacity(baseId, period, {
            ...body,
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
        summary(await reservations.release(input.reservationId, input.actor.username, input.correlationId)),
      );
    },

    async reserveForEscalation(input: ReserveForEscalationInput): Promise<EscalationReservation> {
      const { actor, correlationId, ...hold } = input;
      const { districtCode, period, ...body } = await validated(ReserveForEscalationBody, hold);
      const view = await asActivity(() =>
        reservations.reserveForEscalation(districtCode, period, {
          ...body,
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
      return { ...summary(view), targetId: (view.poolId ?? view.baseId)! };
    },
  };
}
