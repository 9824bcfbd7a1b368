/**
 * Personal plans (一人一策, hotline `/cases/{id}/personal-plan`, docs/personal-plans.md) for two assistance
 * targets of 玉林街道, agreed by the station's operator: 王德明 (低保, disabled; started at a public-welfare post
 * through the escalation) signed his three weeks ago at the station: three agreed services, the subsidy
 * application done at the review, the training overdue (so it is on the operator's agenda), the monthly call due
 * within the week. 陈静 (single parent) agreed hers by phone three days ago. A plan in force is never agreed
 * again; the review is made once.
 */
import { ApiClient, Session } from './http-client';
import { addDays, shanghaiDay } from './identifiers';
import { PersonIds } from './people';
import { Tally } from './tally';

type ItemKind = 'job-recommendation' | 'training' | 'policy-subsidy' | 'public-welfare-post' | 'counselling';

interface DemoPlan {
  ref: string;
  /** Days before today the plan was agreed. */
  agreedDaysAgo: number;
  agreement: { method: 'station'; witnessName: string } | { method: 'phone'; readBackConfirmed: true };
  goals: string;
  targetJob: string;
  expectedMonthlyIncomeYuan: number;
  /** Due dates in days from today (negative: already past). */
  items: Array<{ kind: ItemKind; description: string; dueInDays: number }>;
  /** At the review: the items (by index) done, with what came of them. */
  review?: { note: string; done: Array<{ item: number; outcome: string }> };
}

const PLANS: DemoPlan[] = [
  {
    ref: 'wh-17',
    agreedDaysAgo: 21,
    agreement: { method: 'station', witnessName: '周晓红' },
    goals: '在公益性岗位稳定就业半年；参加保安员培训取得证书，争取转入就近的物业秩序维护岗位',
    targetJob: '小区秩序维护员',
    expectedMonthlyIncomeYuan: 3200,
    items: [
      {
        kind: 'policy-subsidy',
        description: '协助申请公益性岗位补贴和社会保险补贴',
        dueInDays: -14,
      },
      {
        kind: 'training',
        description: '推荐报名武侯区保安员（初级）培训班，协助办理免费培训手续',
        dueInDays: -3,
      },
      {
        kind: 'counselling',
        description: '每月电话回访一次，了解岗位适应和身体情况',
        dueInDays: 5,
      },
    ],
    review: {
      note: '电话回访：本人在公益性岗位适应良好；补贴申请材料已由社区代为递交。培训报名因行动不便尚未完成，约定下周上门协助',
      done: [{ item: 0, outcome: '补贴申请已递交区就业局并受理' }],
    },
  },
  {
    ref: 'wh-05',
    agreedDaysAgo: 3,
    agreement: { method: 'phone', readBackConfirmed: true },
    goals: '就近找到能兼顾接送孩子的白班工作',
    targetJob: '小区保洁员',
    expectedMonthlyIncomeYuan: 3000,
    items: [
      {
        kind: 'job-recommendation',
        description: '推荐 3 个离家 3 公里内、白班的岗位',
        dueInDays: 10,
      },
      {
        kind: 'counselling',
        description: '介绍社区托管班和单亲家庭帮扶政策',
        dueInDays: 4,
      },
    ],
  },
];

interface PlanItemView {
  id: string;
  description: string;
  status: 'open' | 'done' | 'dropped';
}

interface PlanView {
  id: string;
  items: PlanItemView[];
  reviews: unknown[];
}

interface CasePlanView {
  assistanceTarget: boolean;
  plan: PlanView | null;
}

export async function ensurePersonalPlans(
  operator: Session,
  personIds: PersonIds,
  tally: Tally,
): Promise<void> {
  const today = shanghaiDay();
  for (const spec of PLANS) {
    try {
      await ensurePlan(operator, personIds, spec, today, tally);
    } catch (error) {
      tally.failed(`personal plan ${spec.ref}`, error);
    }
  }
}

async function ensurePlan(
  operator: Session,
  personIds: PersonIds,
  spec: DemoPlan,
  today: string,
  tally: Tally,
): Promise<void> {
  const caseId = await caseOf(operator.hotline, personIds.get(spec.ref));
  if (!caseId) throw new Error('the person has no case');
  const current = await operator.hotline.get<CasePlanView>(`/cases/${caseId}/personal-plan`);
  let plan = current.plan;
  if (plan) {
    tally.existing('personal plans');
  } else {
    if (!current.assistanceTarget) {
      tally.note('a demo person is not an assistance target: no personal plan agreed');
      return;
    }
    plan = await operator.hotline.post<PlanView>(`/cases/${caseId}/personal-plan`, {
      agreedOn: addDays(today, -spec.agreedDaysAgo),
      agreement: spec.agreement,
      goals: spec.goals,
      targetJob: spec.targetJob,
      expectedMonthlyIncomeYuan: spec.expectedMonthlyIncomeYuan,
      items: spec.items.map((item) => ({
        kind: item.kind,
        description: item.description,
        dueOn: addDays(today, item.dueInDays),
        responsible: operator.username,
      })),
    });
    tally.created('personal plans');
  }
  if (spec.review && plan.reviews.length === 0) {
    const items = plan.items;
    const done = spec.review.done.flatMap(({ item, outcome }) => {
      const found = items.find((candidate) => candidate.description === spec.items[item].description);
      return found?.status === 'open' ? [{ itemId: found.id, status: 'done', outcome }] : [];
    });
    await operator.hotline.post(`/personal-plans/${plan.id}/reviews`, {
      note: spec.review.note,
      items: done,
    });
    tally.created('personal plan reviews');
  } else if (spec.review) {
    tally.existing('personal plan reviews');
  }
}

/** The person's latest case (GET /cases?personId=), or null. */
async function caseOf(hotline: ApiClient, personId: string | undefined): Promise<string | null> {
  if (!personId) return null;
  const page = await hotline.get<{ items: Array<{ caseId: string }> }>('/cases', { personId, limit: 1 });
  return page.items[0]?.caseId ?? null;
}
