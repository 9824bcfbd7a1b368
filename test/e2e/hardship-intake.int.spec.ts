import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { temporalAddress } from '@platform/testing';
import { formatDay, parseDay, shanghaiDateOf } from '@platform/calendar';
import { SearchAttributes } from '@platform/contracts';
// The hotline's calendar tells which past days were working days (see support/platform.ts on the imports).
/* eslint-disable @nx/enforce-module-boundaries */
import { CalendarService } from '../../apps/hotline/src/calendar/calendar.service';
import { idNumber, mobile } from '../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */
import { as, caseIntake, caseReader, Platform, startPlatform } from './support/platform';

/** yyyy-mm-dd `months` calendar months before `day` (clamped to the month's last day). */
function monthsBefore(day: string, months: number): string {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(dayOfMonth, last));
  return first.toISOString().slice(0, 10);
}

// The caller the hardship rules exist for, through every service: a 52-year-old man of Wuhou, unemployed for
// 8 months, on 低保, holding a disability certificate, who accepts any job. The intake carries what makes him a
// hardship case → people registers the categories → nothing on the market places him → the promise's
// escalation reserves a public-welfare slot (only a person with a category gets one) → he starts there → the
// callback falls due. Dates are relative to the day the spec runs, so the outcome is the same on any day.
describe('a hardship caller from intake to the callback, on the real platform', () => {
  let platform: Platform;
  const hotline = () => request(platform.urls.hotline);

  let getCase: ReturnType<typeof caseReader>['getCase'];
  let caseUntil: ReturnType<typeof caseReader>['caseUntil'];

  beforeAll(async () => {
    platform = await startPlatform();
    ({ getCase, caseUntil } = caseReader(platform));
  }, 180_000);
  afterAll(() => platform?.close(), 60_000);

  /** The caller, keyed in late: received 5 working days ago, so the promise's milestones (escalation included) are due. */
  async function hardshipCaller(acceptsAnyJob: boolean) {
    const today = shanghaiDateOf(new Date());
    const calendar = await platform.hotline.app.get(CalendarService).current();
    let day = parseDay(today);
    for (let workingDays = 0; workingDays < 5;) if (calendar.isWorkingDay(formatDay(--day))) workingDays++;
    const base = caseIntake(0);
    return {
      ...base,
      person: {
        ...base.person,
        name: '王五',
        // Born on 1 January 52 years ago; an odd sequence number: a man.
        idNumber: idNumber(`${Number(today.slice(0, 4)) - 52}0101`, 531, '510107'),
        phone: mobile(),
        disabilityCertificateNo: CERTIFICATE,
        unemployment: { registeredOn: monthsBefore(today, 8), status: 'registered' as const },
        circumstances: { minimumLivingAllowance: true },
      },
      wants: '什么工作都可以',
      acceptsAnyJob,
      receivedAt: `${formatDay(day)}T10:00:00+08:00`,
    };
  }
  const CERTIFICATE = '51010719730101153142';

  /** The case's workflow history so far. */
  async function historyOf(caseId: string) {
    const connection = await Connection.connect({ address: temporalAddress() });
    try {
      return (await new Client({ connection }).workflow.getHandle(caseId).fetchHistory()).events ?? [];
    } finally {
      await connection.close();
    }
  }
  type HistoryEvents = Awaited<ReturnType<typeof historyOf>>;
  /** The activity types a history scheduled (the names are not encrypted). */
  const activitiesScheduled = (events: HistoryEvents): string[] =>
    events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
  /** The case status it started with, then each one its workflow upserted (search attributes are not encrypted). */
  const statusesOnServer = (events: HistoryEvents): string[] =>
    events.flatMap((e) => {
      const fields =
        e.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ??
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      const status = fields?.[SearchAttributes.caseStatus]?.data;
      return status ? [JSON.parse(Buffer.from(status).toString()) as string] : [];
    });

  it('registers 低保 and disability, escalates to a welfare slot, places him there and calls back', async () => {
    const { operator } = platform.tokens;
    const certificate = CERTIFICATE;
    const intake = await hardshipCaller(true);

    // 1. Intake with his circumstances: answered at once, nothing personal in the answer.
    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send(intake)
      .expect(201);
    const caseId: string = opened.body.caseId;
    expect(JSON.stringify(opened.body)).not.toContain(certificate);

    // 2. People registered what he said: 低保, the certificate and the 8 months make the categories.
    const registered = await caseUntil(caseId, 'the person is registered', (body) => !!body.view?.personId);
    expect(registered.view!.categories).toEqual(
      expect.arrayContaining(['minimum-living-allowance', 'disabled', 'older-urban-unemployed']),
    );
    const person = await request(platform.urls.people)
      .get(`/persons/${registered.view!.personId}`)
      .set(as(operator))
      .expect(200);
    expect(person.body.categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['minimum-living-allowance', 'disabled']),
    );
    expect(JSON.stringify(person.body)).not.toContain(certificate);
    // The hotline had people register him while the operator was on the call: the case never asked for it.
    const history = await historyOf(caseId);
    expect(activitiesScheduled(history)).not.toContain('registerForCase');
    // It started as registered, so registering it upserted nothing (any later upsert is a later state).
    const statuses = statusesOnServer(history);
    expect(statuses[0]).toBe('registered');
    expect(statuses.slice(1)).not.toContain('registered');

    // 3. No market placement (no referral); the escalation reserves a slot in Wuhou's public-welfare pool.
    const escalated = await caseUntil(caseId, 'the case escalated', (body) => body.state === 'escalated');
    expect(escalated.view!.referrals).toEqual([]);
    expect(escalated.view!.escalation).toMatchObject({
      kind: 'welfare_slot',
      targetId: platform.demo.welfarePoolId,
    });

    // 4. He started at the post on the day the escalation fell due: the case is placed through it.
    const escalation = escalated.timeline.find((entry) => entry.kind === 'escalation')!;
    // The timeline names where: the pool's name as the employers service gave it, not its id.
    expect(escalation.facts?.targetName).toEqual(expect.any(String));
    expect((escalation as { text?: { zh: string } }).text?.zh).toContain(escalation.facts!.targetName!);
    const startedOn = shanghaiDateOf(new Date(escalation.dueAt!));
    await hotline()
      .post(`/cases/${caseId}/escalation/start`)
      .set(as(operator))
      .send({ startedOn })
      .expect(201);

    // 5. The callback one working day after the start is already due: the case waits for it.
    // (The view and the timeline are two workflow queries: wait until both show the callback.)
    const calledBack = await caseUntil(
      caseId,
      'the callback is due',
      (body) =>
        body.state === 'callback' &&
        body.timeline.some((entry) => entry.kind === 'transition' && entry.to === 'callback'),
    );
    expect(calledBack.view!.callback).toMatchObject({ dueAt: expect.any(String), doneAt: null });
    expect(calledBack.timeline.filter((e) => e.kind === 'transition').map((e) => e.to)).toEqual(
      expect.arrayContaining(['registered', 'escalated', 'placed', 'callback']),
    );
    await hotline()
      .post(`/cases/${caseId}/callback`)
      .set(as(operator))
      .send({ reached: true, working: true, satisfaction: 4, note: '已在公益性岗位上岗' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const done = await getCase(caseId);
    expect(done.view!.callback).toMatchObject({ doneAt: expect.any(String), satisfaction: 4 });
    // His personal data stays in the intake: not in the case view or its timeline.
    for (const value of [certificate, intake.person.idNumber, intake.person.phone]) {
      expect(JSON.stringify(done)).not.toContain(value);
    }
  }, 180_000);

  it('the same caller picking and choosing: promise not applicable, no escalation and no breach, still worked', async () => {
    const { operator } = platform.tokens;
    const intake = await hardshipCaller(false);
    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send(intake)
      .expect(201);
    const caseId: string = opened.body.caseId;

    // Registered with the same categories: the promise's timers would all be due now if it applied.
    const registered = await caseUntil(caseId, 'the person is registered', (body) => !!body.view?.personId);
    expect(registered.view!.categories).toEqual(
      expect.arrayContaining(['minimum-living-allowance', 'disabled', 'older-urban-unemployed']),
    );
    // An operator's contact is an update the workflow answers after every timer already due has fired.
    await hotline()
      .post(`/cases/${caseId}/contacts`)
      .set(as(operator))
      .send({ channel: 'phone', reached: true, note: '只想做文员，其他不考虑' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const worked = await caseUntil(caseId, 'the contact is on the timeline', (body) =>
      body.timeline.some((entry) => entry.kind === 'contact'),
    );
    expect(worked.view!.promise).toBe('not-applicable');
    expect(worked.state).toBe('registered');
    expect(worked.view!.escalation).toBeNull();
    expect(worked.view!.sla?.breached ?? false).toBe(false);
    const kinds = worked.timeline.map((entry) => entry.kind);
    for (const kind of ['escalation', 'escalation-failed', 'sla-breach', 'sla-warning'] as const)
      expect(kinds).not.toContain(kind);

    // The operator's list says the same.
    const list = await hotline().get('/cases').set(as(operator)).expect(200);
    const items: Array<{ caseId: string; promise?: string }> = list.body.items ?? list.body;
    expect(items.find((item) => item.caseId === caseId)?.promise).toBe('not-applicable');
  }, 180_000);
});
