export const ROLES = ['operator', 'supervisor', 'employer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const TOKEN_ISSUER = '962110-hotline';
export const TOKEN_AUDIENCE = '962110-platform';

/** What a verified token says about its bearer; every service reads the caller from this. */
export interface AuthenticatedUser {
  userId: string;
  username: string;
  roles: Role[];
  /** The caller's unit in the four-level tree and its path from the city, e.g. "510100/510104/510104001". */
  orgCode: string;
  orgPath: string;
  /** Set for role `employer` only: every employer query filters on it. */
  employerId: string | null;
}

/** The JWT payload as signed by the hotline service. */
export interface TokenPayload {
  sub: string;
  username: string;
  roles: Role[];
  org: { code: string; path: string };
  employerId: string | null;
}

export function toAuthenticatedUser(payload: TokenPayload): AuthenticatedUser {
  return {
    userId: payload.sub,
    username: payload.username,
    roles: payload.roles,
    orgCode: payload.org.code,
    orgPath: payload.org.path,
    employerId: payload.employerId,
  };
}
