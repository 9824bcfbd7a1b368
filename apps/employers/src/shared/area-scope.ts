import { HttpStatus } from '@nestjs/common';
import { AreaScope, AuthenticatedUser, orgScope, WHOLE_CITY } from '@platform/auth';
import { ProblemException } from '@platform/nest-kit';

export { type AreaScope, inScope, scopeParams, WHOLE_CITY } from '@platform/auth';

/** Operators and supervisors: their unit and everything under it. Admins (the platform's own staff): the city. */
export function areaScope(user: AuthenticatedUser): AreaScope {
  return user.roles.includes('admin') ? WHOLE_CITY : orgScope(user);
}

/** The same test in code, only to word a refusal after the scoped statement wrote nothing. */
export function coversPath(scope: AreaScope, orgPath: string): boolean {
  return scope.descendants === '%' || orgPath === scope.path || orgPath.startsWith(`${scope.path}/`);
}

export function notFound(what: { en: string; zh: string }): ProblemException {
  return new ProblemException(HttpStatus.NOT_FOUND, `No such ${what.en} / 未找到该${what.zh}`);
}
