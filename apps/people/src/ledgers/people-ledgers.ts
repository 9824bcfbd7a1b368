import type { LedgerColumn } from '@platform/ledger-export';
import { retirementDateSql } from './retirement-sql';

/**
 * The five of the six ledgers (六本台账) the people service builds from its own data; the sixth, employer
 * vacancies, is the jobs service's. Each is one SELECT over the month and a unit, with the caller's scope in
 * its WHERE. Parameters of every query: $1 month (YYYY-MM), $2 $3 the unit's subtree, $4 $5 the caller's.
 * docs/ledgers.md says where each column comes from.
 */
export const PEOPLE_LEDGERS = [
  'registered-unemployed',
  'job-seekers',
  'insured',
  'retirees',
  'training',
] as const;
export type PeopleLedger = (typeof PEOPLE_LEDGERS)[number];

export interface LedgerDefinition {
  title: { zh: string; en: string };
  columns: LedgerColumn[];
  /** The column the summary counts rows by. */
  summaryBy: string;
  /** The SELECT (columns named by the keys above), in a stable order. */
  sql: (schema: string) => string;
}

const col = (key: string, zh: string, en: string): LedgerColumn => ({ key, zh, en });

/** The month's first day and the next month's, as days and as Shanghai instants. */
const MONTH = `m AS (
  SELECT ($1 || '-01')::date AS first_day,
         (($1 || '-01')::date + interval '1 month')::date AS next_day,
         (($1 || '-01')::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts,
         (($1 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends)`;

const inUnitAndScope = (column: string) =>
  `(${column} = $2 OR ${column} LIKE $3) AND (${column} = $4 OR ${column} LIKE $5)`;

const GENDER = (column: string) => `CASE ${column} WHEN 'male' THEN '男 Male' ELSE '女 Female' END`;
const YES_NO = (condition: string) => `CASE WHEN ${condition} THEN '是 Yes' ELSE '否 No' END`;
const STATUS_LABEL = (status: string) =>
  `CASE ${status} WHEN 'registered' THEN '登记失业 Registered unemployed' WHEN 'employed' THEN '已就业 Employed'
     ELSE '已注销 Deregistered' END`;

const personColumns = [
  col('name', '姓名', 'Name'),
  col('idNumber', '身份证号(脱敏)', 'ID number (masked)'),
  col('phone', '手机(脱敏)', 'Mobile (masked)'),
  col('gender', '性别', 'Gender'),
  col('birthDate', '出生日期', 'Birth date'),
  col('community', '社区代码', 'Community code'),
];
const personSelect = (p: string) =>
  `${p}.name, ${p}.id_number_masked AS "idNumber", ${p}.phone_masked AS phone, ${GENDER(`${p}.gender`)} AS gender,
   ${p}.birth_date::text AS "birthDate", ${p}.community_code AS community`;

/**
 * The latest import of a kind per importing unit (dated on or before the month's end); a person in two of them
 * (a city list and a newer district list) appears once, from the newest.
 */
const importedRows = (s: string, kind: 'insured' | 'retired') => `
  SELECT DISTINCT ON (r.id_number_bidx) r.*, i.source, i.as_of, i.imported_at
    FROM (SELECT DISTINCT ON (l.unit_path) l.* FROM "${s}".social_insurance_imports l, m
           WHERE l.kind = '${kind}' AND l.as_of < m.next_day
           ORDER BY l.unit_path, l.as_of DESC, l.imported_at DESC) i
    JOIN "${s}".social_insurance_import_rows r ON r.import_id = i.id
   WHERE ${inUnitAndScope('r.org_path')}
   ORDER BY r.id_number_bidx, i.as_of DESC, i.imported_at DESC`;

export const PEOPLE_LEDGER_DEFINITIONS: Record<PeopleLedger, LedgerDefinition> = {
  // 登记失业人员台账: registered on or before the month's end, unemployed at its end or changed within it.
  'registered-unemployed': {
    title: { zh: '登记失业人员台账', en: 'Registered unemployed' },
    summaryBy: 'statusAtMonthEnd',
    columns: [
      ...personColumns,
      col('registeredOn', '失业登记日期', 'Registered on'),
      col('statusAtMonthEnd', '月末状态', 'Status at month end'),
      col('registeredInMonth', '本月新登记', 'Registered this month'),
      col('categories', '援助对象类别', 'Assistance categories'),
    ],
    // Set-based (hash joins over the month's employment changes and the categories), not a lookup per person:
    // a city's month is hundreds of thousands of rows.
    sql: (s) => `WITH ${MONTH},
      before_end AS (
        SELECT DISTINCT ON (e.person_id) e.person_id, e.kind FROM "${s}".employment_events e, m
         WHERE e.occurred_at < m.ends ORDER BY e.person_id, e.occurred_at DESC),
      after_end AS (
        SELECT DISTINCT ON (e.person_id) e.person_id, e.kind FROM "${s}".employment_events e, m
         WHERE e.occurred_at >= m.ends ORDER BY e.person_id, e.occurred_at),
      changed AS (
        SELECT DISTINCT e.person_id FROM "${s}".employment_events e, m
         WHERE e.occurred_at >= m.starts AND e.occurred_at < m.ends),
      categories AS (
        SELECT pc.person_id, string_agg(c.name_zh || ' ' || c.name_en, '；' ORDER BY c.sort_order, c.code) AS names
          FROM "${s}".person_categories pc JOIN "${s}".assistance_categories c ON c.code = pc.category_code
         GROUP BY pc.person_id),
      rows AS (
        SELECT p.*, m.first_day, ch.person_id IS NOT NULL AS changed,
               coalesce(CASE b.kind WHEN 'employed' THEN 'employed' WHEN 'unemployed' THEN 'registered' END,
                        -- No change by the month's end: the state before the first later change.
                        CASE a.kind WHEN 'employed' THEN 'registered' WHEN 'unemployed' THEN 'employed' END,
                        p.unemployment_status) AS status_at_end
          FROM "${s}".persons p CROSS JOIN m
          LEFT JOIN before_end b ON b.person_id = p.id
          LEFT JOIN after_end a ON a.person_id = p.id
          LEFT JOIN changed ch ON ch.person_id = p.id
         WHERE p.unemployment_registered_on < m.next_day AND ${inUnitAndScope('p.org_path')})
      SELECT ${personSelect('rows')}, rows.unemployment_registered_on::text AS "registeredOn",
             ${STATUS_LABEL('rows.status_at_end')} AS "statusAtMonthEnd",
             ${YES_NO('rows.unemployment_registered_on >= rows.first_day')} AS "registeredInMonth",
             cat.names AS categories
        FROM rows LEFT JOIN categories cat ON cat.person_id = rows.id
       WHERE rows.status_at_end = 'registered' OR rows.changed
       ORDER BY rows.community_code, rows.name, rows.id`,
  },

  // 求职登记台账: persons who sought work in the month (registered, or any service record in the month).
  'job-seekers': {
    title: { zh: '求职登记台账', en: 'Job seekers' },
    summaryBy: 'kind',
    columns: [
      ...personColumns,
      col('kind', '求职类型', 'Kind'),
      col('serviceRecords', '本月服务记录数', 'Service records this month'),
      col('jobReferrals', '本月岗位推荐数', 'Job referrals this month'),
      col('firstContact', '本月首次服务', 'First service this month'),
    ],
    sql: (s) => `WITH ${MONTH},
      activity AS (
        SELECT r.person_id, count(*) AS records, count(*) FILTER (WHERE r.kind = 'job-referral') AS referrals,
               min(r.occurred_at) AS first_at
          FROM "${s}".service_records r, m
         WHERE r.occurred_at >= m.starts AND r.occurred_at < m.ends
         GROUP BY r.person_id)
      SELECT ${personSelect('p')},
             CASE WHEN p.created_at >= m.starts AND p.created_at < m.ends THEN '新登记 New registration'
                  ELSE '已登记 Registered before' END AS kind,
             coalesce(a.records, 0)::int AS "serviceRecords", coalesce(a.referrals, 0)::int AS "jobReferrals",
             to_char(coalesce(a.first_at, p.created_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "firstContact"
        FROM "${s}".persons p CROSS JOIN m LEFT JOIN activity a ON a.person_id = p.id
       WHERE ${inUnitAndScope('p.org_path')}
         AND (a.person_id IS NOT NULL OR (p.created_at >= m.starts AND p.created_at < m.ends)
              OR (p.unemployment_registered_on >= m.first_day AND p.unemployment_registered_on < m.next_day))
       ORDER BY p.community_code, p.name, p.id`,
  },

  // 参保人员台账: the platform holds no social insurance; imported lists only.
  insured: {
    title: { zh: '参保人员台账', en: 'Insured persons' },
    summaryBy: 'insuranceType',
    columns: [
      col('name', '姓名', 'Name'),
      col('idNumber', '身份证号(脱敏)', 'ID number (masked)'),
      col('community', '社区代码', 'Community code'),
      col('insuranceType', '险种', 'Insurance'),
      col('since', '参保日期', 'Insured since'),
      col('knownPerson', '本平台已登记', 'Registered on this platform'),
      col('source', '来源', 'Source'),
      col('asOf', '数据日期', 'Data as of'),
    ],
    sql: (s) => `WITH ${MONTH}, imported AS (${importedRows(s, 'insured')})
      SELECT r.name, r.id_number_masked AS "idNumber", r.community_code AS community,
             r.insurance_type AS "insuranceType", r.since::text AS since,
             ${YES_NO('r.person_id IS NOT NULL')} AS "knownPerson",
             '导入 Import: ' || r.source AS source, r.as_of::text AS "asOf"
        FROM imported r
       ORDER BY r.community_code, r.name, r.id_number_masked`,
  },

  // 退休人员台账: imported retirees, plus registered persons past the statutory age at the month's end.
  retirees: {
    title: { zh: '退休人员台账', en: 'Retirees' },
    summaryBy: 'source',
    columns: [
      col('name', '姓名', 'Name'),
      col('idNumber', '身份证号(脱敏)', 'ID number (masked)'),
      col('community', '社区代码', 'Community code'),
      col('retiredOn', '退休日期', 'Retired on'),
      col('source', '来源', 'Source'),
      col('asOf', '数据日期', 'Data as of'),
    ],
    sql: (s) => `WITH ${MONTH}, imported AS (${importedRows(s, 'retired')}),
      computed AS (
        SELECT p.name, p.id_number_masked, p.community_code, ${retirementDateSql('p.birth_date', 'p.gender')} AS retired_on,
               p.id_number_bidx
          FROM "${s}".persons p
         WHERE ${inUnitAndScope('p.org_path')})
      SELECT r.name, r.id_number_masked AS "idNumber", r.community_code AS community, r.since::text AS "retiredOn",
             '导入 Import: ' || r.source AS source, r.as_of::text AS "asOf", r.community_code AS sort_community
        FROM imported r
      UNION ALL
      SELECT c.name, c.id_number_masked, c.community_code, c.retired_on::text,
             '按出生日期和法定退休年龄推算 Computed from birth date and statutory retirement age', NULL, c.community_code
        FROM computed c, m
       WHERE c.retired_on < m.next_day
         AND NOT EXISTS (SELECT 1 FROM imported r WHERE r.id_number_bidx = c.id_number_bidx)
       ORDER BY sort_community, 1, 2`,
  },

  // 技能培训台账: enrolments of the unit's persons whose course ran in the month or that changed in it.
  training: {
    title: { zh: '技能培训台账', en: 'Skills training' },
    summaryBy: 'statusAtMonthEnd',
    columns: [
      ...personColumns.slice(0, 2),
      col('community', '社区代码', 'Community code'),
      col('course', '培训课程', 'Course'),
      col('provider', '培训机构', 'Provider'),
      col('occupation', '职业(工种)', 'Occupation'),
      col('level', '等级', 'Level'),
      col('courseDates', '培训时间', 'Course dates'),
      col('statusAtMonthEnd', '月末状态', 'Status at month end'),
      col('passed', '考核合格', 'Passed'),
      col('certificateNo', '证书编号', 'Certificate no.'),
    ],
    sql: (s) => `WITH ${MONTH}
      SELECT p.name, p.id_number_masked AS "idNumber", p.community_code AS community, c.title AS course,
             pr.name AS provider, c.occupation, c.level, c.starts_on::text || ' – ' || c.ends_on::text AS "courseDates",
             CASE WHEN e.completed_at < m.ends THEN '已结业 Completed'
                  WHEN e.dropped_at < m.ends THEN '已退出 Dropped'
                  WHEN e.enrolled_at < m.ends THEN '在训 Enrolled'
                  ELSE '已推荐 Referred' END AS "statusAtMonthEnd",
             CASE WHEN e.completed_at < m.ends THEN ${YES_NO('e.passed')} END AS passed,
             CASE WHEN e.completed_at < m.ends THEN e.certificate_no END AS "certificateNo"
        FROM "${s}".training_enrolments e
        JOIN "${s}".training_courses c ON c.id = e.course_id
        JOIN "${s}".training_providers pr ON pr.id = c.provider_id
        JOIN "${s}".persons p ON p.id = e.person_id
        CROSS JOIN m
       WHERE ${inUnitAndScope('p.org_path')} AND e.referred_at < m.ends
         AND ((c.starts_on < m.next_day AND c.ends_on >= m.first_day)
              OR (e.referred_at >= m.starts) OR (e.completed_at >= m.starts AND e.completed_at < m.ends)
              OR (e.dropped_at >= m.starts AND e.dropped_at < m.ends))
       ORDER BY p.community_code, p.name, c.starts_on, e.id`,
  },
};
