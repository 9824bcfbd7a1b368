import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { publishCaseEvent } from '@platform/case-events';
import type { HotlineActivities } from '@platform/contracts';
import { validated } from '@platform/temporal-kit';
import { CalendarService } from '../calendar/calendar.service';
import { CasePolicyService } from '../case-policy/case-policy.service';
import { ComputeCaseSlaBody, PrepareCaseBody, SchedulePlacementBody } from './case-activities.dto';
import { casePreparation, caseSla, placementSchedule } from './case-schedule';

/**
 * The hotline's activities for the case workflow, on the same services as the HTTP API (the calendar in
 * Postgres, the case policy, the outbox). Bad input is a non-retryable `Problem400` failure.
 */
export function createHotlineActivities(deps: {
  calendar: CalendarService;
  policies: CasePolicyService;
  dataSource: DataSource;
}): HotlineActivities {
  return {
    async prepareCase(input) {
      const body = await validated(PrepareCaseBody, input);
      const [stored, calendar] = await Promise.all([deps.policies.current(), deps.calendar.current()]);
      return badInput(() => casePreparation(stored, calendar, body.startedAt));
    },

    async computeCaseSla(input) {
      const body = await validated(ComputeCaseSlaBody, input);
      const calendar = await deps.calendar.current();
      return badInput(() => caseSla(calendar, body.startedAt, body.workingDays));
    },

    async schedulePlacement(input) {
      const body = await validated(SchedulePlacementBody, input);
      const calendar = await deps.calendar.current();
      return badInput(() =>
        placementSchedule(calendar, body.startedOn, body.callbackAfterWorkingDays, body.followUpMonths),
      );
    },

    // The workflow worker runs the same step as a local activity (libs/case-events); this one stays for runs
    // started before that (patch `case-events-local`), which replay and keep scheduling it here.
    publishCaseEvent: (input) => publishCaseEvent(deps.dataSource, input),
  };
}

/** Dates that pass the DTO but are not real (2025-02-30) surface as RangeError from libs/calendar. */
function badInput<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError)
      throw ApplicationFailure.create({
        message: `Invalid activity input / 活动参数有误: ${error.message}`,
        type: 'Problem400',
        nonRetryable: true,
      });
    throw error;
  }
}
