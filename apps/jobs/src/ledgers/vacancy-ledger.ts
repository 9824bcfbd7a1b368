import type { LedgerColumn } from '@platform/ledger-export';

/**
 * The sixth of the six ledgers (六本台账): employer vacancies open at any time in the month, with what they
 * posted and what was filled. Parameters: $1 month (YYYY-MM), $2 $3 the unit's subtree, $4 $5 the caller's.
 * A vacancy's place in the org tree follows from its district, street and community codes.
 */
export const JOBS_LEDGERS = ['vacancies'] as const;
export type JobsLedger = (typeof JOBS_LEDGERS)[number];

const col = (key: string, zh: string, en: string): LedgerColumn => ({ key, zh, en });

export const VACANCY_LEDGER = {
  title: { zh: '用人单位岗位空缺台账', en: 'Employer vacancies' },
  summaryBy: 'statusAtMonthEnd',
  columns: [
    col('employer', '用人单位', 'Employer'),
    col('title', '岗位名称', 'Job title'),
    col('occupation', '职业代码', 'Occupation code'),
    col('kind', '岗位类型', 'Kind'),
    col('place', '工作地点代码', 'Place of work (code)'),
    col('postedOn', '发布日期', 'Posted on'),
    col('validTo', '有效期至', 'Valid to'),
    col('posted', '招用人数', 'Places posted'),
    col('filledInMonth', '本月上岗人数', 'Filled this month'),
    col('filledTotal', '累计上岗人数', 'Filled in total'),
    col('openPlaces', '空缺人数', 'Places open'),
    col('statusAtMonthEnd', '月末状态', 'Status at month end'),
  ] as LedgerColumn[],
  sql: (s: string) => `WITH m AS (
      SELECT ($1 || '-01')::date AS first_day,
             (($1 || '-01')::date + interval '1 month')::date AS next_day,
             (($1 || '-01')::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AS starts,
             (($1 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai' AS ends),
    v AS (
      SELECT v.*, '510100/' || v.district_code || '/' || v.street_code || coalesce('/' || v.community_code, '') AS org_path
        FROM "${s}".vacancies v)
    SELECT coalesce(n.name, '（名称尚未同步）(name not received yet)') AS employer, v.title,
           v.occupation_code AS occupation,
           CASE v.kind WHEN 'market' THEN '市场岗位 Market' WHEN 'public_welfare' THEN '公益性岗位 Public welfare'
                ELSE '援助基地 Assistance base' END AS kind,
           coalesce(v.community_code, v.street_code) AS place,
           to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "postedOn", v.valid_to::text AS "validTo",
           v.headcount AS posted, f.n AS "filledInMonth", v.taken AS "filledTotal",
           v.headcount - v.taken AS "openPlaces",
           CASE WHEN v.status = 'open' AND v.valid_to >= m.next_day - 1 THEN '招聘中 Open'
                ELSE '已结束 Ended' END AS "statusAtMonthEnd"
      FROM v CROSS JOIN m
      LEFT JOIN "${s}".employer_names n ON n.employer_id = v.employer_id
      -- One index lookup per vacancy (referrals_vacancy_idx): robust whatever the planner guesses of the month.
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM "${s}".referrals r
         WHERE r.vacancy_id = v.id AND r.started_on >= m.first_day AND r.started_on < m.next_day) f
     WHERE (v.org_path = $2 OR v.org_path LIKE $3) AND (v.org_path = $4 OR v.org_path LIKE $5)
       AND v.created_at < m.ends AND v.valid_from < m.next_day AND v.valid_to >= m.first_day
       AND (v.status = 'open' OR v.updated_at >= m.starts)
     ORDER BY v.district_code, v.street_code, employer, v.created_at, v.id`,
};
