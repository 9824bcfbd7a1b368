import { HttpStatus } from '@nestjs/common';
import { AuthenticatedUser, orgScope } from '@platform/auth';
import { ProblemException } from '@platform/nest-kit';

/**
 * The part of the org tree a query may touch, as the two values of `org_path = $path OR org_path LIKE $descendants`.
 * Operators and supervisors: their unit and everything under it. Admins: the whole city, whatever unit their
 * account sits in (the platform's own staff).
 */
export interface AreaScope {
  path: string;
  descendants: string;
}

/** Every area: for the case workflow's activities (the hotline checked the case's area before starting them). */
export const WHOLE_CITY: AreaScope = { path: '', descendants: '%' };

export function areaScope(user: AuthenticatedUser): AreaScope {
  return user.roles.includes('admin') ? WHOLE_CITY : orgScope(user);
}

/** SQL: `column` lies in the scope whose two values are parameters $n and $n+1. */
export function inScope(column: string, n: number): string {
  return `(${column} = $${n} OR ${column} LIKE $${n + 1})`;
}

export function scopeParams(scope: AreaScope): [string, string] {
  return [scope.path, scope.descendants];
}

/** The same test in code, only to word a refusal after the scoped statement wrote nothing. */
export function coversPath(scope: AreaScope, orgPath: string): boolean {
  return scope.descendants === '%' || orgPath === scope.path || orgPath.startsWith(`${scope.path}/`);
}

export function notFound(what: { en: string; zh: string }): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, `No such ${what.en} / 未找到该${what.zh}`);
}
