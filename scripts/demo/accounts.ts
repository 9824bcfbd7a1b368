/**
 * The org units the demo uses and the accounts it needs beyond the five seeded demo accounts
 * (apps/hotline/src/identity/demo-accounts.ts). Accounts are created through POST /users as admin, with the
 * demo password, and only when no account of that username exists.
 */
import { ApiClient, ApiError, DEMO_PASSWORD, Session } from './http-client';
import { Tally } from './tally';

/** Org units seeded by the hotline's org-tree migration (platform street and demo community codes). */
export const ORG = {
  city: '510100',
  wuhou: { district: '510107', yulin: '510107003', cuqiao: '510107009' },
  jinjiang: { district: '510104', chunxilu: '510104003', niushikou: '510104007' },
  communities: {
    yulinNorth: '510107003001', // 玉林北路社区
    yulinEast: '510107003002', // 玉林东路社区
    heping: '510104003001', // 和平街社区 (春熙路街道)
  },
} as const;

export interface AccountSpec {
  username: string;
  displayName: string;
  roles: Array<'operator' | 'supervisor' | 'employer'>;
  orgCode: string;
  employerId?: string;
}

/** The Jinjiang station's operator, so the board and the KPIs show more than one district. */
export const JINJIANG_OPERATOR: AccountSpec = {
  username: 'operator.jinjiang',
  displayName: '春熙路街道就业专员（演示）',
  roles: ['operator'],
  orgCode: ORG.jinjiang.chunxilu,
};

/** Creates the accounts that do not exist yet (matched by username). */
export async function ensureAccounts(admin: Session, specs: AccountSpec[], tally: Tally): Promise<void> {
  const existing = new Set(
    (await admin.hotline.all<{ username: string }>('/users')).map((user) => user.username),
  );
  for (const spec of specs) {
    if (existing.has(spec.username)) {
      tally.existing('accounts');
      continue;
    }
    await createAccount(admin.hotline, spec);
    tally.created('accounts');
  }
}

async function createAccount(hotline: ApiClient, spec: AccountSpec): Promise<void> {
  try {
    await hotline.post('/users', { ...spec, password: DEMO_PASSWORD });
  } catch (error) {
    // Created by a concurrent run between the list and this call: that is the state we want.
    if (!(error instanceof ApiError && error.status === 409)) throw error;
  }
}
