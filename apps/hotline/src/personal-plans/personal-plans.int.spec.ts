import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WHOLE_CITY } from '@platform/auth';
import { FixedClock } from '@platform/nest-kit';
import { PiiCipher } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { CallerCards } from '../cases/case-caller';
import { CasesRepository } from '../cases/cases.repository';
import { insertStartedCase, intakeBody, validIdNumber } from '../cases/testing/case-fixtures';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { PersonalPlansRepository } from './personal-plans.repository';

/**
 * Personal plans against the real Postgres, on the hotline's own clock (a fixed day): plans of cases in two
 * districts, the agenda's plan rows (overdue days counted on Shanghai days), closing items, reviews, the 409s
 * and the 400s naming the field, scope (404 outside the area) and the audit trail. Agreeing a plan needs a
 * registered person with a category from the case workflow: the console spec covers it on the whole platform.
 */
describe('personal plans (一人一策): API, agenda and audit on Postgres', () => {
  let service: TestServiceApp<HotlineConfig>;
  let operator: string;
  let supervisor: string;
  let jinjiangOperator: string;
  const http = () => request(service.app.getHttpServer());
  // "Today" for the hotline: 2026-03-20 in Shanghai, whatever day the spec runs.
  const TODAY = new Date('2026-03-20T02:00:00Z');

  const YULIN = { path: '510100/510107/510107003/510107003001', district: '510107', street: '510107003' };
  const JINJIANG = { path: '510100/510104/510104003/510104003001', district: '510104', street: '510104003' };

  beforeAll(async () => {
    service = await startHotline({}, new FixedClock(TODAY));
    const admin = await tokenFor(service, 'admin');
    await http()
      .post('/users')
      .set('authorization', `Bearer ${admin}`)
      .send({
        username: 'operator.plans.jj',
        displayName: '锦江计划专员',
        password: DEMO_PASSWORD,
        roles: ['operator'],
        orgCode: '510104003',
      })
      .expect(201);
    [operator, supervisor, jinjiangOperator] = await Promise.all([
      tokenFor(service, 'operator.wuhou'),
      tokenFor(service, 'supervisor.wuhou'),
      tokenFor(service, 'operator.plans.jj'),
    ]);
  }, 120_000);
  afterAll(async () => {
    await service?.close();
  });

  /** A started case with its caller's card, in an area, as `POST /cases` leaves one. */
  async function caseIn(area: typeof YULIN, name: string): Promise<string> {
    const caseId = randomUUID();
    await insertStartedCase(service.dataSource, service.schema, {
      caseId,
      orgPath: area.path,
      districtCode: area.district,
      streetCode: area.street,
      communityCode: area.path.split('/').pop()!,
    });
    const intake = intakeBody(
      {},
      { name, idNumber: validIdNumber(), communityCode: area.path.split('/').pop() },
    );
    const cards = new CallerCards(new PiiCipher(service.config), service.config.PII_BLIND_INDEX_KEY);
    await service.app
      .get(CasesRepository)
      .insertCaller(service.dataSource.manager, caseId, cards.store(caseId, intake as never));
    return caseId;
  }

  /** A plan in force for a new person on the case, with items (as `POST /cases/{id}/personal-plan` writes one). */
  async function planOn(
    caseId: string,
    items: Array<{ kind: string; description: string; dueOn: string; responsible: string }>,
    personId: string = randomUUID(),
  ): Promise<{ planId: string; personId: string }> {
    const repository = service.app.get(PersonalPlansRepository);
    const planId = randomUUID();
    await service.dataSource.transaction(async (manager) => {
      await repository.supersedeActive(manager, personId, WHOLE_CITY, planId, TODAY);
      const inserted = await repository.insertPlan(
        manager,
        {
          id: planId,
          personId,
          caseId,
          orgPath: '',
          agreedOn: '2026-03-01',
          agreementMethod: 'station',
          witnessMasked: '王**',
          goals: '半年内稳定就业',
          targetJob: '保洁员',
          expectedMonthlyIncomeYuan: 3000,
          categories: ['minimum-living-allowance'],
          agreedBy: 'operator.wuhou',
          agreedByUserId: randomUUID(),
          at: TODAY,
          contactSeenAt: null,
        },
        WHOLE_CITY,
      );
      expect(inserted).toBe(true);
      await repository.insertItems(
        manager,
        planId,
        items.map((item) => ({ id: randomUUID(), ...item }) as never),
        'operator.wuhou',
        TODAY,
      );
    });
    return { planId, personId };
  }

  const agenda = async (token: string, day: string) =>
    (await http().get('/cases/agenda').query({ day }).set('authorization', `Bearer ${token}`).expect(200))
      .body as {
      planItems: Array<{
        itemId: string;
        caseId: string;
        person: { name: string; phoneMasked: string } | null;
        kind: string;
        description: string;
        dueOn: string;
        responsibleName: string;
        daysOverdue: number;
        overdue: boolean;
      }>;
      planItemsWithinDays: number;
    };
  const plan = async (planId: string, token = operator, status = 200) =>
    (await http().get(`/personal-plans/${planId}`).set('authorization', `Bearer ${token}`).expect(status))
      .body;

  it('lists overdue and soon-due plan items on the agenda with the person’s name, masked phone and days late', async () => {
    const caseId = await caseIn(YULIN, '计划甲');
    const { planId } = await planOn(caseId, [
      {
        kind: 'job-recommendation',
        description: '推荐 3 个保洁岗位',
        dueOn: '2026-03-10',
        responsible: 'operator.wuhou',
      },
      {
        kind: 'training',
        description: '家政服务培训报名',
        dueOn: '2026-03-25',
        responsible: 'operator.wuhou',
      },
      {
        kind: 'counselling',
        description: '职业指导一次',
        dueOn: '2026-04-30',
        responsible: 'operator.wuhou',
      },
      {
        kind: 'policy-subsidy',
        description: '社保补贴申请',
        dueOn: '2026-03-12',
        responsible: 'supervisor.wuhou',
      },
    ]);
    const mine = (await agenda(operator, '2026-03-20')).planItems.filter((row) => row.caseId === caseId);
    // Overdue by 10 days, and due in 5 (within the week); the April item is not due yet; the supervisor's
    // item is not the operator's (they neither own the case nor answer for it).
    expect(mine.map((row) => [row.description, row.daysOverdue, row.overdue])).toEqual([
      ['推荐 3 个保洁岗位', 10, true],
      ['家政服务培训报名', -5, false],
    ]);
    expect(mine[0].person).toEqual({ name: '计划甲', phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/) });
    expect(mine[0].responsibleName).toBe('玉林街道就业专员（演示）');
    expect(JSON.stringify(mine)).not.toMatch(/139\d{8}/);
    // The supervisor sees the whole area's, their own item too.
    const theirs = (await agenda(supervisor, '2026-03-20')).planItems.filter((row) => row.caseId === caseId);
    expect(theirs.map((row) => row.description)).toEqual([
      '推荐 3 个保洁岗位',
      '社保补贴申请',
      '家政服务培训报名',
    ]);
    // Another district's operator sees none of it, and the plan does not exist for them.
    expect(
      (await agenda(jinjiangOperator, '2026-03-20')).planItems.some((row) => row.caseId === caseId),
    ).toBe(false);
    await plan(planId, jinjiangOperator, 404);
    // The days are the agenda day's: on 1 March nothing is overdue yet.
    expect((await agenda(operator, '2026-03-01')).planItems.filter((row) => row.caseId === caseId)).toEqual(
      [],
    );
    // The plan as the case page shows it, overdue counted on the hotline's today (20 March).
    const view = await plan(planId);
    expect(view.items.map((item: { daysOverdue: number }) => item.daysOverdue)).toEqual([10, -5, -41, 8]);
    expect(view.agreement).toEqual({ method: 'station', witnessMasked: '王**' });
  });

  it('reviews the plan at a contact: items closed or moved with a reason, who reviewed it and when, audited', async () => {
    const caseId = await caseIn(YULIN, '计划乙');
    const { planId } = await planOn(caseId, [
      {
        kind: 'job-recommendation',
        description: '推荐岗位',
        dueOn: '2026-03-10',
        responsible: 'operator.wuhou',
      },
      { kind: 'training', description: '参加培训', dueOn: '2026-03-15', responsible: 'operator.wuhou' },
      { kind: 'other', description: '办理就业登记证', dueOn: '2026-03-18', responsible: 'operator.wuhou' },
    ]);
    const items = (await plan(planId)).items as Array<{ id: string }>;
    const reviewed = await http()
      .post(`/personal-plans/${planId}/reviews`)
      .set('authorization', `Bearer ${operator}`)
      .send({
        note: '电话联系，本人已面试一家',
        items: [
          { itemId: items[0].id, status: 'done', outcome: '已推荐 3 个岗位' },
          { itemId: items[1].id, dueOn: '2026-04-15', reason: '培训班四月开班' },
        ],
      })
      .expect(201);
    expect(reviewed.body.lastReview).toEqual({
      at: TODAY.toISOString(),
      by: { username: 'operator.wuhou', name: '玉林街道就业专员（演示）' },
    });
    expect(reviewed.body.items.map((i: { status: string; dueOn: string }) => [i.status, i.dueOn])).toEqual([
      ['done', '2026-03-10'],
      ['open', '2026-04-15'],
      ['open', '2026-03-18'],
    ]);
    expect(reviewed.body.reviews[0]).toMatchObject({
      note: '电话联系，本人已面试一家',
      changes: [
        { itemId: items[0].id, status: 'done', outcome: '已推荐 3 个岗位' },
        { itemId: items[1].id, dueOn: '2026-04-15', previousDueOn: '2026-03-15', reason: '培训班四月开班' },
      ],
    });
    // The moved item is off the agenda; the one done too.
    const rows = (await agenda(operator, '2026-03-20')).planItems.filter((row) => row.caseId === caseId);
    expect(rows.map((row) => row.description)).toEqual(['办理就业登记证']);

    // Impossible steps: a done item cannot be done again, nor moved (409).
    await http()
      .post(`/personal-plans/${planId}/items/${items[0].id}/status`)
      .set('authorization', `Bearer ${operator}`)
      .send({ status: 'dropped', outcome: '不需要了' })
      .expect(409);
    await http()
      .post(`/personal-plans/${planId}/reviews`)
      .set('authorization', `Bearer ${operator}`)
      .send({ note: '再次复核', items: [{ itemId: items[0].id, dueOn: '2026-05-01', reason: '改期' }] })
      .expect(409);
    // Dropped with the reason, from the case page's button.
    const dropped = await http()
      .post(`/personal-plans/${planId}/items/${items[2].id}/status`)
      .set('authorization', `Bearer ${operator}`)
      .send({ status: 'dropped', outcome: '本人已自行办理' })
      .expect(200);
    expect(dropped.body.items[2]).toMatchObject({
      status: 'dropped',
      outcome: '本人已自行办理',
      closedBy: { username: 'operator.wuhou', name: '玉林街道就业专员（演示）' },
      daysOverdue: null,
    });

    const audit = await service.app.get(PersonalPlansRepository).auditOf(planId, WHOLE_CITY);
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['reviewed', 'operator.wuhou'],
      ['item-closed', 'operator.wuhou'],
    ]);
  });

  it('answers bad input with 400 naming the field in Chinese and English', async () => {
    const caseId = await caseIn(YULIN, '计划丙');
    const { planId } = await planOn(caseId, [
      { kind: 'training', description: '参加培训', dueOn: '2026-03-15', responsible: 'operator.wuhou' },
    ]);
    const itemId = (await plan(planId)).items[0].id as string;
    const fields = async (path: string, body: object) => {
      const answer = await http()
        .post(path)
        .set('authorization', `Bearer ${operator}`)
        .send(body)
        .expect(400);
      for (const error of answer.body.errors) {
        expect(error.message.zh).toContain(error.field);
        expect(error.message.en.length).toBeGreaterThan(0);
      }
      return answer.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    };
    expect(
      await fields(`/personal-plans/${planId}/reviews`, {
        note: '复核',
        items: [{ itemId, status: 'done' }],
      }),
    ).toEqual(['items.0.outcome:isDefined']);
    expect(
      await fields(`/personal-plans/${planId}/reviews`, {
        note: '复核',
        items: [{ itemId, dueOn: '2026-02-30', reason: 'x' }],
      }),
    ).toEqual(['items.0.dueOn:isRealDate']);
    expect(
      await fields(`/personal-plans/${planId}/items`, {
        kind: 'training',
        description: '公元零年',
        dueOn: '0000-01-01',
        responsible: 'operator.wuhou',
      }),
    ).toEqual(['dueOn:yearRange']);
    expect(
      await fields(`/personal-plans/${planId}/reviews`, {
        note: '复核',
        items: [{ itemId, dueOn: '2026-02-01', reason: '提前' }],
      }),
    ).toEqual(['items.0.dueOn:notBeforeAgreement']);
    expect(
      await fields(`/personal-plans/${planId}/reviews`, {
        note: '复核',
        items: [{ itemId: randomUUID(), status: 'done', outcome: '好' }],
      }),
    ).toEqual(['items.0.itemId:exists']);
    expect(
      await fields(`/personal-plans/${planId}/items`, {
        kind: 'training',
        description: '第二次培训',
        dueOn: '2026-04-01',
        responsible: 'operator.plans.jj',
      }),
    ).toEqual(['responsible:staffOfArea']);
    expect(
      await fields(`/personal-plans/${planId}/items`, {
        kind: 'massage',
        description: '',
        dueOn: '2026-04-01',
        responsible: 'operator.wuhou',
      }),
    ).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kind:/), expect.stringMatching(/^description:/)]),
    );
    expect(
      await fields(`/cases/${caseId}/personal-plan`, {
        agreedOn: '2026-03-21',
        agreement: { method: 'station' },
        goals: '就业',
        items: [
          { kind: 'training', description: '培训', dueOn: '2026-03-01', responsible: 'operator.wuhou' },
        ],
      }),
    ).toEqual([
      'agreedOn:notInFuture',
      'agreement.witnessName:isDefined',
      'items.0.dueOn:notBeforeAgreement',
    ]);
    expect(
      await fields(`/cases/${caseId}/personal-plan`, {
        agreedOn: '2026-03-05',
        agreement: { method: 'phone' },
        goals: '就业',
        items: [],
      }),
    ).toEqual(['items:arrayMinSize']);
    // No agreement at all, and a NUL character Postgres could not store: 400s, never a 500.
    expect(
      await fields(`/cases/${caseId}/personal-plan`, {
        agreedOn: '2026-03-05',
        goals: `就业${String.fromCharCode(0)}`,
        items: [
          { kind: 'training', description: '培训', dueOn: '2026-03-10', responsible: 'operator.wuhou' },
        ],
      }),
    ).toEqual(expect.arrayContaining(['agreement:isObject', 'goals:notContains']));
  });

  it('keeps a superseded agreement as history and refuses changes to it (409)', async () => {
    const caseId = await caseIn(YULIN, '计划丁');
    const first = await planOn(caseId, [
      { kind: 'training', description: '旧计划的培训', dueOn: '2026-03-15', responsible: 'operator.wuhou' },
    ]);
    const second = await planOn(
      caseId,
      [
        {
          kind: 'job-recommendation',
          description: '新计划的推荐',
          dueOn: '2026-03-16',
          responsible: 'operator.wuhou',
        },
      ],
      first.personId,
    );
    const old = await plan(first.planId);
    expect(old.status).toBe('superseded');
    await http()
      .post(`/personal-plans/${first.planId}/reviews`)
      .set('authorization', `Bearer ${operator}`)
      .send({ note: '复核旧计划', items: [] })
      .expect(409);
    await http()
      .post(`/personal-plans/${first.planId}/items`)
      .set('authorization', `Bearer ${operator}`)
      .send({ kind: 'other', description: '补充', dueOn: '2026-04-01', responsible: 'operator.wuhou' })
      .expect(409);
    // Only the plan in force is on the agenda.
    const rows = (await agenda(supervisor, '2026-03-20')).planItems.filter((row) => row.caseId === caseId);
    expect(rows.map((row) => row.description)).toEqual(['新计划的推荐']);
    expect((await plan(second.planId)).status).toBe('active');
    // A case in another district: outside the operator's area, its plan is not found.
    const elsewhere = await planOn(await caseIn(JINJIANG, '计划戊'), [
      { kind: 'other', description: '锦江的项目', dueOn: '2026-03-10', responsible: 'operator.plans.jj' },
    ]);
    await plan(elsewhere.planId, operator, 404);
    await http()
      .post(`/personal-plans/${elsewhere.planId}/reviews`)
      .set('authorization', `Bearer ${operator}`)
      .send({ note: '越权复核', items: [] })
      .expect(404);
    expect((await plan(elsewhere.planId, jinjiangOperator)).items[0].description).toBe('锦江的项目');
  });
});
