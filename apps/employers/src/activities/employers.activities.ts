import type {
  EmployersActivities,
  ReservationActionInput,
  ReservationSummary,
  ReserveBaseCapacityInput,
  ReserveWelfareSlotInput,
} from '@platform/contracts';
import { ReserveBaseCapacityBody, ReserveWelfareSlotBody } from '../reservations/reservation.dto';
import { ReservationsService, ReservationView } from '../reservations/reservations.service';
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
  };
}
