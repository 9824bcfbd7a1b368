import type { Role } from '@platform/auth';
import type { UserAccount } from './user-account.entity';

/** What a user may see about an account (their own, or in the login response). */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgCode: string;
  orgPath: string;
  employerId: string | null;
}

/** What an admin sees: the summary plus the account's login state. Never the password hash. */
export interface UserAdminView extends UserSummary {
  failedLoginCount: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `account.orgUnit` must be loaded (the path comes from it). */
export function toUserSummary(account: UserAccount): UserSummary {
  if (!account.orgUnit) throw new Error('toUserSummary needs the account loaded with its org unit');
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    orgCode: account.orgUnitCode,
    orgPath: account.orgUnit.path,
    employerId: account.employerId,
  };
}

export function toUserAdminView(account: UserAccount): UserAdminView {
  return {
    ...toUserSummary(account),
    failedLoginCount: account.failedLoginCount,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    disabledAt: account.disabledAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
