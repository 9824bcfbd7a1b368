import { randomUUID } from 'node:crypto';
import { testUscc } from '../../apps/employers/src/testing/employers-test-app'; // eslint-disable-line @nx/enforce-module-boundaries
import { vacancyBody } from '../../apps/jobs/src/testing/jobs-test-app'; // eslint-disable-line @nx/enforce-module-boundaries
import { idNumber, mobile, registration } from '../../apps/people/src/testing/people-test-app'; // eslint-disable-line @nx/enforce-module-boundaries
import { baseBody, intakeInA, OFFICIAL_ICS, poolBody, serviceRecordBody, WUHOU } from './fixtures';
import { DEFAULT_HOUSEHOLD_POLICY } from '@platform/contracts';
import { MAX_PAGE_SIZE } from '@platform/nest-kit';
import { ExpectationTable, hidden, ok, Row, sees } from './matrix';
import { JOBS_LEDGER_ROWS, PEOPLE_LEDGER_ROWS } from './ledger-rows';
import { TRAINING_ROWS } from './training-rows';
import { JOB_FAIR_ROWS } from './job-fair-rows';
import { PERSONAL_PLAN_ROWS } from './personal-plan-rows';
import { YULIN_COMMUNITY } from '../e2e/support/platform';

/**
 * Who may do what, for every documented operation of every service. Path parameters name the objects of area A
 * (武侯区 玉林街道) and employer A; operator B (锦江区) is the caller from another district. Columns:
 *
 *                anon opA  opB  supD supC empA empB admin
 *
 * A new route fails the spec until it has a row here; a row whose route is gone fails it too.
 */

// Fixed instants and days: the answers must not depend on the day the spec runs.
const DAY = '2026-06-15';
const MONTH = { from: '2026-06-01', to: '2026-06-30' };
/** A 1×1 PNG: the smallest signature the people service accepts as an image. */
const SIGNATURE =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const health: Record<string, Row> = {
  'GET /health/live': { expect: [ok, ok, ok, ok, ok, ok, ok, ok] },
  'GET /health/ready': { expect: [ok, ok, ok, ok, ok, ok, ok, ok] },
  // Public for the Prometheus scraper; not forwarded by the console's proxies (docs/operations.md, Metrics).
  'GET /metrics': { expect: [ok, ok, ok, ok, ok, ok, ok, ok] },
};

const caseA = (fx: { caseA: string }) => ({ id: fx.caseA });
const caseReferralA = (fx: { caseA: string; referralA: string }) => ({
  id: fx.caseA,
  referralId: fx.referralA,
});

export const EXPECTATIONS: ExpectationTable = {
  hotline: {
    ...health,
    'POST /auth/login': {
      // Public: the answer depends on the credentials sent, not on the caller's token.
      expect: [ok, ok, ok, ok, ok, ok, ok, ok],
      request: () => ({ body: { username: 'operator.wuhou', password: 'Demo-962110!' } }),
    },
    // Each role presents its own session's refresh token (refreshing is public: the token is the credential).
    'POST /auth/refresh': {
      expect: [ok, ok, ok, ok, ok, ok, ok, ok],
      request: (fx, role) => ({ body: { refreshToken: fx.sessions[role].refreshToken } }),
      last: true,
    },
    // Ends the caller's own session, so it runs after everything else.
    'POST /auth/logout': { expect: [401, ok, ok, ok, ok, ok, ok, ok], last: true },
    'GET /auth/me': { expect: [401, ok, ok, ok, ok, ok, ok, ok] },
    'GET /org-units': { expect: [401, ok, ok, ok, ok, ok, ok, ok] },
    'GET /org-units/{code}': {
      expect: [401, ok, ok, ok, ok, ok, ok, ok],
      request: () => ({ params: { code: WUHOU } }),
    },

    // Accounts: the admin's alone.
    'GET /users': { expect: [401, 403, 403, 403, 403, 403, 403, ok] },
    'POST /users': {
      expect: [401, 403, 403, 403, 403, 403, 403, ok],
      request: (fx) => ({
        body: {
          username: `matrix.user${fx.fresh.next()}`,
          displayName: '矩阵测试账号',
          password: 'Authz-matrix-962110!',
          roles: ['operator'],
          orgCode: '510107003',
        },
      }),
    },
    'POST /users/{id}/disable': {
      expect: [401, 403, 403, 403, 403, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.operatorBUserId } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.account() } }),
    },
    'POST /users/{id}/enable': {
      expect: [401, 403, 403, 403, 403, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.operatorBUserId } }),
    },
    'POST /users/{id}/unlock': {
      expect: [401, 403, 403, 403, 403, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.operatorBUserId } }),
    },

    // The working calendar: staff read it; it is city-wide, so city supervisors and admins load years.
    'GET /calendar/years': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'GET /calendar/years/{year}': {
      expect: [401, ok, ok, ok, ok, 403, 403, ok],
      request: () => ({ params: { year: '2026' } }),
    },
    'GET /calendar/years/{year}/history': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: () => ({ params: { year: '2026' } }),
    },
    'PUT /calendar/years/{year}': {
      expect: [401, 403, 403, 403, ok, 403, 403, ok],
      request: (fx) => ({
        params: { year: '2026' },
        body: { ...fx.calendar2026, reason: '授权矩阵：原样写回' },
      }),
    },
    'POST /calendar/years/{year}/ics': {
      expect: [401, 403, 403, 403, ok, 403, 403, ok],
      request: (fx) => ({
        params: { year: '2026' },
        body: { source: fx.calendar2026.source, reason: '授权矩阵：原样导入', ics: OFFICIAL_ICS },
      }),
    },
    'GET /calendar/coverage': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'GET /calendar/deadline': {
      expect: [401, ok, ok, ok, ok, 403, 403, ok],
      request: () => ({ query: { start: `${DAY}T10:00:00+08:00`, days: '2' } }),
    },

    // Cases: operators and supervisors of the case's area; the owner or a supervisor acts on it.
    'GET /cases': {
      expect: [401, sees, hidden, sees, sees, 403, 403, 403],
      request: () => ({ query: { limit: '100' } }),
      hides: (fx) => fx.caseA,
    },
    'POST /cases': {
      expect: [401, ok, 403, ok, ok, 403, 403, 403],
      request: (fx) => intakeInA(fx.fresh.next()),
    },
    // The search term travels in the body (names, phones and ID numbers never in a URL); scoped like the list.
    'POST /cases/search': {
      expect: [401, sees, hidden, sees, sees, 403, 403, 403],
      request: (fx) => ({ body: { term: fx.caseA.slice(0, 8), limit: 100 } }),
      hides: (fx) => fx.caseA,
    },
    'GET /cases/agenda': {
      expect: [401, ok, ok, ok, ok, 403, 403, 403],
      request: () => ({ query: { day: DAY } }),
    },
    'GET /cases/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx) }),
    },
    'GET /cases/{id}/match-profile': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx) }),
    },
    // Where the person can work from: read and corrected like the case itself (the owner or a supervisor).
    'GET /cases/{id}/location': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx) }),
    },
    'PUT /cases/{id}/location': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({
        params: caseA(fx),
        body: { communityCode: YULIN_COMMUNITY, address: '玉林北路2号' },
      }),
    },
    'GET /cases/{id}/handoff-candidates': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx) }),
    },
    'POST /cases/{id}/contacts': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({
        params: caseA(fx),
        body: { channel: 'phone', reached: true, note: '电话联系，已说明流程' },
      }),
    },
    'POST /cases/{id}/referrals': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { vacancyId: fx.vacancyA } }),
      fresh: async (fx) => ({ body: { vacancyId: await fx.fresh.vacancyA() } }),
    },
    // The referral is only proposed: the workflow refuses these with 409, after authorization let them through.
    'POST /cases/{id}/referrals/{referralId}/person-answer': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({ params: caseReferralA(fx), body: { answer: 'accepted' } }),
    },
    'POST /cases/{id}/referrals/{referralId}/start': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({ params: caseReferralA(fx), body: { startedOn: DAY } }),
    },
    'POST /cases/{id}/escalation/start': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { startedOn: DAY } }),
    },
    'POST /cases/{id}/callback': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({
        params: caseA(fx),
        body: { reached: true, working: true, satisfaction: 5, note: '回访' },
      }),
    },
    'POST /cases/{id}/follow-ups': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { reached: true, stillEmployed: true, note: '跟踪' } }),
    },
    'POST /cases/{id}/handoff': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { toOwner: 'supervisor.wuhou', reason: '转交督导' } }),
      fresh: (fx) => ({ params: { id: fx.fresh.caseA() } }),
    },
    // From the board: supervisors alone escalate now, within their subtree (each allowed call on a spare case).
    'POST /cases/{id}/escalate': {
      expect: [401, 403, 403, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { reason: '两次推荐均被拒，立即兜底' } }),
      fresh: (fx) => ({ params: { id: fx.fresh.caseA() } }),
    },
    // Case A is registered: nothing to send again (409) once authorization let the call through.
    'POST /cases/{id}/registration-retry': {
      expect: [401, 409, 404, 409, 409, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { person: { hukouPlace: '四川省成都市武侯区' } } }),
    },
    'POST /cases/{id}/close': {
      expect: [401, ok, 404, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: caseA(fx), body: { ending: 'withdrawn', reason: '求助人撤回' } }),
      fresh: (fx) => ({ params: { id: fx.fresh.caseA() } }),
    },

    // The case policy is city-wide: city supervisors and admins change it.
    'GET /case-policy': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'GET /case-policy/history': { expect: [401, 403, 403, ok, ok, 403, 403, ok] },
    'PUT /case-policy': {
      expect: [401, 403, 403, 403, ok, 403, 403, ok],
      request: (fx) => ({ body: { ...fx.casePolicy, reason: '授权矩阵：原样写回' } }),
    },
    // The household clocks are city-wide too; writing the seeded defaults back changes no clock.
    'GET /household-policy': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'GET /household-policy/history': { expect: [401, 403, 403, ok, ok, 403, 403, ok] },
    'PUT /household-policy': {
      expect: [401, 403, 403, 403, ok, 403, 403, ok],
      request: () => ({
        body: {
          oneEmployedWithinDays: DEFAULT_HOUSEHOLD_POLICY.oneEmployedWithinDays,
          doubleEmploymentWithinMonths: DEFAULT_HOUSEHOLD_POLICY.doubleEmploymentWithinMonths,
          warnDaysBefore: DEFAULT_HOUSEHOLD_POLICY.warnDaysBefore,
          followUpMonths: DEFAULT_HOUSEHOLD_POLICY.followUpMonths,
          reason: '授权矩阵：写回默认规则',
        },
      }),
    },

    // The board and the figures: a caller's own subtree.
    'GET /board': { expect: [401, sees, hidden, sees, sees, 403, 403, sees], hides: (fx) => fx.caseA },
    'GET /board/stream': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'GET /kpis': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: WUHOU, ...MONTH } }),
    },
    'GET /kpis/weekly': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: WUHOU, ...MONTH } }),
    },
    // Zero-employment household episodes: staff of the household's area (404 outside it); supervisors end one.
    'GET /household-episodes': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.episodeA,
      request: () => ({ query: { limit: String(MAX_PAGE_SIZE) } }),
    },
    // Operator A's street; outside operator B's area: 400 naming `unit`.
    'GET /household-episodes/kpis': {
      expect: [401, ok, 400, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: '510107003', ...MONTH } }),
    },
    'GET /household-episodes/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.episodeA } }),
    },
    'GET /household-episodes/{id}/staff-candidates': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.episodeA } }),
    },
    'GET /households/{id}/episodes': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.episodeA,
      request: (fx) => ({ params: { id: fx.zeroHouseholdA } }),
    },
    'POST /household-episodes/{id}/staff': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({
        params: { id: fx.episodeA },
        body: { level: 'helper', username: 'operator.wuhou' },
      }),
    },
    'POST /household-episodes/{id}/contacts': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.episodeA }, body: { kind: 'call', note: '电话了解就业意愿' } }),
    },
    // The member's case is linked already (from its registration): linking it again changes nothing.
    'POST /household-episodes/{id}/member-cases': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.episodeA }, body: { caseId: fx.memberCaseA } }),
    },
    // Asked once per episode: each allowed call on a fresh one.
    'POST /household-episodes/{id}/double-employment': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.episodeA }, body: { note: '家庭申请双就业' } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.episodeA() } }),
    },
    // No member is in work yet, so no follow-up is due: 409 once authorization let the call through.
    'POST /household-episodes/{id}/follow-ups': {
      expect: [401, 409, 404, 409, 409, 403, 403, 409],
      request: (fx) => ({ params: { id: fx.episodeA }, body: { month: 1, stillEmployed: true } }),
    },
    'POST /household-episodes/{id}/close': {
      expect: [401, 403, 403, ok, ok, 403, 403, 403],
      request: (fx) => ({ params: { id: fx.episodeA }, body: { note: '户籍迁出本市' } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.episodeA() } }),
    },
    'GET /reports/monthly': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: WUHOU, month: '2026-06', format: 'csv' } }),
    },
    // Roving job fairs (test/authz/job-fair-rows.ts).
    ...JOB_FAIR_ROWS,
    // Personal plans (一人一策) (test/authz/personal-plan-rows.ts).
    ...PERSONAL_PLAN_ROWS,
  },

  people: {
    ...health,
    // Newest first: the fixture's later cases register more persons in the city, so ask for the largest page.
    'GET /persons': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.personA,
      request: () => ({ query: { limit: String(MAX_PAGE_SIZE) } }),
    },
    // A community outside the caller's area is a field error here (400 communityCode withinScope).
    'POST /persons': {
      expect: [401, ok, 400, ok, ok, 403, 403, ok],
      request: (fx) => ({
        body: registration({
          idNumber: idNumber('19790909', 300 + fx.fresh.next()),
          phone: mobile(),
          communityCode: YULIN_COMMUNITY,
        }),
      }),
    },
    // The hotline's registration of a case's caller, sent with the operator's own token: the same scope rule.
    'POST /persons/case-registrations': {
      expect: [401, ok, 400, ok, ok, 403, 403, ok],
      request: (fx) => ({
        body: {
          caseId: randomUUID(),
          occurredAt: `${DAY}T09:00:00+08:00`,
          person: {
            name: '张三',
            idNumber: idNumber('19790909', 600 + fx.fresh.next()),
            phone: mobile(),
            hukouType: 'urban',
            hukouPlace: '四川省成都市武侯区',
            communityCode: YULIN_COMMUNITY,
          },
        },
      }),
    },
    'POST /persons/lookup': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      request: (fx) => ({ body: { idNumber: fx.personAIdNumber } }),
      hides: (fx) => fx.personA,
    },
    'GET /persons/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
    },
    'POST /persons/{id}/categories/evaluate': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
    },
    'POST /persons/{id}/unmask': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({
        params: { id: fx.personA },
        body: { fields: ['phone'], reason: '回访需要拨打电话' },
      }),
    },
    'GET /persons/{id}/unmask-audit': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
    },
    'POST /persons/{id}/confirmation-codes': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.personA() } }),
    },
    'GET /persons/{id}/service-records': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
    },
    'POST /persons/{id}/service-records': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA }, body: serviceRecordBody() }),
    },
    'POST /persons/{id}/service-records/{recordId}/confirmation': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({
        params: { id: fx.personA, recordId: fx.serviceRecordA },
        body: { method: 'signature', signatureImage: SIGNATURE },
      }),
      fresh: async (fx) => ({ params: { recordId: await fx.fresh.serviceRecordA() } }),
    },
    'GET /persons/{id}/three-plus-one': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.personA } }),
    },
    // The 3+1 worklist: registered unemployed persons of the caller's area (person A's year counts from a fixed
    // day, so ended years are included and the answer does not depend on today).
    'GET /three-plus-one/worklist': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      request: () => ({ query: { includeEnded: 'true', limit: String(MAX_PAGE_SIZE) } }),
      hides: (fx) => fx.personA,
    },
    // Skills training (test/authz/training-rows.ts).
    ...TRAINING_ROWS,
    // The six ledgers' five people ledgers and the social-insurance imports (test/authz/ledger-rows.ts).
    ...PEOPLE_LEDGER_ROWS,
    'GET /three-plus-one/kpis': {
      expect: [401, ok, 400, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: '510107003', ...MONTH } }),
    },
    // Development only (the dev SMS sink; refused in production): texts of every area, so admins alone.
    'GET /dev/sms-messages': { expect: [401, 403, 403, 403, 403, 403, 403, ok] },
    'POST /households': {
      expect: [401, ok, 400, ok, ok, 403, 403, ok],
      request: () => ({ body: { hukouType: 'urban', communityCode: YULIN_COMMUNITY } }),
    },
    'GET /households': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      request: () => ({ query: { limit: String(MAX_PAGE_SIZE) } }),
      hides: (fx) => fx.householdA,
    },
    'GET /households/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA } }),
    },
    // Certifying a certified household and withdrawing a withdrawn one change nothing: both answer 2xx.
    'POST /households/{id}/certification': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA }, body: { note: '入户核实' } }),
    },
    'DELETE /households/{id}/certification': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA } }),
    },
    'PATCH /households/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA }, body: { lowIncome: false } }),
    },
    'POST /households/{id}/members': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA }, body: { personId: fx.personA, relation: 'other' } }),
      fresh: async (fx) => ({ body: { personId: await fx.fresh.personA(), relation: 'other' } }),
    },
    'DELETE /households/{id}/members/{personId}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.householdA, personId: fx.personA } }),
      fresh: async (fx) => ({ params: { personId: await fx.fresh.memberOfHouseholdA() } }),
    },
    'GET /assistance-categories': { expect: [401, ok, ok, ok, ok, 403, 403, ok] },
    'PUT /assistance-categories/{code}': {
      expect: [401, 403, 403, 403, 403, 403, 403, ok],
      request: () => ({
        params: { code: 'authz-matrix' },
        body: {
          nameZh: '授权矩阵测试类别',
          nameEn: 'Authorization matrix test',
          rule: { fact: 'unemployedMonths', gte: 1200 },
          active: false,
        },
      }),
    },
  },

  jobs: {
    ...health,
    'POST /matching': {
      expect: [401, ok, ok, ok, ok, 403, 403, 403],
      request: () => ({ body: { person: { skills: ['保洁'], lat: 30.64, lng: 104.04 } } }),
    },
    // The employer portal: an employer sees only its own vacancies and referrals.
    'POST /employer/vacancies': {
      expect: [401, 403, 403, 403, 403, ok, ok, 403],
      request: () => ({ body: vacancyBody() }),
    },
    'GET /employer/vacancies': {
      expect: [401, 403, 403, 403, 403, sees, hidden, 403],
      hides: (fx) => fx.vacancyA,
    },
    'GET /employer/vacancies/{id}': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.vacancyA } }),
    },
    'PATCH /employer/vacancies/{id}': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.vacancyA }, body: { headcount: 60 } }),
    },
    'POST /employer/vacancies/{id}/close': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.vacancyA } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.vacancyA() } }),
    },
    'GET /employer/referrals': {
      expect: [401, 403, 403, 403, 403, sees, hidden, 403],
      hides: (fx) => fx.referralA,
    },
    'GET /employer/referrals/{id}': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.referralA } }),
    },
    'POST /employer/referrals/{id}/accept': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.referralA } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.referralA() } }),
    },
    'POST /employer/referrals/{id}/decline': {
      expect: [401, 403, 403, 403, 403, ok, 404, 403],
      request: (fx) => ({ params: { id: fx.referralA }, body: { reasonCode: 'position_filled' } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.referralA() } }),
    },
    'POST /employer/referrals/{id}/start': {
      // Not accepted by both sides yet: 409 once the employer is recognised as the referral's own.
      expect: [401, 403, 403, 403, 403, 409, 404, 403],
      request: (fx) => ({ params: { id: fx.referralA }, body: { startedOn: DAY } }),
    },
    // Staff: the city-wide ledger of vacancies (every operator reads every vacancy), and the referrals of cases.
    'GET /vacancies': { expect: [401, sees, sees, sees, sees, 403, 403, sees], hides: (fx) => fx.vacancyA },
    'GET /vacancies/{id}': {
      expect: [401, ok, ok, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.vacancyA } }),
    },
    // Referrals change only through the case API; staff read those of their area's cases and record the end.
    'GET /referrals': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.referralA,
    },
    'GET /referrals/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.referralA } }),
    },
    'POST /referrals/{id}/end': {
      // Nobody has started yet: 409 for every caller who may see the referral.
      expect: [401, 409, 404, 409, 409, 403, 403, 409],
      request: (fx) => ({ params: { id: fx.referralA }, body: { endedOn: DAY, reason: '试用期未满离职' } }),
    },
    'GET /reports/employer-declines': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: () => ({ query: { unit: WUHOU, ...MONTH } }),
    },
    // The employer-vacancies ledger (test/authz/ledger-rows.ts).
    ...JOBS_LEDGER_ROWS,
  },

  employers: {
    ...health,
    'POST /employers': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({
        body: {
          uscc: testUscc(700_000 + fx.fresh.next()),
          name: '矩阵新用人单位',
          industry: '餐饮',
          districtCode: WUHOU,
          streetCode: '510107003',
          addressDetail: '测试路 9 号',
        },
      }),
    },
    'GET /employers': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.employerA,
    },
    'GET /employers/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.employerA } }),
    },
    'PATCH /employers/{id}': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.employerA }, body: { addressDetail: '测试路 2 号' } }),
    },
    'GET /employer/profile': {
      expect: [401, 403, 403, 403, 403, sees, hidden, 403],
      hides: (fx) => fx.employerA,
    },
    'PATCH /employer/profile': {
      expect: [401, 403, 403, 403, 403, ok, ok, 403],
      request: () => ({ body: { contacts: [{ name: '王经理', phone: '13900000000' }] } }),
    },
    'POST /assistance-bases': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ body: baseBody(fx.employerA, fx.period.slice(0, 4), fx.period) }),
      fresh: async (fx) => ({ body: baseBody(await fx.fresh.employer(), fx.period.slice(0, 4), fx.period) }),
    },
    // Bases belong to their employer's area, pools to their district, holds to their case's area; holds are made
    // and confirmed only by the case workflow.
    'GET /assistance-bases': {
      expect: [401, sees, hidden, sees, sees, 403, 403, sees],
      hides: (fx) => fx.baseA,
    },
    'GET /assistance-bases/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.baseA } }),
    },
    'PUT /assistance-bases/{id}/capacity/{period}': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.baseA, period: fx.period }, body: { capacity: 50 } }),
    },
    'POST /welfare-pools': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ body: poolBody(WUHOU, fx.period, 900 + fx.fresh.next()) }),
    },
    'GET /welfare-pools': { expect: [401, 403, 403, sees, sees, 403, 403, sees], hides: (fx) => fx.poolA },
    'GET /welfare-pools/{id}': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.poolA } }),
    },
    'GET /reservations': { expect: [401, sees, hidden, sees, sees, 403, 403, sees], hides: (fx) => fx.holdA },
    'GET /reservations/{id}': {
      expect: [401, ok, 404, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.holdA } }),
    },
    'POST /reservations/{id}/release': {
      expect: [401, 403, 403, ok, ok, 403, 403, ok],
      request: (fx) => ({ params: { id: fx.holdA } }),
      fresh: async (fx) => ({ params: { id: await fx.fresh.holdA() } }),
    },
  },
};
