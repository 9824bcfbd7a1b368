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

/** SQL values for `(org_path = $path OR org_path LIKE $descendants)`; admins see everything. */
export function scopeOf(actor: Actor): { path: string; descendants: string } {
  if (actor.roles.includes('admin')) return { path: '', descendants: '%' };
  return orgScope({ ...actor, orgCode: '', employerId: null });
}

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
