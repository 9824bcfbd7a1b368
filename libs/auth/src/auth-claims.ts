export const ROLES = ['operator', 'supervisor', 'employer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_LEVELS = ['city', 'district', 'street', 'community'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const TOKEN_ISSUER = '962110-hotline';
export const TOKEN_AUDIENCE = '962110-platform';
/** Access tokens are signed with ES256 by the hotline alone; every service verifies with the public key. */
export const TOKEN_ALGORITHM = 'ES256';
/**
 * Short, so a stolen access token is worth little; the console renews it with its refresh token. Also how long
 * a verifier must remember a revoked session id (docs/adr/0003-tokens-and-sessions.md).
 */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

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
  /** The session the token belongs to: logging out or disabling the account revokes it on every service. */
  sid: string;
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
