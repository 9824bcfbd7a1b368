import { eventually } from '@platform/testing';
import { caseIntake } from '../e2e/support/platform';
import type { Fixtures } from './fixtures';
import { call, must } from './http';
import { ok, Row } from './matrix';

/**
 * The hotline's personal plan (一人一策) routes. Two hardship callers of area A (低保, registered unemployed)
 * are opened by operator A and registered: plan A is agreed on the first one's case; the second one's case
 * takes the agreements of the allowed calls (each supersedes the one before, so plan A stays in force).
 * Operator B (锦江区) finds neither (404); employers and admins have no business with plans (403).
 */
interface PlanFixtures {
  /** A registered assistance target's case for new agreements. */
  agreementCase: string;
  planA: string;
  itemA: string;
}

const built = new WeakMap<Fixtures, Promise<PlanFixtures>>();

/** Fixed past days: an agreement may not be dated after the hotline's today, whatever day the matrix runs. */
const AGREED_ON = '2026-01-05';
const DUE_ON = '2026-01-20';

const agreement = (description: string) => ({
  agreedOn: AGREED_ON,
  agreement: { method: 'station', witnessName: '矩阵见证人' },
  goals: '矩阵测试：稳定就业',
  items: [{ kind: 'job-recommendation', description, dueOn: DUE_ON, responsible: 'operator.wuhou' }],
});

async function hardshipCase(fx: Fixtures): Promise<string> {
  const intake = caseIntake(8800 + fx.fresh.next());
  intake.person.unemployment = { registeredOn: '2025-12-01', status: 'registered' };
  intake.person.circumstances = { minimumLivingAllowance: true };
  const opened = await must<{ caseId: string }>(
    'opening a hardship case',
    fx.urls.hotline,
    'POST',
    '/cases',
    fx.tokens.operatorA,
    { headers: { 'Idempotency-Key': `authz-plan-${fx.fresh.next()}-${Date.now()}` }, body: intake },
  );
  await eventually(
    `hardship case ${opened.caseId} is registered with its categories`,
    async () => {
      const answer = await call(fx.urls.hotline, 'GET', '/cases/{id}', fx.tokens.operatorA, {
        params: { id: opened.caseId },
      });
      const view = answer.status === 200 ? JSON.parse(answer.text).view : null;
      return !!view?.personId && view.categories.length > 0;
    },
    60_000,
  );
  return opened.caseId;
}

async function build(fx: Fixtures): Promise<PlanFixtures> {
  const [planCase, agreementCase] = await Promise.all([hardshipCase(fx), hardshipCase(fx)]);
  const plan = await must<{ id: string; items: Array<{ id: string }> }>(
    'agreeing plan A',
    fx.urls.hotline,
    'POST',
    '/cases/{id}/personal-plan',
    fx.tokens.operatorA,
    { params: { id: planCase }, body: agreement('矩阵测试：推荐岗位') },
  );
  return { agreementCase, planA: plan.id, itemA: plan.items[0].id };
}

/** The plan fixtures, built once per matrix run. */
function plans(fx: Fixtures): Promise<PlanFixtures> {
  let fixtures = built.get(fx);
  if (!fixtures) {
    fixtures = build(fx);
    built.set(fx, fixtures);
  }
  return fixtures;
}

const planA = async (fx: Fixtures) => ({ params: { planId: (await plans(fx)).planA } });

export const PERSONAL_PLAN_ROWS: Record<string, Row> = {
  // The case's person's plan: staff of the case's area.
  'GET /cases/{id}/personal-plan': {
    expect: [401, ok, 404, ok, ok, 403, 403, 403],
    request: async (fx) => {
      await plans(fx);
      return { params: { id: fx.caseA } };
    },
  },
  'POST /cases/{id}/personal-plan': {
    expect: [401, ok, 404, ok, ok, 403, 403, 403],
    request: async (fx) => ({
      params: { id: (await plans(fx)).agreementCase },
      body: agreement('矩阵测试：新协议'),
    }),
  },
  'GET /personal-plans/{planId}': { expect: [401, ok, 404, ok, ok, 403, 403, 403], request: planA },
  'POST /personal-plans/{planId}/items': {
    expect: [401, ok, 404, ok, ok, 403, 403, 403],
    request: async (fx) => ({
      ...(await planA(fx)),
      body: { kind: 'training', description: '矩阵测试：培训', dueOn: DUE_ON, responsible: 'operator.wuhou' },
    }),
  },
  // Closes an item once: each allowed call closes an item of its own, added to plan A by the supervisor.
  'POST /personal-plans/{planId}/items/{itemId}/status': {
    expect: [401, ok, 404, ok, ok, 403, 403, 403],
    request: async (fx) => ({
      params: { planId: (await plans(fx)).planA, itemId: (await plans(fx)).itemA },
      body: { status: 'done', outcome: '矩阵测试：已完成' },
    }),
    fresh: async (fx) => {
      const { planA: id } = await plans(fx);
      const plan = await must<{ items: Array<{ id: string }> }>(
        'adding an item to plan A',
        fx.urls.hotline,
        'POST',
        '/personal-plans/{planId}/items',
        fx.tokens.supervisorDistrict,
        {
          params: { planId: id },
          body: {
            kind: 'other',
            description: '矩阵测试：待完成',
            dueOn: DUE_ON,
            responsible: 'operator.wuhou',
          },
        },
      );
      return { params: { planId: id, itemId: plan.items[plan.items.length - 1].id } };
    },
  },
  'POST /personal-plans/{planId}/reviews': {
    expect: [401, ok, 404, ok, ok, 403, 403, 403],
    request: async (fx) => ({ ...(await planA(fx)), body: { note: '矩阵测试：联系时复核', items: [] } }),
  },
};
