/**
 * Employers, their portal accounts, designated assistance bases with capacity, and public-welfare post pools
 * (employers service, as admin). Each is looked up first: employers by name, accounts by username, bases by
 * employer, pools by district, post type and period. Capacity and pools cover this month and the next, the
 * periods the case workflow's escalation reserves in.
 */
import { AccountSpec, ensureAccounts, ORG } from './accounts';
import { Session } from './http-client';
import { period, shanghaiDay, uscc } from './identifiers';
import { Tally } from './tally';

export interface DemoEmployer {
  key: string;
  /** Serial of its (fictional) unified social credit code. */
  serial: number;
  name: string;
  industry: string;
  districtCode: string;
  streetCode: string;
  communityCode?: string;
  addressDetail: string;
  contact: { name: string; phone: string; title: string };
  account: Omit<AccountSpec, 'roles' | 'orgCode' | 'employerId'>;
  /** Designated as an assistance base (援助基地) for these categories, with this capacity a month. */
  base?: { acceptedCategories: string[]; monthlyCapacity: number };
}

/** Every assistance category of the seeded policy: a base designated for all of them takes anyone referred. */
const ALL_CATEGORIES = [
  'older-urban-unemployed',
  'zero-employment-household',
  'single-parent',
  'long-term-unemployed',
  'minimum-living-allowance',
  'disabled',
  'older-rural-unemployed',
  'zero-transfer-household',
  'hardship-graduate',
  'poverty',
];

export const DEMO_EMPLOYERS: DemoEmployer[] = [
  {
    key: 'property',
    serial: 1,
    name: '成都锦城物业服务有限公司',
    industry: '物业管理',
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.yulin,
    communityCode: ORG.communities.yulinNorth,
    addressDetail: '玉林北路 18 号 2 楼',
    contact: { name: '刘经理', phone: '028-85551201', title: '人事经理' },
    account: { username: 'employer.jincheng', displayName: '锦城物业招聘专员（演示）' },
  },
  {
    key: 'catering',
    serial: 2,
    name: '四川蜀味餐饮管理有限公司',
    industry: '餐饮服务',
    districtCode: ORG.jinjiang.district,
    streetCode: ORG.jinjiang.chunxilu,
    communityCode: ORG.communities.heping,
    addressDetail: '春熙路南段 8 号',
    contact: { name: '陈主管', phone: '028-86662302', title: '门店主管' },
    account: { username: 'employer.shuwei', displayName: '蜀味餐饮招聘专员（演示）' },
  },
  {
    key: 'greenway',
    serial: 3,
    name: '成都天府绿道园林养护有限公司',
    industry: '园林绿化',
    districtCode: ORG.wuhou.district,
    streetCode: ORG.wuhou.cuqiao,
    addressDetail: '簇桥乡锦城绿道管护站',
    contact: { name: '王站长', phone: '028-87773403', title: '管护站站长' },
    account: { username: 'employer.lvdao', displayName: '天府绿道园林招聘专员（演示）' },
    base: { acceptedCategories: ALL_CATEGORIES, monthlyCapacity: 8 },
  },
  {
    key: 'packaging',
    serial: 4,
    name: '成都东郊纸品包装有限公司',
    industry: '包装制造',
    districtCode: ORG.jinjiang.district,
    streetCode: ORG.jinjiang.niushikou,
    addressDetail: '牛市口东大街 66 号厂区',
    contact: { name: '赵主任', phone: '028-84444504', title: '生产主任' },
    account: { username: 'employer.dongjiao', displayName: '东郊纸品招聘专员（演示）' },
    base: { acceptedCategories: ALL_CATEGORIES, monthlyCapacity: 6 },
  },
];

/** Public-welfare post pools (公益性岗位) per district, and one city-wide. */
const WELFARE_POOLS = [
  { districtCode: ORG.wuhou.district, postType: '交通协管员', fundedSlots: 6, priorityReserve: 2 },
  { districtCode: ORG.wuhou.district, postType: '社区公共服务岗', fundedSlots: 4, priorityReserve: 2 },
  { districtCode: ORG.jinjiang.district, postType: '城市管理协管员', fundedSlots: 5, priorityReserve: 2 },
  { districtCode: ORG.city, postType: '绿道巡护员', fundedSlots: 10, priorityReserve: 4 },
];

interface EmployerView {
  id: string;
  name: string;
}

interface BaseView {
  id: string;
  employerId: string;
  capacities: Array<{ period: string; capacity: number; taken: number }>;
}

interface PoolView {
  districtCode: string;
  postType: string;
  period: string;
}

/** Employer key → employer id. */
export type EmployerIds = Map<string, string>;

export async function ensureEmployers(admin: Session, tally: Tally): Promise<EmployerIds> {
  const ids: EmployerIds = new Map();
  for (const employer of DEMO_EMPLOYERS) {
    const found = (
      await admin.employers.get<{ items: EmployerView[] }>('/employers', { q: employer.name, limit: 100 })
    ).items.find((candidate) => candidate.name === employer.name);
    if (found) {
      ids.set(employer.key, found.id);
      tally.existing('employers');
      continue;
    }
    const created = await admin.employers.post<EmployerView>('/employers', {
      uscc: uscc(employer.districtCode, employer.serial),
      name: employer.name,
      industry: employer.industry,
      districtCode: employer.districtCode,
      streetCode: employer.streetCode,
      ...(employer.communityCode ? { communityCode: employer.communityCode } : {}),
      addressDetail: employer.addressDetail,
      contacts: [employer.contact],
    });
    ids.set(employer.key, created.id);
    tally.created('employers');
  }
  await ensureAccounts(
    admin,
    DEMO_EMPLOYERS.map((employer) => ({
      ...employer.account,
      roles: ['employer'],
      orgCode: employer.districtCode,
      employerId: ids.get(employer.key)!,
    })),
    tally,
  );
  return ids;
}

export async function ensureAssistanceBases(admin: Session, ids: EmployerIds, tally: Tally): Promise<void> {
  const today = shanghaiDay();
  const periods = [period(today), period(today, 1)];
  const bases = await admin.employers.all<BaseView>('/assistance-bases');
  for (const employer of DEMO_EMPLOYERS.filter((candidate) => candidate.base)) {
    const { acceptedCategories, monthlyCapacity } = employer.base!;
    const employerId = ids.get(employer.key)!;
    const base = bases.find((candidate) => candidate.employerId === employerId);
    if (!base) {
      await admin.employers.post('/assistance-bases', {
        employerId,
        designatedFrom: `${today.slice(0, 4)}-01-01`,
        designatedTo: `${Number(today.slice(0, 4)) + 1}-12-31`,
        acceptedCategories,
        capacities: periods.map((p) => ({ period: p, capacity: monthlyCapacity })),
      });
      tally.created('assistance bases');
      continue;
    }
    tally.existing('assistance bases');
    // A later month the base has no capacity for yet (the demo is started again weeks later).
    for (const p of periods.filter((p) => !base.capacities.some((c) => c.period === p))) {
      await admin.employers.put(`/assistance-bases/${base.id}/capacity/${p}`, { capacity: monthlyCapacity });
    }
  }
}

export async function ensureWelfarePools(admin: Session, tally: Tally): Promise<void> {
  const today = shanghaiDay();
  const pools = await admin.employers.all<PoolView>('/welfare-pools');
  for (const pool of WELFARE_POOLS) {
    for (const p of [period(today), period(today, 1)]) {
      const exists = pools.some(
        (candidate) =>
          candidate.districtCode === pool.districtCode &&
          candidate.postType === pool.postType &&
          candidate.period === p,
      );
      if (exists) {
        tally.existing('welfare pools');
        continue;
      }
      await admin.employers.post('/welfare-pools', { ...pool, period: p });
      tally.created('welfare pools');
    }
  }
}
