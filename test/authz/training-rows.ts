import { shanghaiDay } from '../e2e/support/platform';
import type { Fixtures } from './fixtures';
import { must } from './http';
import { hidden, ok, Row, sees } from './matrix';

/**
 * The people service's training routes. Provider A and course A are run by 武侯区 (set up by its supervisor), so
 * operator A (a street of 武侯区) sees them as a course of a unit above theirs and operator B (锦江区) does not;
 * enrolment A is the referral of a person of A to course A. Calls that change an enrolment act on a fresh one.
 */
interface TrainingA {
  providerA: string;
  courseA: string;
  enrolmentA: string;
}

const built = new WeakMap<Fixtures, Promise<TrainingA>>();
/** The same objects once built, for `hides` (called after the row's request has awaited them). */
const ready = new WeakMap<Fixtures, TrainingA>();
const readyFor = (fx: Fixtures): TrainingA => {
  const training = ready.get(fx);
  if (!training) throw new Error('the training objects of A are not built yet');
  return training;
};
const DAY_MS = 86_400_000;

/** Today ± days as yyyy-mm-dd in Shanghai: the services run on the real clock. */
const dayFromToday = (days: number) => shanghaiDay(Date.now() + days * DAY_MS);

async function build(fx: Fixtures): Promise<TrainingA> {
  const supervisor = fx.tokens.supervisorDistrict;
  const provider = await must<{ id: string }>(
    'creating a training provider',
    fx.urls.people,
    'POST',
    '/training/providers',
    supervisor,
    { body: { name: '矩阵测试培训学校', unitCode: '510107' } },
  );
  const course = await must<{ id: string }>(
    'creating a training course',
    fx.urls.people,
    'POST',
    '/training/courses',
    supervisor,
    { body: courseBody(provider.id) },
  );
  // A person of A of their own (person A belongs to household A, which other rows change concurrently).
  const enrolment = await referral(fx, course.id, await fx.fresh.personA());
  const training = { providerA: provider.id, courseA: course.id, enrolmentA: enrolment };
  ready.set(fx, training);
  return training;
}

function courseBody(providerId: string) {
  return {
    providerId,
    title: '矩阵测试课程',
    occupation: '保育员',
    level: 'primary',
    startsOn: dayFromToday(-30),
    endsOn: dayFromToday(60),
    capacity: 1000,
    freeForHardship: true,
    unitCode: '510107',
  };
}

async function referral(fx: Fixtures, courseId: string, personId: string): Promise<string> {
  return (
    await must<{ id: string }>(
      'referring a person to training',
      fx.urls.people,
      'POST',
      '/training/courses/{id}/referrals',
      fx.tokens.operatorA,
      { params: { id: courseId }, body: { personId } },
    )
  ).id;
}

/** Provider A, course A and enrolment A, built once per matrix run. */
export function trainingA(fx: Fixtures): Promise<TrainingA> {
  let training = built.get(fx);
  if (!training) {
    training = build(fx);
    built.set(fx, training);
  }
  return training;
}

/** A new referral of a new person of A to course A, enrolled when asked. */
async function freshEnrolment(fx: Fixtures, enrolled: boolean): Promise<string> {
  const { courseA } = await trainingA(fx);
  const id = await referral(fx, courseA, await fx.fresh.personA());
  if (enrolled) {
    await must('enrolling', fx.urls.people, 'POST', '/training/enrolments/{id}/enrol', fx.tokens.operatorA, {
      params: { id },
    });
  }
  return id;
}

const course = async (fx: Fixtures) => ({ params: { id: (await trainingA(fx)).courseA } });
const provider = async (fx: Fixtures) => ({ params: { id: (await trainingA(fx)).providerA } });
const enrolment = async (fx: Fixtures) => ({ params: { id: (await trainingA(fx)).enrolmentA } });

export const TRAINING_ROWS: Record<string, Row> = {
  // Staff list what their unit, the units above and those inside it run; supervisors and admins set it up.
  'GET /training/providers': {
    expect: [401, sees, hidden, sees, sees, 403, 403, sees],
    request: async (fx) => {
      await trainingA(fx);
      return { query: { limit: '100' } };
    },
    hides: (fx) => readyFor(fx).providerA,
  },
  'POST /training/providers': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: () => ({ body: { name: '矩阵测试新培训学校', unitCode: '510107' } }),
  },
  'GET /training/providers/{id}': { expect: [401, ok, 404, ok, ok, 403, 403, ok], request: provider },
  'PATCH /training/providers/{id}': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await provider(fx)), body: { name: '矩阵测试培训学校' } }),
  },
  'GET /training/courses': {
    expect: [401, sees, hidden, sees, sees, 403, 403, sees],
    request: async (fx) => {
      await trainingA(fx);
      return { query: { limit: '100' } };
    },
    hides: (fx) => readyFor(fx).courseA,
  },
  'POST /training/courses': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: async (fx) => ({ body: courseBody((await trainingA(fx)).providerA) }),
  },
  'GET /training/courses/{id}': { expect: [401, ok, 404, ok, ok, 403, 403, ok], request: course },
  'PATCH /training/courses/{id}': {
    expect: [401, 403, 403, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await course(fx)), body: { title: '矩阵测试课程' } }),
  },
  'GET /training/courses/{id}/kpis': { expect: [401, ok, 404, ok, ok, 403, 403, ok], request: course },
  // The course's enrolments whose persons are in the caller's area; another district does not see the course.
  'GET /training/courses/{id}/enrolments': {
    expect: [401, sees, 404, sees, sees, 403, 403, sees],
    request: async (fx) => ({ ...(await course(fx)), query: { limit: '100' } }),
    hides: (fx) => readyFor(fx).enrolmentA,
  },
  'POST /training/courses/{id}/referrals': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await course(fx)), body: { personId: fx.personA } }),
    fresh: async (fx) => ({ body: { personId: await fx.fresh.personA() } }),
  },
  'GET /training/enrolments/{id}': { expect: [401, ok, 404, ok, ok, 403, 403, ok], request: enrolment },
  'POST /training/enrolments/{id}/enrol': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: enrolment,
    fresh: async (fx) => ({ params: { id: await freshEnrolment(fx, false) } }),
  },
  'POST /training/enrolments/{id}/attendance': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await enrolment(fx)), body: { on: dayFromToday(0), present: true } }),
    fresh: async (fx) => ({ params: { id: await freshEnrolment(fx, true) } }),
  },
  'POST /training/enrolments/{id}/completion': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({
      ...(await enrolment(fx)),
      body: { passed: true, certificateNo: 'JZ-MATRIX-1' },
    }),
    fresh: async (fx) => ({ params: { id: await freshEnrolment(fx, true) } }),
  },
  'POST /training/enrolments/{id}/drop': {
    expect: [401, ok, 404, ok, ok, 403, 403, ok],
    request: async (fx) => ({ ...(await enrolment(fx)), body: { reason: '授权矩阵：退出' } }),
    fresh: async (fx) => ({ params: { id: await freshEnrolment(fx, false) } }),
  },
  'GET /training/kpis': {
    expect: [401, ok, ok, ok, ok, 403, 403, ok],
    request: () => ({ query: { from: dayFromToday(-60), to: dayFromToday(0) } }),
  },
};
