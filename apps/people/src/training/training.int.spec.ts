import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { CaseEventTypes, CaseSnapshot, EventEnvelope, Topics } from '@platform/contracts';
import { FixedClock } from '@platform/nest-kit';
import { createKafka, createReliableProducer } from '@platform/outbox';
import { TestServiceApp } from '@platform/service-testing';
import { eventually, kafkaBrokers } from '@platform/testing';
import { PeopleConfig } from '../config';
import { CaseEmploymentConsumer } from '../employment/case-employment.consumer';
import {
  COMMUNITY_A,
  idNumber,
  JINJIANG_COMMUNITY,
  mobile,
  registration,
  startPeople,
  tokenFor,
  WUHOU,
} from '../testing/people-test-app';

const CITY = '510100';
const JINJIANG = '510100/510104';
const DAY_MS = 86_400_000;

/** Providers, courses, referrals, the enrolment's steps and the KPIs, on the real Postgres and Kafka. */
describe('training: courses, referral with its service record, enrolment steps, KPIs (real stack)', () => {
  let service: TestServiceApp<PeopleConfig>;
  let producer: Producer;
  // "Today" is the service's clock: 2 March 2026, 10:00 in Chengdu. The KPIs move it on.
  const start = new Date('2026-03-02T02:00:00Z');
  const clock = new FixedClock(start);
  const tokens = {
    operator: tokenFor(['operator'], `${WUHOU}/510107001`, 'op-yulin'),
    operatorJinjiang: tokenFor(['operator'], JINJIANG, 'op-jinjiang'),
    supervisor: tokenFor(['supervisor'], WUHOU, 'sup-wuhou'),
    supervisorCity: tokenFor(['supervisor'], CITY, 'sup-city'),
    supervisorJinjiang: tokenFor(['supervisor'], JINJIANG, 'sup-jinjiang'),
    admin: tokenFor(['admin'], CITY, 'admin-1'),
  };
  type Who = keyof typeof tokens;
  const http = () => request(service.app.getHttpServer());
  const as = <T extends request.Test>(test: T, who: Who = 'operator') =>
    test.set('authorization', `Bearer ${tokens[who]}`);
  let sequence = 300;

  const register = async (older: boolean, community = COMMUNITY_A, who: Who = 'operator') => {
    const response = await as(http().post('/persons'), who)
      .send(
        registration({
          name: older ? '王大明' : '李小红',
          idNumber: idNumber(older ? '19800101' : '19960606', (sequence += 2), community.slice(0, 6)),
          phone: mobile(),
          communityCode: community,
          // Even sequence numbers: women. One of 46 out of work since last June is an older urban unemployed
          // person (a hardship category); one of 29 is in none.
          unemployment: { registeredOn: older ? '2025-06-01' : '2026-02-01', status: 'registered' },
        }),
      )
      .expect(201);
    return response.body.person.id as string;
  };
  const provider = async (unitCode: string, who: Who, name = '成都市职业技能培训中心') =>
    (await as(http().post('/training/providers'), who).send({ name, unitCode }).expect(201)).body
      .id as string;
  const courseBody = (providerId: string, overrides: Record<string, unknown> = {}) => ({
    providerId,
    title: '中式烹调师（初级）',
    occupation: '中式烹调师',
    level: 'primary',
    startsOn: '2026-03-02',
    endsOn: '2026-03-27',
    capacity: 20,
    freeForHardship: true,
    unitCode: '510107',
    ...overrides,
  });
  const course = async (providerId: string, who: Who, overrides: Record<string, unknown> = {}) =>
    (await as(http().post('/training/courses'), who).send(courseBody(providerId, overrides)).expect(201)).body
      .id as string;
  const refer = (courseId: string, personId: string, who: Who = 'operator') =>
    as(http().post(`/training/courses/${courseId}/referrals`), who).send({ personId });
  const step = (
    enrolmentId: string,
    action: string,
    body: Record<string, unknown> = {},
    who: Who = 'operator',
  ) => as(http().post(`/training/enrolments/${enrolmentId}/${action}`), who).send(body);

  /** A placement of the person as the hotline announces it, dated `at` (the consumer keeps the event's date). */
  const placed = async (personId: string, at: Date) => {
    const caseId = randomUUID();
    const snapshot = {
      caseId,
      cycle: 1,
      seq: 5,
      state: 'placed',
      owner: 'operator.wuhou',
      personId,
      districtCode: '510107',
      streetCode: '510107001',
      communityCode: COMMUNITY_A,
      openedAt: at.toISOString(),
      slaStartedAt: null,
      deadline: null,
      dueDate: null,
      provisional: false,
      breached: false,
      promiseWaived: false,
      placedAt: at.toISOString(),
      latePlacement: false,
      escalationKind: null,
      callbackDueAt: null,
      callbackDoneAt: null,
      satisfaction: null,
      nextFollowUpAt: null,
      reason: null,
    } satisfies CaseSnapshot;
    const envelope: EventEnvelope = {
      id: randomUUID(),
      type: CaseEventTypes.placed,
      version: 1,
      occurredAt: at.toISOString(),
      source: 'hotline',
      subject: caseId,
      correlationId: caseId,
      causationId: null,
      data: { snapshot, actor: 'operator.wuhou', detail: null },
    };
    await producer.send({
      topic: Topics.hotlineCase,
      acks: -1,
      messages: [{ key: caseId, value: JSON.stringify(envelope) }],
    });
    await eventually(
      `the placement of ${personId} is kept as an employment event`,
      async () =>
        (
          await service.dataSource.query(
            `SELECT 1 FROM "${service.schema}".employment_events WHERE person_id = $1 AND case_id = $2`,
            [personId, caseId],
          )
        ).length === 1,
      30_000,
    );
  };

  beforeAll(async () => {
    service = await startPeople({}, clock);
    producer = createReliableProducer(createKafka(`people-training-it-${service.schema}`, kafkaBrokers()));
    await producer.connect();
    await service.app.get(CaseEmploymentConsumer).whenStarted();
  }, 90_000);
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });
  beforeEach(() => clock.set(start));

  it('supervisors set up providers and courses for their own area; staff see their unit’s, those above and below', async () => {
    // Operators list and refer; they do not set up courses.
    await as(http().post('/training/providers'), 'operator')
      .send({ name: '某培训学校', unitCode: '510107' })
      .expect(403);
    const cityProvider = await provider(CITY, 'supervisorCity');
    const wuhouProvider = await provider('510107', 'supervisor', '武侯区就业训练中心');
    // Another district's unit is outside the Wuhou supervisor's area: 400 naming the field.
    const elsewhere = await as(http().post('/training/providers'), 'supervisor')
      .send({ name: '锦江培训', unitCode: '510104' })
      .expect(400);
    expect(elsewhere.body.errors[0]).toMatchObject({ field: 'unitCode', rule: 'withinScope' });

    // Text Postgres cannot store (a NUL character) is bad input, not a server error.
    const nul = await as(http().post('/training/providers'), 'supervisor')
      .send({ name: '培训\u0000学校', unitCode: '510107' })
      .expect(400);
    expect(nul.body.errors[0].field).toBe('name');
    const cityCourse = await course(cityProvider, 'supervisorCity', { unitCode: CITY, title: '养老护理员' });
    const wuhouCourse = await course(wuhouProvider, 'supervisor');
    // Bad input names the field, in both languages.
    const bad = await as(http().post('/training/courses'), 'supervisor')
      .send(courseBody(wuhouProvider, { capacity: 0, endsOn: '2026-02-30' }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['capacity']);
    const backwards = await as(http().post('/training/courses'), 'supervisor')
      .send(courseBody(wuhouProvider, { endsOn: '2026-03-01' }))
      .expect(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'endsOn', rule: 'notBeforeStart' });
    expect(backwards.body.errors[0].message.zh).toContain('开课日期');
    const impossible = await as(http().post('/training/courses'), 'supervisor')
      .send(courseBody(wuhouProvider, { endsOn: '2026-02-30' }))
      .expect(400);
    expect(impossible.body.errors[0]).toMatchObject({ field: 'endsOn', rule: 'date' });

    // A Wuhou operator sees the city's course and the district's; a Jinjiang operator only the city's.
    const listed = async (who: Who) =>
      (await as(http().get('/training/courses').query({ limit: 100 }), who).expect(200)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await listed('operator')).toEqual(expect.arrayContaining([cityCourse, wuhouCourse]));
    const jinjiang = await listed('operatorJinjiang');
    expect(jinjiang).toContain(cityCourse);
    expect(jinjiang).not.toContain(wuhouCourse);
    await as(http().get(`/training/courses/${wuhouCourse}`), 'operatorJinjiang').expect(404);
    const shown = await as(http().get(`/training/courses/${wuhouCourse}`)).expect(200);
    expect(shown.body).toMatchObject({
      provider: { id: wuhouProvider, name: '武侯区就业训练中心' },
      unitCode: '510107',
      capacity: 20,
      placesTaken: 0,
      placesLeft: 20,
      freeForHardship: true,
    });

    // Only the unit that runs a course (or one above it) changes it.
    await as(http().patch(`/training/courses/${cityCourse}`), 'supervisor')
      .send({ capacity: 30 })
      .expect(403);
    await as(http().patch(`/training/courses/${cityCourse}`), 'supervisorJinjiang')
      .send({ capacity: 30 })
      .expect(403);
    await as(http().patch(`/training/courses/${wuhouCourse}`), 'supervisorJinjiang')
      .send({ capacity: 30 })
      .expect(404);
    const changed = await as(http().patch(`/training/courses/${wuhouCourse}`), 'supervisorCity')
      .send({ capacity: 25 })
      .expect(200);
    expect(changed.body.capacity).toBe(25);
    await as(http().patch(`/training/providers/${wuhouProvider}`), 'supervisor')
      .send({ name: '武侯区职业技能培训中心' })
      .expect(200);

    // Every write is audited with who made it.
    const audit = await service.dataSource.query(
      `SELECT action, actor_id FROM "${service.schema}".training_audit WHERE course_id = $1 ORDER BY seq`,
      [wuhouCourse],
    );
    expect(audit).toEqual([
      { action: 'course-created', actor_id: 'sup-wuhou' },
      { action: 'course-updated', actor_id: 'sup-city' },
    ]);
  });

  it('a referral writes the enrolment and the person’s training-referral record together; duplicates and full courses are refused', async () => {
    const providerId = await provider('510107', 'supervisor', '武侯区家政培训学校');
    const courseId = await course(providerId, 'supervisor', { capacity: 1, title: '家政服务员' });
    const older = await register(true);
    const younger = await register(false);

    const referred = await refer(courseId, older).expect(201);
    expect(referred.body).toMatchObject({
      courseId,
      personId: older,
      personName: '王大明',
      status: 'referred',
      freePlace: true,
      referralConfirmed: false,
      enrolledAt: null,
    });
    expect(referred.body.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(referred.body.referredAt).toBe(start.toISOString());
    // The service record is the person's, pending their confirmation: what "3+1" counts once confirmed.
    const records = await as(http().get(`/persons/${older}/service-records`)).expect(200);
    const record = records.body.items.find((r: { id: string }) => r.id === referred.body.serviceRecordId);
    expect(record).toMatchObject({ kind: 'training-referral', confirmation: null, staffId: 'op-yulin' });
    expect(record.outcome).toContain('家政服务员');
    const progress = await as(http().get(`/persons/${older}/three-plus-one`)).expect(200);
    expect(progress.body.unconfirmedTrainingReferrals).toBe(1);

    // The same person twice: 409 naming the rule.
    const twice = await refer(courseId, older).expect(409);
    expect(twice.body.errors[0]).toMatchObject({ field: 'personId', rule: 'onePerCourse' });
    expect(twice.body.detail).toMatch(/already been referred.*重复推荐/);
    // A young person with no hardship category does not get a free place.
    // Referred a minute later: the course page lists enrolments in the order referred.
    clock.set(new Date(start.getTime() + 60_000));
    const second = await refer(courseId, younger).expect(201);
    expect(second.body.freePlace).toBe(false);

    // One place: the first enrols, the second cannot, and nobody else can be referred.
    await step(referred.body.id, 'enrol').expect(200);
    const noPlace = await step(second.body.id, 'enrol').expect(409);
    expect(noPlace.body.errors[0]).toMatchObject({ rule: 'capacity' });
    const third = await register(false);
    const fullCourse = await refer(courseId, third).expect(409);
    expect(fullCourse.body.errors[0]).toMatchObject({ field: 'courseId', rule: 'capacity' });
    expect(fullCourse.body.detail).toMatch(/full.*课程已满/);
    // A refused referral left nothing behind: no enrolment, no service record.
    const left = await service.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${service.schema}".training_enrolments WHERE person_id = $1) AS enrolments,
         (SELECT count(*)::int FROM "${service.schema}".service_records WHERE person_id = $1
            AND kind = 'training-referral') AS records`,
      [third],
    );
    expect(left[0]).toEqual({ enrolments: 0, records: 0 });

    // Bad input names the field; another district's person or course is not found.
    const badPerson = await as(http().post(`/training/courses/${courseId}/referrals`))
      .send({ personId: 'nobody' })
      .expect(400);
    expect(badPerson.body.errors[0].field).toBe('personId');
    const jinjiangPerson = await register(false, JINJIANG_COMMUNITY, 'operatorJinjiang');
    await refer(courseId, jinjiangPerson).expect(404);
    await refer(courseId, older, 'operatorJinjiang').expect(404);
    await step(referred.body.id, 'drop', { reason: '搬家' }, 'operatorJinjiang').expect(404);

    // The course page's list: names and masked phones, in the order referred.
    const page = await as(http().get(`/training/courses/${courseId}/enrolments`)).expect(200);
    expect(
      page.body.items.map((e: { personName: string; status: string }) => [e.personName, e.status]),
    ).toEqual([
      ['王大明', 'enrolled'],
      ['李小红', 'referred'],
    ]);
    expect(JSON.stringify(page.body)).not.toMatch(/1\d{10}/);
  });

  it('enrolment, attendance, completion with certificate and drop: each step checked, impossible steps refused', async () => {
    const providerId = await provider('510107', 'supervisor', '武侯区电工培训学校');
    const courseId = await course(providerId, 'supervisor', {
      title: '电工（初级）',
      freeForHardship: false,
    });
    const [a, b] = [await register(true), await register(false)];
    const first = (await refer(courseId, a).expect(201)).body;
    expect(first.freePlace).toBe(false); // the course is not free for hardship groups
    const second = (await refer(courseId, b).expect(201)).body;

    const early = await step(first.id, 'completion', { passed: true, certificateNo: 'ZS-2026-001' }).expect(
      409,
    );
    expect(early.body.errors[0]).toMatchObject({ rule: 'statusTransition' });
    expect(early.body.errors[0].message.zh).toContain('已推荐');
    await step(first.id, 'attendance', { on: '2026-03-02', present: true }).expect(409);
    await step(first.id, 'enrol').expect(200);
    await step(first.id, 'enrol').expect(409);

    // Attendance: a day of the course, not after today; a second mark for a day corrects the first.
    const outside = await step(first.id, 'attendance', { on: '2026-04-01', present: true }).expect(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'on', rule: 'withinCourse' });
    const future = await step(first.id, 'attendance', { on: '2026-03-05', present: true }).expect(400);
    expect(future.body.errors[0]).toMatchObject({ field: 'on', rule: 'notInFuture' });
    clock.set(new Date('2026-03-04T10:00:00Z'));
    await step(first.id, 'attendance', { on: '2026-03-02', present: true }).expect(200);
    await step(first.id, 'attendance', { on: '2026-03-03', present: true }).expect(200);
    const corrected = await step(first.id, 'attendance', { on: '2026-03-03', present: false }).expect(200);
    expect(corrected.body.attendance).toEqual({ daysPresent: 1, daysAbsent: 1 });
    await step(first.id, 'attendance', { on: '2026-03-04', present: 'yes' }).expect(400);

    // Completion: a pass needs its certificate number, a fail has none.
    const noCertificate = await step(first.id, 'completion', { passed: true }).expect(400);
    expect(noCertificate.body.errors[0]).toMatchObject({
      field: 'certificateNo',
      rule: 'requiredWhenPassed',
    });
    const failWithCertificate = await step(first.id, 'completion', {
      passed: false,
      certificateNo: 'X',
    }).expect(400);
    expect(failWithCertificate.body.errors[0]).toMatchObject({
      field: 'certificateNo',
      rule: 'onlyWhenPassed',
    });
    clock.set(new Date('2026-03-27T08:00:00Z'));
    const done = await step(first.id, 'completion', { passed: true, certificateNo: 'ZS-2026-001' }).expect(
      200,
    );
    expect(done.body).toMatchObject({
      status: 'completed',
      passed: true,
      certificateNo: 'ZS-2026-001',
      completedAt: '2026-03-27T08:00:00.000Z',
    });
    await step(first.id, 'drop', { reason: '不想学了' }).expect(409);

    // Drop: with a reason (blank refused); a dropped enrolment takes no further step.
    const blank = await step(second.id, 'drop', { reason: '   ' }).expect(400);
    expect(blank.body.errors[0].field).toBe('reason');
    const dropped = await step(second.id, 'drop', { reason: '已自行找到工作' }).expect(200);
    expect(dropped.body).toMatchObject({ status: 'dropped', dropReason: '已自行找到工作' });
    await step(second.id, 'enrol').expect(409);

    const audit = await service.dataSource.query(
      `SELECT action, actor_id FROM "${service.schema}".training_audit WHERE enrolment_id = $1 ORDER BY seq`,
      [first.id],
    );
    expect(audit.map((row: { action: string }) => row.action)).toEqual([
      'referred',
      'enrolled',
      'attendance',
      'attendance',
      'attendance',
      'completed',
    ]);
    expect(audit.every((row: { actor_id: string }) => row.actor_id === 'op-yulin')).toBe(true);
  });

  it('KPIs per provider, unit and course against the 90 % targets; employment counted only once the 6 months are over', async () => {
    const providerId = await provider('510107', 'supervisor', '武侯区KPI培训学校');
    const other = await provider('510107', 'supervisor', '武侯区第二培训学校');
    const courseId = await course(providerId, 'supervisor', { title: '育婴员' });
    const perfect = await course(other, 'supervisor', { title: '保育员' });
    const persons = [];
    for (let i = 0; i < 5; i++) persons.push(await register(i % 2 === 0));
    const enrolments = [];
    for (const personId of persons) enrolments.push((await refer(courseId, personId).expect(201)).body.id);
    const onPerfect = (await refer(perfect, persons[0]).expect(201)).body.id;
    // Four enrol and complete (three pass, one fails), one never enrols.
    for (const id of [...enrolments.slice(0, 4), onPerfect]) await step(id, 'enrol').expect(200);
    const completedAt = new Date('2026-03-27T08:00:00Z');
    clock.set(completedAt);
    for (const [i, id] of enrolments.slice(0, 4).entries()) {
      await step(
        id,
        'completion',
        i < 3 ? { passed: true, certificateNo: `YY-${i}` } : { passed: false },
      ).expect(200);
    }
    await step(onPerfect, 'completion', { passed: true, certificateNo: 'BY-1' }).expect(200);
    // Employment: one placed two months after completing, one eight months after (too late), one before.
    await placed(persons[1], new Date(completedAt.getTime() + 60 * DAY_MS));
    await placed(persons[2], new Date(completedAt.getTime() + 240 * DAY_MS));
    await placed(persons[3], new Date(completedAt.getTime() - 10 * DAY_MS));

    const report = async (who: Who = 'supervisor') =>
      (
        await as(http().get('/training/kpis').query({ from: '2026-03-01', to: '2026-03-31' }), who).expect(
          200,
        )
      ).body;
    const byProvider = (body: { byProvider: Array<{ providerId: string; kpis: unknown }> }, id: string) =>
      body.byProvider.find((group) => group.providerId === id)?.kpis;

    // Three months on: no window has closed, so the employment rate measures nothing yet.
    clock.set(new Date(completedAt.getTime() + 90 * DAY_MS));
    const early = await report();
    expect(byProvider(early, providerId)).toMatchObject({
      referred: 5,
      enrolled: 4,
      completed: 4,
      passed: 3,
      passRate: { rate: 0.75, target: 0.9, met: false },
      employmentWindowClosed: 0,
      employedAfterTrainingRate: { rate: null, met: null },
      employedSoFarWindowOpen: 1,
    });
    expect(byProvider(early, other)).toMatchObject({ passRate: { rate: 1, met: true } });

    // Nine months on: every window is over; only the placement inside the 6 months counts.
    clock.set(new Date(completedAt.getTime() + 270 * DAY_MS));
    const late = await report();
    expect(byProvider(late, providerId)).toMatchObject({
      employmentWindowClosed: 4,
      employedAfterTraining: 1,
      employedAfterTrainingRate: { rate: 0.25, numerator: 1, denominator: 4, met: false },
    });
    const wuhouUnit = late.byUnit.find((group: { unitCode: string }) => group.unitCode === '510107');
    // Every referral of this spec is on a course run by Wuhou: the unit's figures are the total's, and the
    // providers' add up to them.
    expect(wuhouUnit.kpis).toEqual(late.total);
    expect(late.total.referred).toBeGreaterThanOrEqual(6);
    expect(
      late.byProvider.reduce((sum: number, g: { kpis: { referred: number } }) => sum + g.kpis.referred, 0),
    ).toBe(late.total.referred);
    expect(late.byCourse.find((g: { courseId: string }) => g.courseId === perfect).kpis.passRate.met).toBe(
      true,
    );
    // The course page's KPIs are the same figures for its enrolments.
    const perCourse = await as(http().get(`/training/courses/${courseId}/kpis`)).expect(200);
    expect(perCourse.body).toMatchObject({ referred: 5, completed: 4, employedAfterTraining: 1 });

    // Another district sees none of Wuhou's referrals; a period before them is empty.
    expect(byProvider(await report('supervisorJinjiang'), providerId)).toBeUndefined();
    const before = await as(
      http().get('/training/kpis').query({ from: '2026-01-01', to: '2026-02-28' }),
      'supervisor',
    ).expect(200);
    expect(before.body.total).toMatchObject({ referred: 0, passRate: { rate: null, met: null } });
    const backwards = await as(
      http().get('/training/kpis').query({ from: '2026-03-31', to: '2026-03-01' }),
      'supervisor',
    ).expect(400);
    expect(backwards.body.errors[0]).toMatchObject({ field: 'to', rule: 'notBeforeFrom' });
    const outside = await as(
      http().get('/training/kpis').query({ from: '2026-03-01', to: '2026-03-31', unitCode: '510104' }),
      'supervisor',
    ).expect(400);
    expect(outside.body.errors[0]).toMatchObject({ field: 'unitCode', rule: 'withinScope' });
  });
});
