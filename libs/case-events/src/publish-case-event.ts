import { ApplicationFailure } from '@temporalio/common';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  caseSnapshotSchema,
  CaseEventTypes,
  Topics,
  type CaseEventData,
  type CaseLocalActivities,
  type PublishCaseEventInput,
} from '@platform/contracts';
import { enqueueEvent } from '@platform/outbox';
import { asActivity, validated } from '@platform/temporal-kit';
import { caseEventId } from './case-event-id';

export class PublishCaseEventBody {
  @IsIn(Object.values(CaseEventTypes))
  type!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  actor!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  detail?: string;

  /** Checked in full against `caseSnapshotSchema`. */
  @IsObject()
  snapshot!: Record<string, unknown>;
}

/**
 * The `publishCaseEvent` step: checks the snapshot and writes the event into the hotline's outbox (`dataSource`
 * on the hotline's schema), with an id from (caseId, seq) so a retried step adds nothing. Shared by the
 * hotline's remote activity and the workflow worker's local activity, which both write the same rows.
 * Bad input is a non-retryable `Problem400` failure.
 */
export async function publishCaseEvent(dataSource: DataSource, input: PublishCaseEventInput): Promise<void> {
  const schema = String((dataSource.options as { schema?: string }).schema);
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
  // One statement, so no transaction around it: the row and its notification commit together.
  await asActivity(() =>
    enqueueEvent(dataSource.manager, schema, Topics.hotlineCase, {
      id: caseEventId(snapshot.caseId, snapshot.seq),
      type: body.type,
      source: 'hotline',
      subject: snapshot.caseId,
      correlationId: snapshot.caseId,
      data,
    }),
  );
}

/** The case workflow's local activities, as every worker of its queue registers them (the service's and tests'). */
export function caseLocalActivities(dataSource: DataSource): CaseLocalActivities {
  return { publishCaseEvent: (input) => publishCaseEvent(dataSource, input) };
}
