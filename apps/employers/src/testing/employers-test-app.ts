import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, Role } from '@platform/auth';
import { signTestToken, startTestService, TestServiceApp, TestTokenClaims } from '@platform/service-testing';
import { AppModule } from '../app.module';
import { EmployersConfig, employersConfigShape } from '../config';
import { employersMigrations } from '../data-source';
import { usccCheckCharacter } from '../employers/uscc';

export function startEmployers(): Promise<TestServiceApp<EmployersConfig>> {
  return startTestService({
    service: 'employers',
    configShape: employersConfigShape,
    migrations: employersMigrations,
    module: (config) => AppModule.forRoot(config),
    // Each app polls its own queue so parallel spec files never take each other's activity tasks.
    env: { EMPLOYERS_TASK_QUEUE: `employers-test-${randomUUID()}` },
  });
}

/** A token as the hotline would sign it (the hotline owns identities; services only verify). */
export function tokenAs(role: Role, overrides: Partial<TestTokenClaims> = {}): string {
  return signTestToken({
    sub: `user-${role}`,
    username: `${role}.test`,
    roles: [role],
    org: role === 'admin' ? { code: '510100', path: '510100' } : { code: '510107', path: '510100/510107' },
    employerId: null,
    ...overrides,
  });
}

export function userAs(role: Role, overrides: Partial<AuthenticatedUser> = {}): AuthenticatedUser {
  return {
    userId: `user-${role}`,
    username: `${role}.test`,
    roles: [role],
    orgCode: '510100',
    orgPath: '510100',
    employerId: null,
    ...overrides,
  };
}

/** A valid, distinct unified social credit code per number: a Chengdu body plus its check character. */
export function testUscc(n: number): string {
  const body = `91510107MA${String(n).padStart(7, '0')}`;
  return body + usccCheckCharacter(body);
}
