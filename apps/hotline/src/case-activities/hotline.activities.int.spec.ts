import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { CaseEventTypes, type HotlineActivities } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { CalendarService } from '../calendar/calendar.service';
import { CasePolicyService } from '../case-policy/case-policy.service';
import { HotlineConfig } from '../config';
import { startHotline } from '../identity/testing/hotline-test-app';
import { caseEventId } from '@platform/case-events';
import { createHotlineActivities } from './hotline.activities';
import { snapshotOf } from './testing/case-snapshot';
import { runHotlineActivityProbe } from './testing/hotline-activity-probe';

const failureOf = async (promise: Promise<unknown>): Promise<ApplicationFailure> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
};

describe('hotline activities (real Postgres, Kafka and Temporal dev server)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let activities: HotlineActivities;

  beforeAll(async () => {
    service = await startHotline();
    activities = createHotlineActivities({
      calendar: service.app.get(CalendarService),
      policies: service.app.get(CasePolicyService),
      dataSource: service.app.get(DataSource),
    });
  });
  afterAll(() => service?.close());

  const outboxOf = (caseId: string) =>
    service.dataSource.query(
      `SELECT id, event FROM "${service.schema}".outbox WHERE message_key = $1 ORDER BY seq`,
      [caseId],
    );

  it('prepares a case: the policy in force (without its bookkeeping) and the SLA by its promised working days', async () => {
    const prepared = await activities.prepareCase({
      caseId: randomUUID(),
      startedAt: '2025-09-30T10:00:00+08:00',
    });
    expect(prepared.sla).toMatchObject({ deadline: '2025-10-11T00:00:00+08:00', dueDate: '2025-10-10' });
    // The seeded values themselves are the case-policy spec's; here: what is stored is what the case gets.
    const {
      version,
      updatedBy: _by,
      updatedAt: _at,
      ...stored
    } = await service.app.get(CasePolicyService).current();
    expect(version).toBe('policy-1');
    expect(prepared.policy).toEqual(stored);
    expect(prepared.policy).toMatchObject({ promiseWorkingDays: 2, refusal: { version: 'policy-1' } });
  });

  it('computes the SLA with the calendar stored in Postgres: 09-30 10:00 + 2 working days → 24:00 on 10-10', async () => {
    const sla = await activities.computeCaseSla({
      caseId: randomUUID(),
      startedAt: '2025-09-30T10:00:00+08:00',
      workingDays: 2,
    });
    expect(sla).toEqual({
      startedAt: '2025-09-30T10:00:00+08:00',
      deadline: '2025-10-11T00:00:00+08:00',
      dueDate: '2025-10-10',
      milestones: {
        half: '2025-10-09T17:00:00+08:00',
        threeQuarters: '2025-10-10T08:30:00+08:00',
        oneWorkingDayLeft: '2025-10-10T00:00:00+08:00',
      },
      calendarVersion: 'v7',
      provisional: false,
      missingYears: [],
    });
  });

  it('schedules the callback and follow-ups of a start across National Day 2025', async () => {
    expect(
      await activities.schedulePlacement({
        caseId: randomUUID(),
        startedOn: '2025-09-30',
        callbackAfterWorkingDays: 1,
        followUpMonths: [1, 3, 6],
      }),
    ).toEqual({
      callbackAt: '2025-10-09T00:00:00+08:00',
      followUpsAt: ['2025-10-30T00:00:00+08:00', '2025-12-30T00:00:00+08:00', '2026-03-30T00:00:00+08:00'],
      calendarVersion: 'v7',
    });
    const moved = await activities.schedulePlacement({
      caseId: randomUUID(),
      startedOn: '2025-09-01',
      callbackAfterWorkingDays: 2,
      followUpMonths: [1],
    });
    expect(moved.callbackAt).toBe('2025-09-03T00:00:00+08:00');
    expect(moved.followUpsAt).toEqual(['2025-10-09T00:00:00+08:00']);
  });

  it('publishes each (caseId, seq) once under a derived id, however often the activity is retried', async () => {
    const caseId = randomUUID();
    const input = {
      type: CaseEventTypes.registered,
      actor: 'operator.wuhou',
      snapshot: snapshotOf(caseId, { seq: 1 }),
    };
    await activities.publishCaseEvent(input);
    await activities.publishCaseEvent(input);
    await activities.publishCaseEvent({
      type: CaseEventTypes.slaWarning,
      actor: 'system',
      detail: 'half',
      snapshot: snapshotOf(caseId, { seq: 2 }),
    });
    const rows = await outboxOf(caseId);
    expect(rows.map((row: { id: string }) => row.id)).toEqual([
      caseEventId(caseId, 1),
      caseEventId(caseId, 2),
    ]);
    expect(rows[0].event).toMatchObject({
      type: 'hotline.case.registered',
      source: 'hotline',
      subject: caseId,
      data: { actor: 'operator.wuhou', detail: null, snapshot: { caseId, seq: 1, state: 'matching' } },
    });
    expect(rows[1].event.data.detail).toBe('half');
  });

  it('turns bad input into non-retryable Problem400 failures and writes nothing', async () => {
    const caseId = randomUUID();
    const notUuid = await failureOf(
      activities.prepareCase({ caseId: 'case-1', startedAt: '2025-09-30T10:00:00+08:00' }),
    );
    expect(notUuid).toMatchObject({ type: 'Problem400', nonRetryable: true });
    expect(JSON.stringify(notUuid.details)).toContain('caseId');

    const noOffset = await failureOf(
      activities.computeCaseSla({ caseId, startedAt: '2025-09-30T10:00:00', workingDays: 2 }),
    );
    expect(JSON.stringify(noOffset.details)).toContain('startedAt');
    await failureOf(activities.computeCaseSla({ caseId, startedAt: '2025-09-30T10:00:00Z', workingDays: 0 }));
    const unreal = await failureOf(
      activities.schedulePlacement({
        caseId,
        startedOn: '2025-02-30',
        callbackAfterWorkingDays: 1,
        followUpMonths: [1],
      }),
    );
    expect(unreal).toMatchObject({ type: 'Problem400', nonRetryable: true });

    const badSnapshot = await failureOf(
      activities.publishCaseEvent({
        type: CaseEventTypes.placed,
        actor: 'system',
        snapshot: { ...snapshotOf(caseId), seq: 0, deadline: 'tomorrow' },
      }),
    );
    expect(badSnapshot).toMatchObject({ type: 'Problem400', nonRetryable: true });
    expect(JSON.stringify(badSnapshot.details)).toContain('deadline');
    expect(JSON.stringify(badSnapshot.details)).not.toContain('tomorrow');
    const unknownType = await failureOf(
      activities.publishCaseEvent({
        type: 'hotline.case.exploded',
        actor: 'system',
        snapshot: snapshotOf(caseId),
      }),
    );
    expect(unknownType.type).toBe('Problem400');
    expect(await outboxOf(caseId)).toEqual([]);
  });

  it('runs through the app’s real activity worker on its queue, and a bad input is not retried', async () => {
    const caseId = randomUUID();
    const { result, attempts } = await runHotlineActivityProbe(service.config, {
      caseId,
      sla: { caseId, startedAt: '2025-09-30T10:00:00+08:00', workingDays: 2 },
      placement: { caseId, startedOn: '2025-09-30', callbackAfterWorkingDays: 1, followUpMonths: [1, 3, 6] },
      event: { type: CaseEventTypes.registered, actor: 'operator.wuhou', snapshot: snapshotOf(caseId) },
      badSla: { caseId, startedAt: 'yesterday', workingDays: 2 },
    });
    expect(result).toMatchObject({
      policy: { refusal: { version: 'policy-1', maxUnjustifiedRefusals: 2 }, promiseWorkingDays: 2 },
      sla: { deadline: '2025-10-11T00:00:00+08:00', dueDate: '2025-10-10' },
      prepared: { deadline: '2025-10-11T00:00:00+08:00' },
      schedule: { callbackAt: '2025-10-09T00:00:00+08:00' },
      badInput: { type: 'Problem400', nonRetryable: true },
    });
    expect(attempts).toEqual({
      prepareCase: 1,
      computeCaseSla: 2,
      schedulePlacement: 1,
      publishCaseEvent: 1,
    });
    const rows = await outboxOf(caseId);
    expect(rows.map((row: { id: string }) => row.id)).toEqual([caseEventId(caseId, 1)]);
  });
});
