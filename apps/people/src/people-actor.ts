import { AuthenticatedUser, isWithinScope, orgScope, Role } from '@platform/auth';

/** Who acts: an HTTP caller or the staff member a workflow acts for. Only what scope and audit need. */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  orgPath: string;
}

export function actorOf(user: AuthenticatedUser): Actor {
  return { userId: user.userId, username: user.username, roles: user.roles, orgPath: user.orgPath };
}

/**
 * The part of the org tree a statement may touch, as the two values of
 * `(org_path = $path OR org_path LIKE $descendants)`. Every repository read and change takes one.
 */
export interface Scope {
  path: string;
  descendants: string;
}

/** The whole city: admins, and the category re-evaluation a scoped change has already reached. */
export const WHOLE_CITY: Scope = { path: '', descendants: '%' };

/** Operators and supervisors: their unit and everything under it. Admins: the whole city. */
export function scopeOf(actor: Actor): Scope {
  if (actor.roles.includes('admin')) return WHOLE_CITY;
  return orgScope({ ...actor, orgCode: '', employerId: null });
}

/** SQL: `column` lies in the scope whose two values are the parameters $n and $n+1 (see scopeParams). */
export function inScope(column: string, n: number): string {
  return `(${column} = $${n} OR ${column} LIKE $${n + 1})`;
}

export function scopeParams(scope: Scope): [string, string] {
  return [scope.path, scope.descendants];
}

/** Only to check a new record's own area before it is written (nothing to load). */
export function actorCovers(actor: Actor, orgPath: string): boolean {
  return actor.roles.includes('admin') || isWithinScope({ ...actor, orgCode: '', employerId: null }, orgPath);
}

/** The four-level path of a community: city (4 digits + 00) / district (6) / street (9) / community (12). */
export function orgPathOfCommunity(communityCode: string): string {
  return [
    `${communityCode.slice(0, 4)}00`,
    communityCode.slice(0, 6),
    communityCode.slice(0, 9),
    communityCode,
  ].join('/');
}
