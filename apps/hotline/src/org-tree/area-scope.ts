import { AreaScope, AuthenticatedUser, CITY_CODE, orgScope } from '@platform/auth';

export type { AreaScope } from '@platform/auth';

/**
 * The caller's area for SQL WHERE clauses: staff see their own unit and everything under it; an admin sees
 * the whole city, whatever unit the account is attached to.
 */
export function areaScope(user: AuthenticatedUser): AreaScope {
  return orgScope(user.roles.includes('admin') ? { ...user, orgPath: CITY_CODE } : user);
}

/**
 * `(column = $n OR column LIKE $m)` for a query's WHERE, with the scope's two values appended to `params`.
 * `column` is a fixed column name from the caller's code, never user input.
 */
export function inArea(column: string, scope: AreaScope, params: unknown[]): string {
  return `(${column} = $${params.push(scope.path)} OR ${column} LIKE $${params.push(scope.descendants)})`;
}

/**
 * City-wide settings (the working calendar, the case policy) apply to every district, so only an admin or a
 * supervisor of the city itself may change them; district supervisors read them like everyone else.
 */
export function mayChangeCityWideSettings(user: AuthenticatedUser): boolean {
  if (user.roles.includes('admin')) return true;
  return user.roles.includes('supervisor') && user.orgPath === CITY_CODE;
}
