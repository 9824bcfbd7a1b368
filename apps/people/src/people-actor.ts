import { AreaScope, AuthenticatedUser, isWithinScope, orgScope, Role, WHOLE_CITY } from '@platform/auth';

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

/** The scope of a statement (`AreaScope` of libs/auth), under the name the people service uses. */
export type Scope = AreaScope;
export { inScope, scopeParams, WHOLE_CITY } from '@platform/auth';

/** Operators and supervisors: their unit and everything under it. Admins: the whole city. */
export function scopeOf(actor: Actor): Scope {
  if (actor.roles.includes('admin')) return WHOLE_CITY;
  return orgScope({ ...actor, orgCode: '', employerId: null });
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
