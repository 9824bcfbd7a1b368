import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '@platform/testing';
import { as, caseIntake, caseReader, Platform, startPlatform } from './support/platform';

interface BoardRow {
  caseId: string;
  escalationKind: string | null;
  reasons: string[];
}

// A supervisor escalates a case from the board instead of waiting for the escalation milestone: the hotline's
// POST /cases/{id}/escalate → the case workflow's escalateNow (worker process) → a reservation in employers →
// the escalated event back on the board.
describe('escalate now from the board, end to end on the real platform', () => {
  let platform: Platform;
  const hotline = () => request(platform.urls.hotline);
  let caseUntil: ReturnType<typeof caseReader>['caseUntil'];

  beforeAll(async () => {
    platform = await startPlatform();
    ({ caseUntil } = caseReader(platform));
  }, 180_000);
  afterAll(() => platform?.close(), 60_000);

  it('reserves a place at once, records who asked and why, and the board shows the escalation', async () => {
    const { operator, supervisor } = platform.tokens;
    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send(caseIntake(7301))
      .expect(201);
    const caseId: string = opened.body.caseId;
    await caseUntil(caseId, 'the case is registered', (body) => body.state === 'registered');

    // Operators may not escalate now; the reason is required.
    await hotline()
      .post(`/cases/${caseId}/escalate`)
      .set(as(operator))
      .send({ reason: '想立即兜底' })
      .expect(403);
    await hotline().post(`/cases/${caseId}/escalate`).set(as(supervisor)).send({}).expect(400);

    const reason = '求助人家庭困难，岗位推荐无果，督导决定立即兜底';
    const escalated = await hotline()
      .post(`/cases/${caseId}/escalate`)
      .set(as(supervisor))
      .send({ reason })
      .expect(200);
    expect(escalated.body).toMatchObject({ state: 'escalated', escalation: { kind: expect.any(String) } });
    const kind = escalated.body.escalation.kind as string;
    expect(['welfare_slot', 'assistance_base']).toContain(kind);

    const detail = await caseUntil(caseId, 'the escalation is in the timeline', (body) =>
      body.timeline.some((entry) => entry.kind === 'escalation'),
    );
    const entry = detail.timeline.find((e) => e.kind === 'escalation')!;
    expect(entry.actor).toBe('supervisor.city');
    expect(JSON.stringify(entry)).toContain(reason);

    // Once per cycle: a second escalation is refused by the workflow's rules.
    await hotline().post(`/cases/${caseId}/escalate`).set(as(supervisor)).send({ reason }).expect(409);

    let row: BoardRow | undefined;
    await eventually(
      'the board shows the escalation',
      async () => {
        const board = await hotline().get('/board').query({ limit: 100 }).set(as(supervisor));
        row = (board.body.items as BoardRow[] | undefined)?.find((item) => item.caseId === caseId);
        return row?.escalationKind === kind;
      },
      60_000,
    );
    expect(row!.reasons).not.toContain('escalation-failed');
  });
});
