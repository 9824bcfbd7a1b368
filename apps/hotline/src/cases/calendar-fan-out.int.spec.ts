import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { EventEnvelope } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { HotlineConfig } from '../config';
import { startHotline } from '../identity/testing/hotline-test-app';
import { CALENDAR_YEAR_LOADED, CaseSignalConsumers } from './case-signal-consumers';
import { insertStartedCase, YULIN_COMMUNITY } from './testing/case-fixtures';

/**
 * A calendar change fans out to open cases page by page, with its progress committed after each page (real
 * Postgres, Kafka and Temporal). Each case has a stand-in workflow under its id on a queue nobody polls: a signal
 * to it is recorded in its history, which is what is counted here.
 */
describe('calendar change fan-out to open cases (real Postgres and Temporal)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let connection: Connection;
  let client: Client;
  let consumers: CaseSignalConsumers;
  const started: string[] = [];
  const unpolledQueue = `calendar-fan-out-${randomUUID().slice(0, 8)}`;
  // Ids in a known order (keyset paging goes by id).
  const ids = Array.from(
    { length: 9 },
    (_, i) => `${String(i + 1).padStart(8, '0')}-0000-4000-8000-${randomUUID().slice(-12)}`,
  );
  const open = ids.slice(0, 7);
  const [closed, reopened] = ids.slice(7);

  beforeAll(async () => {
    service = await startHotline();
    consumers = service.app.get(CaseSignalConsumers);
    // The events here are handed over directly: calendar events of other test stacks on the shared broker must
    // not reach these cases meanwhile.
    await consumers.beforeApplicationShutdown();
    consumers.calendarPageSize = 3;
    connection = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection, dataConverter: encryptedDataConverter(service.config) });
    const { schema, dataSource } = service;
    const place = {
      orgPath: `510100/510107/510107003/${YULIN_COMMUNITY}`,
      districtCode: '510107',
      streetCode: '510107003',
      communityCode: YULIN_COMMUNITY,
    };
    for (const caseId of ids) {
      await insertStartedCase(dataSource, schema, { caseId, ...place });
      await client.workflow.start('helpRequest', {
        workflowId: caseId,
        taskQueue: unpolledQueue,
        args: [{}],
      });
      started.push(caseId);
    }
    const board = (caseId: string, cycle: number, state: string) =>
      dataSource.query(
        `INSERT INTO "${schema}".case_board (case_id, cycle, last_seq, state, owner, district_code, street_code,
           community_code, org_path, opened_at, provisional, breached, promise_waived, late_placement,
           last_event_type)
         VALUES ($1, $2, 1, $3, 'operator.wuhou', '510107', '510107003', $4, $5, now(), false, false, false, false,
           'hotline.case.opened')`,
        [caseId, cycle, state, YULIN_COMMUNITY, place.orgPath],
      );
    await board(open[0], 1, 'intake');
    await board(closed, 1, 'closed');
    // Closed once, then reopened: its latest cycle is open.
    await board(reopened, 1, 'closed');
    await board(reopened, 2, 'intake');
  });

  afterAll(async () => {
    for (const caseId of started)
      await client.workflow
        .getHandle(caseId)
        .terminate('spec done')
        .catch(() => undefined);
    await connection?.close();
    await service?.close();
  });

  const calendarEvent = (id = randomUUID()): EventEnvelope =>
    ({
      id,
      type: CALENDAR_YEAR_LOADED,
      version: 1,
      occurredAt: new Date(0).toISOString(),
      source: 'hotline',
      subject: '2026',
      correlationId: randomUUID(),
      causationId: null,
      data: { year: 2026, calendarVersion: `v-${id.slice(0, 8)}`, changedDates: ['2026-12-29'] },
    }) as EventEnvelope;

  /** As the consumer applies it: inside the event's inbox transaction. */
  const deliver = (event: EventEnvelope) =>
    service.dataSource.transaction((manager) => consumers.calendarChanged(event, manager));

  async function signalsTo(caseId: string): Promise<number> {
    const { events } = await client.workflow.getHandle(caseId).fetchHistory();
    return (events ?? []).filter(
      (event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged',
    ).length;
  }
  const signalCounts = () => Promise.all(ids.map(signalsTo));
  const progressOf = async (eventId: string) =>
    (
      await service.dataSource.query(
        `SELECT last_case_id AS "lastCaseId", signalled, pages, finished_at IS NOT NULL AS finished
           FROM "${service.schema}".calendar_signal_progress WHERE event_id = $1`,
        [eventId],
      )
    )[0];

  it('signals every open case once, page by page, and no closed case', async () => {
    const event = calendarEvent();
    await deliver(event);

    // open[0..6] and the reopened case: one signal each; the closed case none.
    expect(await signalCounts()).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 1]);
    expect(await progressOf(event.id)).toEqual({
      lastCaseId: reopened,
      signalled: 8,
      pages: 3,
      finished: true,
    });

    // Delivered again (Kafka's at-least-once) after it finished: nothing is sent twice.
    await deliver(event);
    expect(await signalCounts()).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 1]);
  });

  it('a redelivered event resumes after the last page whose progress was committed', async () => {
    const event = calendarEvent();
    // As a crash would leave it: the first page (open[0..2]) signalled and committed, the rest not.
    await service.dataSource.query(
      `INSERT INTO "${service.schema}".calendar_signal_progress (event_id, calendar_version, last_case_id, signalled, pages)
       VALUES ($1, $2, $3, 3, 1)`,
      [event.id, event.data.calendarVersion, open[2]],
    );
    const before = await signalCounts();

    await deliver(event);

    const after = await signalCounts();
    expect(after.map((count, i) => count - before[i])).toEqual([0, 0, 0, 1, 1, 1, 1, 0, 1]);
    expect(await progressOf(event.id)).toMatchObject({ signalled: 8, pages: 3, finished: true });
  });
});
