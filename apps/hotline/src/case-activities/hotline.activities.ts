import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { caseSnapshotSchema, Topics, type CaseEventData, type HotlineActivities } from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { asActivity, validated } from '@platform/temporal-kit';
import { CalendarService } from '../calendar/calendar.service';
import { CasePolicyService } from '../case-policy/case-policy.service';
import {
  ComputeCaseSlaBody,
  PrepareCaseBody,
  PublishCaseEventBody,
  SchedulePlacementBody,
} from './case-activities.dto';
import { caseEventId } from './case-event-id';
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
  const schema = String((deps.dataSource.options as { schema?: string }).schema);
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

    async publishCaseEvent(input) {
      const body = await validated(PublishCaseEventBody, input);
      const parsed = caseSnapshotSchema.safeParse(body.snapshot);
      if (!parsed.success)
        throw ApplicationFailure.create({
          message: 'Invalid case snapshot / 个案快照有误',
          type: 'Problem400',
          nonRetryable: true,
          // Paths and rules only: a snapshot carries no personal data, but values never go into failures.
          details: [parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), rule: issue.code }))],
        });
      const snapshot = parsed.data;
      const data: CaseEventData = { snapshot, actor: body.actor, detail: body.detail ?? null };
      await asActivity(() =>
        deps.dataSource.transaction((manager) =>
          enqueueEvent(manager, schema, Topics.hotlineCase, {
            id: caseEventId(snapshot.caseId, snapshot.seq),
            type: body.type,
            source: 'hotline',
            subject: snapshot.caseId,
            correlationId: snapshot.caseId,
            data,
          }),
        ),
      );
    },
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
