import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { eventually } from '@platform/testing';
import type { CaseDetail } from '@platform/contracts';
import { as, caseIntake, caseReader, Platform, shanghaiDay, startPlatform } from './support/platform';

interface BoardRow {
  caseId: string;
  state: string;
  placedAt: string | null;
  latePlacement: boolean;
  breached: boolean;
}

// One help request through every service over HTTP: hotline → workflow worker (its own process) → people,
// jobs (and Kafka back to the hotline) → the supervisors' board.
describe('a help request end to end on the real platform', () => {
  let platform: Platform;
  const hotline = () => request(platform.urls.hotline);
  const jobs = () => request(platform.urls.jobs);

  let getCase: ReturnType<typeof caseReader>['getCase'];
  let caseUntil: ReturnType<typeof caseReader>['caseUntil'];

  beforeAll(async () => {
    platform = await startPlatform();
    ({ getCase, caseUntil } = caseReader(platform));
  }, 180_000);
  afterAll(() => platform?.close(), 60_000);

  const referralStatus = (body: CaseDetail, referralId: string) =>
    body.view?.referrals.find((r) => r.referralId === referralId)?.status;

  it('opens, registers, matches, places within the SLA, takes the callback and shows on the board', async () => {
    const { operator, employer, supervisor } = platform.tokens;
    const { vacancyId } = platform.demo;
    const intake = caseIntake(1);

    // 1. Intake: answered at once, before the workflow has registered anyone.
    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send(intake)
      .expect(201);
    const caseId: string = opened.body.caseId;
    expect(opened.body).toMatchObject({ caseId: expect.any(String), state: 'intake' });
    expect(Date.parse(opened.body.deadline)).toBeGreaterThan(Date.parse(opened.body.openedAt));
    const { idNumber, phone } = intake.person;
    expect(JSON.stringify(opened.body)).not.toContain(idNumber);

    // 2. The worker registers the person in the people service.
    const registered = await caseUntil(
      caseId,
      'the case is registered',
      (body) => body.state === 'registered',
    );
    expect(registered.view?.personId).toEqual(expect.any(String));

    // 3. The operator proposes the vacancy; the workflow creates the referral in jobs.
    await hotline()
      .post(`/cases/${caseId}/referrals`)
      .set(as(operator))
      .send({ vacancyId })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const listed = await jobs().get('/referrals').query({ caseId }).set(as(operator)).expect(200);
    expect(listed.body.items).toHaveLength(1);
    const referralId: string = listed.body.items[0].id;
    expect(listed.body.items[0]).toMatchObject({
      vacancyId,
      personId: registered.view?.personId,
      status: 'proposed',
    });
    expect((await getCase(caseId)).state).toBe('matching');

    // 4. The employer accepts in the jobs portal; Kafka carries it to the hotline, which signals the case.
    await jobs().post(`/employer/referrals/${referralId}/accept`).set(as(employer)).expect(200);
    await caseUntil(
      caseId,
      'the employer acceptance reached the case',
      (body) => referralStatus(body, referralId) === 'employer_accepted',
    );

    // 5. The operator records the person's acceptance (the workflow records it in jobs).
    await hotline()
      .post(`/cases/${caseId}/referrals/${referralId}/person-answer`)
      .set(as(operator))
      .send({ answer: 'accepted' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    expect((await jobs().get(`/referrals/${referralId}`).set(as(operator)).expect(200)).body.status).toBe(
      'person_accepted',
    );

    // 6. The employer confirms the start in the portal → Kafka → the case is placed, within the SLA.
    await jobs()
      .post(`/employer/referrals/${referralId}/start`)
      .set(as(employer))
      .send({ startedOn: shanghaiDay() })
      .expect(200);
    const placed = await caseUntil(caseId, 'the case is placed', (body) => body.state === 'placed');
    const sla = placed.view!.sla!;
    expect(sla).toMatchObject({ placedAt: expect.any(String), latePlacement: false, breached: false });
    expect(Date.parse(sla.placedAt!)).toBeLessThan(Date.parse(sla.deadline));

    // 7. The callback: the workflow takes it while the case is placed, before it falls due (the dev server does
    //    not skip the working day to the due instant).
    await hotline()
      .post(`/cases/${caseId}/callback`)
      .set(as(operator))
      .send({ reached: true, working: true, satisfaction: 5, note: '已上岗，满意' })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const called = await getCase(caseId);
    expect(called.view?.callback).toMatchObject({ doneAt: expect.any(String), satisfaction: 5 });
    expect(called.timeline.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['registration', 'referral', 'answer', 'callback']),
    );
    expect(called.timeline.filter((entry) => entry.kind === 'transition').map((entry) => entry.to)).toEqual(
      expect.arrayContaining(['registered', 'matching', 'placed']),
    );
    // The timeline reads as sentences naming the job, never its id: the employer's acceptance as the employer's.
    const texts = (called.timeline as Array<{ kind: string; text?: { zh: string; en: string } }>).map(
      (entry) => entry.text?.zh ?? '',
    );
    expect(texts.some((text) => text.includes('推荐了岗位「保洁员」'))).toBe(true);
    expect(texts.some((text) => text.startsWith('用人单位同意接收求助人（岗位「保洁员」'))).toBe(true);
    expect(texts.join('\n')).not.toContain(vacancyId);

    // 8. The supervisors' board (fed by hotline.case.v1) shows the case placed within the SLA.
    let row: BoardRow | undefined;
    await eventually(
      'the board shows the placement',
      async () => {
        const board = await hotline().get('/board').query({ view: 'placed' }).set(as(supervisor));
        const rows: BoardRow[] = board.body.items ?? [];
        row = rows.find((candidate) => candidate.caseId === caseId);
        return !!row?.placedAt;
      },
      30_000,
    );
    expect(row).toMatchObject({ latePlacement: false, breached: false });
    // Personal data never leaves the intake: not in the case view, its timeline or the board.
    for (const shown of [JSON.stringify(called), JSON.stringify(row)]) {
      expect(shown).not.toContain(idNumber);
      expect(shown).not.toContain(phone);
    }
  }, 180_000);
});
