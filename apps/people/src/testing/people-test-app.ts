import { randomBytes } from 'node:crypto';
import { Role } from '@platform/auth';
import { Clock } from '@platform/nest-kit';
import { generatePiiKeySettings, idCheckChar } from '@platform/pii';
import { signTestToken, startTestService, TestServiceApp } from '@platform/service-testing';
import { AppModule } from '../app.module';
import { PeopleConfig, peopleConfigShape } from '../config';
import { peopleMigrations } from '../data-source';

/** Fresh PII and Temporal payload keys, as the service reads them from its environment. */
export function testPeopleKeys(): Record<string, string> {
  return {
    ...generatePiiKeySettings('k1'),
    TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    PEOPLE_TASK_QUEUE: `people-test-${randomBytes(4).toString('hex')}`,
  };
}

/** The real people app on a throwaway migrated schema (real Postgres, Kafka and Temporal); `clock` sets "today". */
export function startPeople(
  env: Record<string, string> = {},
  clock?: Clock,
): Promise<TestServiceApp<PeopleConfig>> {
  return startTestService({
    service: 'people',
    configShape: peopleConfigShape,
    migrations: peopleMigrations,
    module: (config) => AppModule.forRoot(config, { clock }),
    env: { ...testPeopleKeys(), ...env },
  });
}

/** Demo org units (see the hotline's org tree): Wuhou district, a street and two communities in it. */
export const WUHOU = '510100/510107';
export const COMMUNITY_A = '510107001001';
export const COMMUNITY_B = '510107001002';
export const JINJIANG_COMMUNITY = '510104001001';

/** Signs a token the way the hotline does, for a caller with these roles at this org path. */
export function tokenFor(roles: Role[], orgPath = WUHOU, userId = `user-${roles.join('-')}`): string {
  return signTestToken({
    sub: userId,
    username: userId,
    roles,
    org: { code: orgPath.split('/').pop()!, path: orgPath },
    employerId: roles.includes('employer') ? 'e0000000-0000-4000-8000-000000000001' : null,
  });
}

/** A valid ID number (correct check character) for a birth date YYYYMMDD; odd sequence = male. */
export function idNumber(birth: string, sequence: number, area = '510107'): string {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

let phoneCounter = Number(String(Date.now()).slice(-6));
/** A fresh valid mobile number. */
export function mobile(): string {
  phoneCounter = (phoneCounter + 7919) % 100_000_000;
  return `139${String(phoneCounter).padStart(8, '0')}`;
}

export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '张三',
    idNumber: idNumber('19800101', 21),
    phone: mobile(),
    hukouType: 'urban',
    hukouPlace: '四川省成都市武侯区',
    communityCode: COMMUNITY_A,
    residenceAddress: '武侯区某街道 1 号',
    education: 'senior-secondary',
    skills: { codes: ['4-03-02-01'], text: '中式烹调' },
    workHistory: [{ employer: '某餐饮公司', position: '厨师', from: '2015-03-01', to: '2025-12-31' }],
    constraints: { hours: '白班', maxDistanceKm: 10 },
    unemployment: { registeredOn: '2026-01-05', status: 'registered' },
    ...overrides,
  };
}
