import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orgPathOfCode } from '@platform/auth';
import type { CasePolicy } from '@platform/contracts';
import { eventually, REPO_ROOT } from '@platform/testing';
import { caseIntake, Platform, shanghaiDay, YULIN_COMMUNITY, YULIN_STREET } from '../e2e/support/platform';
// The matrix builds its objects through the APIs; these helpers only make valid request bodies.
/* eslint-disable @nx/enforce-module-boundaries */
import { DEMO_PASSWORD } from '../../apps/hotline/src/identity/demo-accounts';
import { ReservationsService } from '../../apps/employers/src/reservations/reservations.service';
import { testUscc } from '../../apps/employers/src/testing/employers-test-app';
import { vacancyBody } from '../../apps/jobs/src/testing/jobs-test-app';
import { idNumber, mobile, registration } from '../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */
import { call, must, Req } from './http';
import { RoleName } from './roles';

/** Area B: 锦江区, its street 春熙路街道 and that street's community in the seeded org tree. */
export const JINJIANG = '510104';
export const CHUNXILU_STREET = '510104003';
export const HEPINGJIE_COMMUNITY = '510104003001';
export const WUHOU = '510107';

/** The password of the accounts the matrix creates (operator B, employers A and B). */
const MATRIX_PASSWORD = 'Authz-matrix-962110!';
/** The 2026 arrangement as published (the hotline seeds the same year), for the iCalendar import row. */
export const OFFICIAL_ICS = readFileSync(
  join(REPO_ROOT, 'node_modules/chinese-days/dist/holidays.ics'),
  'utf8',
);

/** The body of `PUT /case-policy` without its reason. */
type PutCasePolicy = Omit<CasePolicy, 'refusal'> & {
  refusal: Pick<CasePolicy['refusal'], 'validReasonCodes' | 'maxUnjustifiedRefusals'>;
};

interface CaseView {
  view: { personId: string | null; referrals: Array<{ referralId: string; vacancyId: string }> } | null;
}

/** The objects of area A / employer A that fill path parameters, their B twins, and factories for fresh ones. */
export interface Fixtures {
  urls: Platform['urls'];
  /**
   * Each role's own session (rows that end sessions run last, on these); the anonymous caller's is a spare
   * session of operator A, only for its refresh token.
   */
  sessions: Record<RoleName, Session>;
  /** The bearer token each role sends; none for anonymous. */
  tokens: Record<RoleName, string | undefined>;
  /** The current month (yyyy-mm): pools and base capacities are declared per month. */
  period: string;
  /** The seeded 2026 calendar and the current case policy, to write back unchanged. */
  calendar2026: { source: string; overrides: unknown[] };
  casePolicy: PutCasePolicy;
  /** Accounts of the hotline: operator B (for the unlock row). */
  operatorBUserId: string;
  employerA: string;
  employerB: string;
  vacancyA: string;
  vacancyB: string;
  /** Opened by operator A (its owner) in 玉林北路社区, registered, with referral `referralA` to `vacancyA`. */
  caseA: string;
  caseB: string;
  referralA: string;
  referralB: string;
  /** Registered in people directly (not through a case), each in its area, with a household. */
  personA: string;
  personAIdNumber: string;
  personB: string;
  householdA: string;
  householdB: string;
  /**
   * The hotline's episode of a zero-employment household of A (two members out of work, one of them calling
   * in `memberCaseA`), and that household's id.
   */
  episodeA: string;
  zeroHouseholdA: string;
  /** The open case of one of that household's members. */
  memberCaseA: string;
  serviceRecordA: string;
  baseA: string;
  baseB: string;
  poolA: string;
  poolB: string;
  holdA: string;
  holdB: string;
  fresh: FreshObjects;
}

/** New objects of area A / employer A for allowed calls that change what they act on. */
export interface FreshObjects {
  /** An open case of area A owned by operator A (not necessarily registered yet). */
  caseA(): string;
  vacancyA(): Promise<string>;
  /** A proposed referral of case A to a new vacancy of employer A. */
  referralA(): Promise<string>;
  holdA(): Promise<string>;
  /** A new zero-employment household of A with its episode open (for calls that end or change it once). */
  episodeA(): Promise<string>;
  /** A person of area A who is a member of household A. */
  memberOfHouseholdA(): Promise<string>;
  personA(): Promise<string>;
  serviceRecordA(): Promise<string>;
  employer(): Promise<string>;
  /** A new operator account of A (to disable). */
  account(): Promise<string>;
  /** A unique number for bodies that must differ per call (ID numbers, keys, names). */
  next(): number;
}

/** How many spare cases of A to open up front: enough for every allowed call that ends or hands one off. */
const SPARE_CASES = 10;

/** A login's answer: the access token, and the refresh token where the hotline issues one. */
export interface Session {
  accessToken: string;
  refreshToken?: string;
}

/** Logs in through the hotline. */
export function signIn(hotline: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  return must<Session>(`login as ${username}`, hotline, 'POST', '/auth/login', undefined, {
    body: { username, password },
  });
}

/**
 * Everything the matrix acts on, created through the services' own APIs by the roles that may create it: two
 * areas, two employers, cases with referrals, persons with households and service records, pools, bases, holds.
 */
export async function buildFixtures(platform: Platform): Promise<Fixtures> {
  const { urls } = platform;
  const period = shanghaiDay().slice(0, 7);
  const year = period.slice(0, 4);
  let counter = 0;
  const next = () => ++counter;

  // Every role signs in here (not with the platform's tokens), so each has its own session and refresh token.
  const [adminSession, supervisorDistrictSession, supervisorCitySession, operatorASession, anonymousSession] =
    await Promise.all([
      signIn(urls.hotline, 'admin'),
      signIn(urls.hotline, 'supervisor.wuhou'),
      signIn(urls.hotline, 'supervisor.city'),
      signIn(urls.hotline, 'operator.wuhou'),
      // A session whose refresh token the anonymous caller presents (refreshing needs no bearer token).
      signIn(urls.hotline, 'operator.wuhou'),
    ]);
  const admin = adminSession.accessToken;
  const supervisorCity = supervisorCitySession.accessToken;
  const operatorA = operatorASession.accessToken;

  const createEmployer = async (district: string, street: string) =>
    (
      await must<{ id: string }>(
        'creating an employer',
        urls.employers,
        'POST',
        '/employers',
        supervisorCity,
        {
          body: {
            uscc: testUscc(500_000 + next()),
            name: `矩阵测试用人单位 ${counter}`,
            industry: '物业管理',
            districtCode: district,
            streetCode: street,
            addressDetail: '测试路 1 号',
          },
        },
      )
    ).id;
  const [employerA, employerB] = await Promise.all([
    createEmployer(WUHOU, YULIN_STREET),
    createEmployer(JINJIANG, CHUNXILU_STREET),
  ]);

  const createAccount = (username: string, roles: string[], orgCode: string, employerId?: string) =>
    must<{ id: string }>(`creating account ${username}`, urls.hotline, 'POST', '/users', admin, {
      body: { username, displayName: username, password: MATRIX_PASSWORD, roles, orgCode, employerId },
    });
  const [operatorBAccount] = await Promise.all([
    createAccount('operator.jinjiang', ['operator'], CHUNXILU_STREET),
    createAccount('employer.a', ['employer'], '510100', employerA),
    createAccount('employer.b', ['employer'], '510100', employerB),
  ]);
  const [operatorBSession, employerASession, employerBSession] = await Promise.all([
    signIn(urls.hotline, 'operator.jinjiang', MATRIX_PASSWORD),
    signIn(urls.hotline, 'employer.a', MATRIX_PASSWORD),
    signIn(urls.hotline, 'employer.b', MATRIX_PASSWORD),
  ]);
  const operatorB = operatorBSession.accessToken;
  const employerAToken = employerASession.accessToken;
  const employerBToken = employerBSession.accessToken;
  const sessions: Fixtures['sessions'] = {
    anonymous: anonymousSession,
    operatorA: operatorASession,
    operatorB: operatorBSession,
    supervisorDistrict: supervisorDistrictSession,
    supervisorCity: supervisorCitySession,
    employerA: employerASession,
    employerB: employerBSession,
    admin: adminSession,
  };
  const tokens: Fixtures['tokens'] = {
    anonymous: undefined,
    operatorA,
    operatorB,
    supervisorDistrict: supervisorDistrictSession.accessToken,
    supervisorCity,
    employerA: employerAToken,
    employerB: employerBToken,
    admin,
  };

  const createVacancy = async (token: string, district: string, street: string) =>
    (
      await must<{ id: string }>('creating a vacancy', urls.jobs, 'POST', '/employer/vacancies', token, {
        body: vacancyBody({ headcount: 50, districtCode: district, streetCode: street }),
      })
    ).id;

  /** `n` sets the caller's birth date (1970 + n days, see caseIntake): from 7300 on, of working age for decades. */
  const openCase = async (token: string, community: string, n = 100 + next()) => {
    const intake = caseIntake(n);
    intake.person.communityCode = community;
    const opened = await must<{ caseId: string }>('opening a case', urls.hotline, 'POST', '/cases', token, {
      headers: { 'Idempotency-Key': `authz-${randomUUID()}` },
      body: intake,
    });
    return opened.caseId;
  };
  const registered = async (caseId: string) => {
    let personId: string | null = null;
    await eventually(
      `case ${caseId} is registered`,
      async () => {
        const answer = await call(urls.hotline, 'GET', '/cases/{id}', supervisorCity, {
          params: { id: caseId },
        });
        personId =
          answer.status === 200 ? ((JSON.parse(answer.text) as CaseView).view?.personId ?? null) : null;
        return personId !== null;
      },
      90_000,
    );
    return personId!;
  };
  const propose = async (token: string, caseId: string, vacancyId: string) => {
    const view = await must<CaseView['view']>(
      'proposing a referral',
      urls.hotline,
      'POST',
      '/cases/{id}/referrals',
      token,
      {
        params: { id: caseId },
        body: { vacancyId },
      },
    );
    return view!.referrals.find((referral) => referral.vacancyId === vacancyId)!.referralId;
  };

  const personIdNumbers = new Map<string, string>();
  const registerPerson = async (token: string, community: string, area: string) => {
    const id = idNumber('19780808', 200 + next(), area);
    const { person } = await must<{ person: { id: string } }>(
      'registering a person',
      urls.people,
      'POST',
      '/persons',
      token,
      {
        body: registration({ idNumber: id, phone: mobile(), communityCode: community }),
      },
    );
    personIdNumbers.set(person.id, id);
    return person.id;
  };
  const createHousehold = async (token: string, community: string, personId: string) => {
    const { id } = await must<{ id: string }>(
      'creating a household',
      urls.people,
      'POST',
      '/households',
      token,
      {
        body: { hukouType: 'urban', communityCode: community },
      },
    );
    await addMember(token, id, personId, 'head');
    return id;
  };
  /** A household of A whose members are all out of work: people finds it, the hotline opens its episode. */
  const zeroEmploymentHousehold = async (members: string[]) => {
    const { id } = await must<{ id: string }>(
      'creating a household',
      urls.people,
      'POST',
      '/households',
      operatorA,
      {
        body: { hukouType: 'urban', communityCode: YULIN_COMMUNITY },
      },
    );
    for (const [i, personId] of members.entries())
      await addMember(operatorA, id, personId, i === 0 ? 'head' : 'spouse');
    const episodeId = `household-${id}-1`;
    await eventually(
      `the episode of household ${id}`,
      async () =>
        (
          await call(urls.hotline, 'GET', '/household-episodes/{id}', operatorA, {
            params: { id: episodeId },
          })
        ).status === 200,
      60_000,
    );
    return { householdId: id, episodeId };
  };
  const addMember = (token: string, householdId: string, personId: string, relation: string) =>
    must('adding a household member', urls.people, 'POST', '/households/{id}/members', token, {
      params: { id: householdId },
      body: { personId, relation },
    });
  const createServiceRecord = async (personId: string) =>
    (
      await must<{ id: string }>(
        'recording a service',
        urls.people,
        'POST',
        '/persons/{id}/service-records',
        operatorA,
        {
          params: { id: personId },
          body: serviceRecordBody(),
        },
      )
    ).id;

  const createBase = async (employerId: string) =>
    (
      await must<{ id: string }>(
        'creating an assistance base',
        urls.employers,
        'POST',
        '/assistance-bases',
        supervisorCity,
        {
          body: baseBody(employerId, year, period),
        },
      )
    ).id;
  const createPool = async (district: string) =>
    (
      await must<{ id: string }>(
        'creating a welfare pool',
        urls.employers,
        'POST',
        '/welfare-pools',
        supervisorCity,
        {
          body: poolBody(district, period, next()),
        },
      )
    ).id;
  // Holds come only from the case workflow (the employers activities); the matrix makes them through the same
  // service, in-process, recording the case's area as the activity does.
  const reservations = platform.employers.app.get(ReservationsService);
  const createHold = async (poolId: string, caseId: string, personId: string, community: string) =>
    (
      await reservations.reserveWelfareSlot(poolId, {
        caseId,
        personId,
        categories: ['older_urban'],
        holdMinutes: 24 * 60,
        caseAreaPath: orgPathOfCode(community),
        actor: 'authz-matrix',
        correlationId: randomUUID(),
      })
    ).id;

  // Cases first: their registration runs in the worker while the rest is built.
  const [caseA, caseB, ...spareCases] = await Promise.all([
    openCase(operatorA, YULIN_COMMUNITY),
    openCase(operatorB, HEPINGJIE_COMMUNITY),
    ...Array.from({ length: SPARE_CASES }, () => openCase(operatorA, YULIN_COMMUNITY)),
  ]);
  const [vacancyA, vacancyB, personA, personB, baseA, baseB, poolA, poolB, calendar, casePolicy] =
    await Promise.all([
      createVacancy(employerAToken, WUHOU, YULIN_STREET),
      createVacancy(employerBToken, JINJIANG, CHUNXILU_STREET),
      registerPerson(operatorA, YULIN_COMMUNITY, WUHOU),
      registerPerson(operatorB, HEPINGJIE_COMMUNITY, JINJIANG),
      createBase(employerA),
      createBase(employerB),
      createPool(WUHOU),
      createPool(JINJIANG),
      must<{ source: string; overrides: unknown[] }>(
        'reading the 2026 calendar',
        urls.hotline,
        'GET',
        '/calendar/years/2026',
        operatorA,
      ),
      must<CasePolicy>('reading the case policy', urls.hotline, 'GET', '/case-policy', operatorA),
    ]);
  const [householdA, householdB, serviceRecordA, holdA, holdB] = await Promise.all([
    createHousehold(operatorA, YULIN_COMMUNITY, personA),
    createHousehold(operatorB, HEPINGJIE_COMMUNITY, personB),
    createServiceRecord(personA),
    createHold(poolA, caseA, personA, YULIN_COMMUNITY),
    createHold(poolB, caseB, personB, HEPINGJIE_COMMUNITY),
    registered(caseA),
    registered(caseB),
  ]);
  const [referralA, referralB, zeroA] = await Promise.all([
    propose(operatorA, caseA, vacancyA),
    propose(operatorB, caseB, vacancyB),
    // A member's own case (a caller born in 1990), so linking a member's case has a case to link.
    openCase(operatorA, YULIN_COMMUNITY, 7300 + next()).then(async (memberCase) => ({
      memberCase,
      ...(await zeroEmploymentHousehold([
        await registered(memberCase),
        await registerPerson(operatorA, YULIN_COMMUNITY, WUHOU),
      ])),
    })),
  ]);
  // Lists fed by Kafka (the case list, the board) must hold both cases before "hidden" can mean anything.
  await eventually(
    'the case list shows the cases of both areas',
    async () => {
      const answer = await call(urls.hotline, 'GET', '/cases', supervisorCity, { query: { limit: '100' } });
      return answer.text.includes(caseA) && answer.text.includes(caseB);
    },
    30_000,
  );

  const fresh: FreshObjects = {
    caseA: () => {
      const spare = spareCases.pop();
      if (!spare) throw new Error(`more than ${SPARE_CASES} spare cases needed: raise SPARE_CASES`);
      return spare;
    },
    vacancyA: () => createVacancy(employerAToken, WUHOU, YULIN_STREET),
    referralA: async () =>
      propose(operatorA, caseA, await createVacancy(employerAToken, WUHOU, YULIN_STREET)),
    // A hold for another case of A (only its id and area matter to the routes).
    holdA: () => createHold(poolA, randomUUID(), personA, YULIN_COMMUNITY),
    episodeA: async () => {
      const members = [
        await registerPerson(operatorA, YULIN_COMMUNITY, WUHOU),
        await registerPerson(operatorA, YULIN_COMMUNITY, WUHOU),
      ];
      return (await zeroEmploymentHousehold(members)).episodeId;
    },
    memberOfHouseholdA: async () => {
      const personId = await registerPerson(operatorA, YULIN_COMMUNITY, WUHOU);
      await addMember(operatorA, householdA, personId, 'other');
      return personId;
    },
    personA: () => registerPerson(operatorA, YULIN_COMMUNITY, WUHOU),
    serviceRecordA: () => createServiceRecord(personA),
    employer: () => createEmployer(WUHOU, YULIN_STREET),
    account: async () => (await createAccount(`matrix.account${next()}`, ['operator'], YULIN_STREET)).id,
    next,
  };

  return {
    urls,
    sessions,
    tokens,
    period,
    calendar2026: { source: calendar.source, overrides: calendar.overrides },
    casePolicy: {
      refusal: {
        validReasonCodes: casePolicy.refusal.validReasonCodes,
        maxUnjustifiedRefusals: casePolicy.refusal.maxUnjustifiedRefusals,
      },
      callbackAfterWorkingDays: casePolicy.callbackAfterWorkingDays,
      followUpMonths: casePolicy.followUpMonths,
      promiseWorkingDays: casePolicy.promiseWorkingDays,
    },
    operatorBUserId: operatorBAccount.id,
    employerA,
    employerB,
    vacancyA,
    vacancyB,
    caseA,
    caseB,
    referralA,
    referralB,
    personA,
    personAIdNumber: personIdNumbers.get(personA)!,
    personB,
    householdA,
    householdB,
    episodeA: zeroA.episodeId,
    zeroHouseholdA: zeroA.householdId,
    memberCaseA: zeroA.memberCase,
    serviceRecordA,
    baseA,
    baseB,
    poolA,
    poolB,
    holdA,
    holdB,
    fresh,
  };
}

export function serviceRecordBody(): Record<string, unknown> {
  return {
    kind: 'visit',
    channel: 'phone',
    occurredAt: '2026-06-15T10:00:00+08:00',
    outcome: '电话回访，已说明岗位信息',
  };
}

export function baseBody(employerId: string, year: string, period: string): Record<string, unknown> {
  return {
    employerId,
    designatedFrom: `${year}-01-01`,
    designatedTo: `${year}-12-31`,
    acceptedCategories: ['older_urban', 'zero_employment_household'],
    capacities: [{ period, capacity: 50 }],
  };
}

export function poolBody(districtCode: string, period: string, n: number): Record<string, unknown> {
  return { districtCode, postType: `公益保洁 ${n}`, period, fundedSlots: 20 };
}

/** An intake in area A for a new case; `n` keeps the ID number unique. */
export function intakeInA(n: number): Req {
  return {
    headers: { 'Idempotency-Key': `authz-${randomUUID()}` },
    body: caseIntake(1000 + n),
  };
}
