import { ForbiddenException } from '@nestjs/common';
import { AuthenticatedUser } from './auth-claims';

/**
 * Org scope for queries: a supervisor or operator sees their unit and everything under it. Use as
 * `WHERE (org_path = :path OR org_path LIKE :descendants)` with the values returned here.
 */
export function orgScope(user: AuthenticatedUser): { path: string; descendants: string } {
  const escaped = user.orgPath.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { path: user.orgPath, descendants: `${escaped}/%` };
}

/**
 * The part of the org tree a statement may touch, as the two values of
 * `(org_path = $path OR org_path LIKE $descendants)`: every scoped repository read and change takes one.
 */
export interface AreaScope {
  path: string;
  descendants: string;
}

/** The whole city: admins, and steps a scoped change has already reached (the case workflow's activities). */
export const WHOLE_CITY: AreaScope = { path: '', descendants: '%' };

/** SQL: `column` lies in the scope whose two values are the parameters $n and $n+1 (see scopeParams). */
export function inScope(column: string, n: number): string {
  return `(${column} = $${n} OR ${column} LIKE $${n + 1})`;
}

/** The scope's two values, in the order `inScope` numbers them. */
export function scopeParams(scope: AreaScope): [string, string] {
  return [scope.path, scope.descendants];
}

/** Chengdu's code: the root of the org tree. */
export const CITY_CODE = '510100';

/**
 * The org path of a unit code: the city, then district (6 digits), street (9) and community (12), whose codes
 * nest by prefix, so the path follows from the code alone.
 */
export function orgPathOfCode(code: string): string {
  if (code === CITY_CODE) return CITY_CODE;
  const parts = [CITY_CODE];
  for (const length of [6, 9, 12]) if (code.length >= length) parts.push(code.slice(0, length));
  return parts.join('/');
}

export function isWithinScope(user: AuthenticatedUser, orgPath: string): boolean {
  return orgPath === user.orgPath || orgPath.startsWith(`${user.orgPath}/`);
}

/** The employer id an employer's queries must filter on; refuses callers that are not tied to one. */
export function requireEmployerId(user: AuthenticatedUser): string {
  if (!user.roles.includes('employer') || !user.employerId) {
    throw new ForbiddenException('Only an employer account may do this / 仅限用人单位账号');
  }
  return user.employerId;
}
