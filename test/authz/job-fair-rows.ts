import { randomUUID } from 'node:crypto';
import type { Fixtures } from './fixtures';
import { must } from './http';
import { ok, Row, sees, hidden } from './matrix';

/**
 * The hotline's job fair routes. Fair A is held by 玉林街道 (operator A's street, set up and marked held by the
 * Wuhou supervisor) with vacancy A of employer A; operator B (锦江区) does not see it. Applications are made for
 * case A, whose referral A to vacancy A is live: each allowed call is recorded against it, nothing is proposed
 * again.
 */
const built = new WeakMap<Fixtures, Promise<string>>();
const ready = new WeakMap<Fixtures, string>();

/** A fixed past day: a fair is marked held only on or after its day, whatever day the matrix runs. */
const HELD_ON = '2026-01-15';

function fairBody(fx: Fixtures) {
  return {
    title: '矩阵测试招聘会',
    heldOn: HELD_ON,
    unitCode: '510107003',
    venue: '玉林街道便民服务中心',
    assistanceMonth: true,
    vacancies: [
      {
        vacancyId: fx.vacancyA,
        vacancyTitle: '矩阵测试岗位',
        employerId: fx.employerA,
        employerName: '矩阵测试单位 A',
      },
    ],
  };
}

async function build(fx: Fixtures): Promise<string> {
  const supervisor = fx.tokens.supervisorDistrict;
  const fair = await must<{ id: string }>(
    'creating a job fair',
    fx.urls.hotline,
    'POST',
    '/job-fairs',
    supervisor,
    {
      body: fairBody(fx),
    },
  );
  await must('holding the job fair', fx.urls.hotline, 'PATCH', '/job-fairs/{id}', supervisor, {
    params: { id: fair.id },
    body: { status: 'held' },
  });
  ready.set(fx, fair.id);
  return fair.id;
}

/** Fair A, built once per matrix run. */
function fairA(fx: Fixtures): Promise<string> {
  let fair = built.get(fx);
  if (!fair) {
    fair = build(fx);
    built.set(fx, fair);
  }
  return fair;
}

const fair = async (fx: Fixtures) => ({ params: { id: await fairA(fx) } });

export const JOB_FAIR_ROWS: Record<string, Row> = {
  // Staff of the fair's area list and read it; supervisors and admins plan it.
  'GET /job-fairs': {
    expect: [401, sees, hidden, sees, sees, 403, 403, sees],
    request: async (fx) => {
      await fairA(fx);
      return { query: { limit: '100' } };
    },
    hides: (fx) => ready.get(fx) ?? 'fair A not built',
  },
  'POST /job-fairs': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: (fx) => ({ body: fairBody(fx) }),
  },
  // Operator B names a unit outside their area: 403 naming `unit`.
  'GET /job-fairs/assistance-month': {
    expect: [401, ok, 403, ok, ok, 403, 403, ok],
    request: () => ({ query: { unit: '510107003', year: '2026' } }),
  },
  'GET /job-fairs/{id}': { expect: [401, ok, 404, ok, ok, 403, 403, ok], request: fair },
  'PATCH /job-fairs/{id}': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await fair(fx)), body: { venue: '玉林街道便民服务中心' } }),
  },
  'PUT /job-fairs/{id}/visitors': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await fair(fx)), body: { count: 120 } }),
  },
  'POST /job-fairs/{id}/applications': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({
      ...(await fair(fx)),
      body: { requestId: randomUUID(), vacancyId: fx.vacancyA, caseId: fx.caseA },
    }),
  },
};
