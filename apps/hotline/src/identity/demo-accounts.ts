import { DataSource } from 'typeorm';
import type { Role } from '@platform/auth';
import { assertSchemaName } from '@platform/database';
import { PasswordHasher } from './password-hasher';

/** Publicly known: demo accounts are for local and demo stacks only (seed-demo.ts refuses production). */
export const DEMO_PASSWORD = 'Demo-962110!';
export const DEMO_EMPLOYER_ID = '00000000-0000-4000-8000-000000000001';

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  orgCode: string;
  employerId: string | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    displayName: '系统管理员（演示）',
    roles: ['admin'],
    orgCode: '510100',
    employerId: null,
  },
  {
    username: 'supervisor.city',
    displayName: '市级督导（演示）',
    roles: ['supervisor'],
    orgCode: '510100',
    employerId: null,
  },
  {
    username: 'supervisor.wuhou',
    displayName: '武侯区督导（演示）',
    roles: ['supervisor'],
    orgCode: '510107',
    employerId: null,
  },
  // 510107003 = 玉林街道 (platform street code).
  {
    username: 'operator.wuhou',
    displayName: '玉林街道就业专员（演示）',
    roles: ['operator'],
    orgCode: '510107003',
    employerId: null,
  },
  {
    username: 'employer.demo',
    displayName: '演示用人单位',
    roles: ['employer'],
    orgCode: '510100',
    employerId: DEMO_EMPLOYER_ID,
  },
];

/**
 * Creates the demo accounts that are missing; existing ones (even with a changed password) are left alone.
 * Not a migration: production databases must never receive accounts with a published password.
 * Returns the usernames it created.
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  schema: string,
  hasher = new PasswordHasher(),
): Promise<string[]> {
  assertSchemaName(schema);
  const existing = new Set(
    (
      await dataSource.query<Array<{ username: string }>>(
        `SELECT username FROM "${schema}".user_accounts WHERE username = ANY ($1)`,
        [DEMO_ACCOUNTS.map((account) => account.username)],
      )
    ).map((row) => row.username),
  );
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS.filter((candidate) => !existing.has(candidate.username))) {
    // ON CONFLICT covers a second seeder running at the same moment.
    const rows = await dataSource.query<Array<{ username: string }>>(
      `INSERT INTO "${schema}".user_accounts (username, display_name, password_hash, roles, org_unit_code, employer_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (username) DO NOTHING
       RETURNING username`,
      [
        account.username,
        account.displayName,
        await hasher.hash(DEMO_PASSWORD),
        account.roles,
        account.orgCode,
        account.employerId,
      ],
    );
    created.push(...rows.map((row) => row.username));
  }
  return created;
}
