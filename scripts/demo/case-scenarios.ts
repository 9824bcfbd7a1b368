/**
 * The help-request cases of the demo, one per caller, each driven through the real case API and workflow to
 * the state its name says. `received` backdates the call (POST /cases `receivedAt`) so the 2-working-day
 * clock has run: the workflow then fires the milestones that are already past (warnings, escalation to an
 * assistance base or public-welfare post, breach) as soon as the person is registered.
 */
import type { EmployerDeclineReason, HelpRequestEnding } from '@platform/contracts';

export type Received =
  /** Taken now. */
  | { kind: 'now' }
  /** The most recent office-hours call whose deadline is the end of the current working day: ≤ 1 working day left. */
  | { kind: 'at-risk' }
  /** The most recent office-hours call whose deadline has passed. */
  | { kind: 'breached' }
  /** Taken on paper this many days ago at 10:00 and keyed in now. */
  | { kind: 'days-ago'; days: number };

export type CaseStep =
  | { do: 'contact'; reached: boolean; note: string }
  | { do: 'propose'; vacancy: string }
  | { do: 'employer-accept'; vacancy: string }
  | { do: 'employer-decline'; vacancy: string; reasonCode: EmployerDeclineReason; reason: string }
  | { do: 'person-accept'; vacancy: string }
  | { do: 'person-decline'; vacancy: string; reasonCode: string; reason: string }
  /** The employer confirms the start in its portal; started today, or this many days after the call. */
  | { do: 'start'; vacancy: string; daysAfterCall?: number }
  /** The person starts at the public-welfare post or assistance base the escalation reserved, today. */
  | { do: 'escalation-start' }
  | { do: 'callback'; working: boolean; satisfaction: number; note: string }
  | { do: 'close'; ending: HelpRequestEnding; reason: string };

export interface CaseScenario {
  /** Stable: the case's Idempotency-Key is `demo-case-<key>`. */
  key: string;
  /** Demo person ref (people.ts). */
  person: string;
  operator: 'operator.wuhou' | 'operator.jinjiang';
  received: Received;
  wants: string;
  acceptsAnyJob: boolean;
  maxDistanceKm: number;
  steps: CaseStep[];
}

const NOW: Received = { kind: 'now' };

/** Refusal reason outside the policy's valid codes: counts towards "picking and choosing". */
const NOT_INTERESTED = 'not-interested';

export const CASE_SCENARIOS: CaseScenario[] = [
  // ---- 玉林街道 (Wuhou), operator.wuhou ----
  {
    key: 'wh-registered',
    person: 'wh-01',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '想找仓库管理类工作，离家近一点',
    acceptsAnyJob: true,
    maxDistanceKm: 8,
    steps: [],
  },
  {
    key: 'wh-registered-contacted',
    person: 'wh-02',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '保洁或家政都可以，白天上班',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [{ do: 'contact', reached: false, note: '回电未接通，已发短信告知岗位推荐进度' }],
  },
  {
    key: 'wh-awaiting-employer',
    person: 'wh-03',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '仓储理货类全职岗位',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [{ do: 'propose', vacancy: 'warehouse-clerk' }],
  },
  {
    key: 'wh-awaiting-person',
    person: 'wh-04',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '快递分拣，夜班也可以',
    acceptsAnyJob: true,
    maxDistanceKm: 15,
    steps: [
      { do: 'propose', vacancy: 'parcel-sorter' },
      { do: 'employer-accept', vacancy: 'parcel-sorter' },
    ],
  },
  {
    key: 'wh-awaiting-start',
    person: 'wh-05',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '需要接送孩子，希望就近上班',
    acceptsAnyJob: true,
    maxDistanceKm: 3,
    steps: [
      { do: 'propose', vacancy: 'cleaner' },
      { do: 'employer-accept', vacancy: 'cleaner' },
      { do: 'person-accept', vacancy: 'cleaner' },
    ],
  },
  {
    key: 'wh-placed',
    person: 'wh-06',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '行动不便，希望坐着的工作或居家工作',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [
      { do: 'propose', vacancy: 'customer-service' },
      { do: 'employer-accept', vacancy: 'customer-service' },
      { do: 'person-accept', vacancy: 'customer-service' },
      { do: 'start', vacancy: 'customer-service' },
    ],
  },
  {
    key: 'wh-callback-done',
    person: 'wh-07',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '门岗值守之类的工作',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [
      { do: 'propose', vacancy: 'security' },
      { do: 'employer-accept', vacancy: 'security' },
      { do: 'person-accept', vacancy: 'security' },
      { do: 'start', vacancy: 'security' },
      { do: 'callback', working: true, satisfaction: 5, note: '已到岗，对工作安排满意' },
    ],
  },
  {
    key: 'wh-reopened',
    person: 'wh-08',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '仓库或物流类工作',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [
      { do: 'propose', vacancy: 'warehouse-clerk' },
      { do: 'employer-accept', vacancy: 'warehouse-clerk' },
      { do: 'person-accept', vacancy: 'warehouse-clerk' },
      { do: 'start', vacancy: 'warehouse-clerk' },
      {
        do: 'callback',
        working: false,
        satisfaction: 2,
        note: '上岗第一天因腰伤无法搬运，已离岗，需重新推荐',
      },
    ],
  },
  {
    key: 'wh-promise-waived',
    person: 'wh-09',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '想找办公室文员类工作',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [
      { do: 'propose', vacancy: 'parcel-sorter' },
      { do: 'employer-accept', vacancy: 'parcel-sorter' },
      { do: 'person-decline', vacancy: 'parcel-sorter', reasonCode: NOT_INTERESTED, reason: '不想做体力活' },
      { do: 'propose', vacancy: 'cleaner' },
      { do: 'employer-accept', vacancy: 'cleaner' },
      { do: 'person-decline', vacancy: 'cleaner', reasonCode: NOT_INTERESTED, reason: '只考虑文员岗位' },
    ],
  },
  {
    key: 'wh-withdrawn',
    person: 'wh-10',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '装卸搬运',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [{ do: 'close', ending: 'withdrawn', reason: '本人来电告知已通过亲戚介绍找到工作，撤回求助' }],
  },
  {
    key: 'wh-unreachable',
    person: 'wh-11',
    operator: 'operator.wuhou',
    received: NOW,
    wants: '超市收银',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [
      { do: 'contact', reached: false, note: '上午致电无人接听' },
      { do: 'close', ending: 'unreachable', reason: '三次致电及上门均未联系上本人' },
    ],
  },
  {
    key: 'wh-at-risk',
    person: 'wh-12',
    operator: 'operator.wuhou',
    received: { kind: 'at-risk' },
    wants: '年纪大了，希望做绿化或保洁',
    acceptsAnyJob: true,
    maxDistanceKm: 15,
    steps: [],
  },
  {
    key: 'wh-at-risk-proposed',
    person: 'wh-13',
    operator: 'operator.wuhou',
    received: { kind: 'at-risk' },
    wants: '保洁类工作',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [{ do: 'propose', vacancy: 'cleaner' }],
  },
  {
    key: 'wh-breached',
    person: 'wh-14',
    operator: 'operator.wuhou',
    received: { kind: 'breached' },
    wants: '保安或门卫',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [
      { do: 'propose', vacancy: 'security' },
      {
        do: 'employer-decline',
        vacancy: 'security',
        reasonCode: 'position_filled',
        reason: '本月夜班岗位已满，暂不接收',
      },
    ],
  },
  {
    key: 'wh-late-callback-due',
    person: 'wh-15',
    operator: 'operator.wuhou',
    received: { kind: 'days-ago', days: 6 },
    wants: '电话客服，可以兼职',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [
      { do: 'propose', vacancy: 'customer-service' },
      { do: 'employer-accept', vacancy: 'customer-service' },
      { do: 'person-accept', vacancy: 'customer-service' },
      { do: 'start', vacancy: 'customer-service', daysAfterCall: 3 },
    ],
  },
  {
    key: 'wh-following-up',
    person: 'wh-16',
    operator: 'operator.wuhou',
    received: { kind: 'days-ago', days: 12 },
    wants: '秩序维护或保安',
    acceptsAnyJob: true,
    maxDistanceKm: 8,
    steps: [
      { do: 'propose', vacancy: 'security' },
      { do: 'employer-accept', vacancy: 'security' },
      { do: 'person-accept', vacancy: 'security' },
      { do: 'start', vacancy: 'security', daysAfterCall: 4 },
      { do: 'callback', working: true, satisfaction: 4, note: '已稳定上岗，希望以后能调到白班' },
    ],
  },
  // ---- 春熙路街道 (Jinjiang), operator.jinjiang ----
  {
    key: 'jj-registered',
    person: 'jj-01',
    operator: 'operator.jinjiang',
    received: NOW,
    wants: '厨房帮工',
    acceptsAnyJob: true,
    maxDistanceKm: 8,
    steps: [],
  },
  {
    key: 'jj-awaiting-employer',
    person: 'jj-02',
    operator: 'operator.jinjiang',
    received: NOW,
    wants: '餐饮后厨，切配洗碗都行',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [{ do: 'propose', vacancy: 'kitchen-helper' }],
  },
  {
    key: 'jj-placed',
    person: 'jj-03',
    operator: 'operator.jinjiang',
    received: NOW,
    wants: '餐厅服务员',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [
      { do: 'propose', vacancy: 'waiter' },
      { do: 'employer-accept', vacancy: 'waiter' },
      { do: 'person-accept', vacancy: 'waiter' },
      { do: 'start', vacancy: 'waiter' },
    ],
  },
  {
    key: 'jj-referred-elsewhere',
    person: 'jj-04',
    operator: 'operator.jinjiang',
    received: NOW,
    wants: '手工类工作',
    acceptsAnyJob: true,
    maxDistanceKm: 5,
    steps: [
      { do: 'close', ending: 'referred-elsewhere', reason: '转介区残联辅助性就业机构，由其安排庇护性岗位' },
    ],
  },
  {
    key: 'jj-ineligible',
    person: 'jj-05',
    operator: 'operator.jinjiang',
    received: NOW,
    wants: '送餐员',
    acceptsAnyJob: false,
    maxDistanceKm: 10,
    steps: [
      {
        do: 'close',
        ending: 'ineligible',
        reason: '非本市户籍，居住及参保均不满 6 个月，已告知可使用公共招聘服务',
      },
    ],
  },
  {
    key: 'jj-at-risk',
    person: 'jj-06',
    operator: 'operator.jinjiang',
    received: { kind: 'at-risk' },
    wants: '包装或手工类工作',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [],
  },
  {
    key: 'jj-breached',
    person: 'jj-07',
    operator: 'operator.jinjiang',
    received: { kind: 'breached' },
    wants: '搬运装卸',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [{ do: 'propose', vacancy: 'kitchen-helper' }],
  },
  {
    // 低保: at one working day left the workflow reserved a public-welfare post; the operator records the start.
    key: 'jj-placed-via-escalation',
    person: 'jj-09',
    operator: 'operator.jinjiang',
    received: { kind: 'at-risk' },
    wants: '什么工作都可以，希望尽快上岗',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [{ do: 'escalation-start' }],
  },
  {
    // Registered by this intake (低保, disability certificate, unemployed since April): no market placement, so
    // the workflow escalated to a Wuhou public-welfare post, where he started.
    key: 'wh-hardship-intake',
    person: 'wh-17',
    operator: 'operator.wuhou',
    received: { kind: 'breached' },
    wants: '什么工作都可以',
    acceptsAnyJob: true,
    maxDistanceKm: 10,
    steps: [{ do: 'escalation-start' }],
  },
  {
    key: 'jj-withdrawn-last-week',
    person: 'jj-08',
    operator: 'operator.jinjiang',
    received: { kind: 'days-ago', days: 9 },
    wants: '文员',
    acceptsAnyJob: true,
    maxDistanceKm: 8,
    steps: [{ do: 'close', ending: 'withdrawn', reason: '本人考取事业单位，撤回求助' }],
  },
];
