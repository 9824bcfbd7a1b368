/**
 * Benchmark of matching (top 20) and Chinese keyword search on 1,000,000 generated vacancies and 100,000
 * generated persons (realistic titles, Chengdu districts and streets), in a throwaway schema of the test
 * database that is dropped afterwards. Each figure has a same-run baseline: the same statement with index
 * scans disabled (sequential scan, i.e. what the query costs without the GiST / n-gram GIN indexes).
 * The statements are the ones the API runs (matchSql, vacancyListSql). Not a test.
 *
 *   npm run bench:matching [-- --vacancies 1000000 --persons 100000 --runs 200 --keep]
 */
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { createServiceDataSource, migrateUnderLock } from '@platform/database';
import { loadStackEnv, testDatabaseUrl } from '@platform/testing';
import { CHENGDU_ORG_UNITS } from '../../apps/hotline/src/migrations/1763900000000-chengdu-org-units.data';
import { jobsMigrations } from '../../apps/jobs/src/data-source';
import { MatchPersonDto } from '../../apps/jobs/src/matching/match.dto';
import { matchSql } from '../../apps/jobs/src/matching/match-sql';
import { readGramStats } from '../../apps/jobs/src/vacancies/search-plan';
import { runVacancyList } from '../../apps/jobs/src/vacancies/vacancies.repository';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const VACANCIES = arg('vacancies', 1_000_000);
const PERSONS = arg('persons', 100_000);
const RUNS = arg('runs', 200);
const BASELINE_RUNS = arg('baseline-runs', 8);

// title, main skill, occupation code (职业分类大典 style), physical demand
const JOBS: Array<[string, string, string, string]> = [
  ['保洁员', '保洁', '4-09-08-01', 'moderate'],
  ['保安员', '安保', '4-07-05-01', 'moderate'],
  ['快递员', '驾驶电动车', '4-02-07-02', 'moderate'],
  ['外卖骑手', '驾驶电动车', '4-02-07-03', 'moderate'],
  ['餐厅服务员', '餐饮服务', '4-03-02-05', 'moderate'],
  ['收银员', '收银', '4-01-02-03', 'light'],
  ['仓库管理员', '仓储', '4-02-06-01', 'moderate'],
  ['网约车司机', '驾驶', '4-02-02-05', 'light'],
  ['社区网格员', '社区服务', '3-01-02-09', 'light'],
  ['交通协管员', '交通协管', '3-02-02-02', 'moderate'],
  ['城市管理协管员', '城市管理', '3-01-02-10', 'moderate'],
  ['家政服务员', '家政', '4-10-01-06', 'moderate'],
  ['育婴员', '育婴', '4-10-01-03', 'light'],
  ['养老护理员', '护理', '4-10-01-05', 'moderate'],
  ['绿化工', '园林绿化', '5-02-03-01', 'heavy'],
  ['物业管理员', '物业', '4-06-01-01', 'light'],
  ['超市理货员', '理货', '4-01-02-04', 'moderate'],
  ['快件分拣员', '分拣', '4-02-07-04', 'moderate'],
  ['装卸搬运工', '搬运', '4-02-04-01', 'heavy'],
  ['厨师助理', '烹饪', '4-03-02-01', 'moderate'],
  ['面点师', '面点', '4-03-02-02', 'moderate'],
  ['客服专员', '客服', '4-07-02-03', 'light'],
  ['电话销售', '销售', '4-01-02-01', 'light'],
  ['流水线普工', '流水线', '6-31-01-01', 'moderate'],
  ['质检员', '质检', '6-31-03-01', 'light'],
  ['叉车司机', '叉车', '6-29-03-07', 'moderate'],
  ['电工', '电工', '6-31-01-03', 'moderate'],
  ['水电维修工', '维修', '4-12-01-01', 'moderate'],
  ['洗车工', '洗车', '4-12-01-05', 'heavy'],
  ['停车场管理员', '停车管理', '4-02-01-06', 'light'],
];
const PERKS = [
  '五险一金',
  '包吃包住',
  '提供工作餐',
  '月休四天',
  '近地铁站',
  '接受无经验',
  '岗前免费培训',
  '长期稳定',
  '可安排夜班',
  '按时发薪',
  '多劳多得',
  '年底双薪',
];
const DUTIES = [
  '负责日常工作安排',
  '服从班组长管理',
  '做好交接记录',
  '维护现场秩序',
  '完成每日任务',
  '态度热情认真负责',
];
// Approximate centres of the districts (lat, lng); the five central districts take most vacancies.
const CENTRES: Record<string, [number, number]> = {
  '510104': [30.64, 104.1],
  '510105': [30.67, 104.03],
  '510106': [30.7, 104.05],
  '510107': [30.63, 104.04],
  '510108': [30.68, 104.11],
  '510112': [30.56, 104.27],
  '510113': [30.88, 104.25],
  '510114': [30.82, 104.16],
  '510115': [30.68, 103.84],
  '510116': [30.57, 103.92],
  '510117': [30.8, 103.9],
  '510118': [30.41, 103.81],
  '510121': [30.86, 104.41],
  '510129': [30.59, 103.52],
  '510131': [30.2, 103.51],
  '510181': [31.0, 103.62],
  '510182': [30.99, 103.96],
  '510183': [30.41, 103.46],
  '510184': [30.63, 103.67],
  '510185': [30.41, 104.55],
};

const sqlArray = (values: string[]) =>
  `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  loadStackEnv();
  const schema = `jobs_bench_${randomBytes(4).toString('hex')}`;
  const db = createServiceDataSource({
    url: testDatabaseUrl(),
    schema,
    entities: [],
    migrations: jobsMigrations,
    applicationName: 'bench:matching',
    poolSize: 3,
  });
  await migrateUnderLock(db);
  const t0 = Date.now();
  const log = (message: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
  try {
    // Bulk load without the secondary indexes, then build them exactly as the migration defines them.
    const indexes = (await db.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'vacancies' AND indexname <> 'vacancies_pkey'`,
      [schema],
    )) as Array<{ indexname: string; indexdef: string }>;
    for (const { indexname } of indexes) await db.query(`DROP INDEX "${schema}"."${indexname}"`);

    const districts = Object.keys(CENTRES).flatMap((code) =>
      ['510104', '510105', '510106', '510107', '510108'].includes(code)
        ? [code, code, code, code, code, code]
        : [code],
    );
    const streetNames = CHENGDU_ORG_UNITS.filter((unit) => unit.level === 'street').map(
      (unit) => unit.nameZh,
    );
    const streetCount = (code: string) =>
      CHENGDU_ORG_UNITS.filter((u) => u.level === 'street' && u.parentCode === code).length || 1;
    const chunk = 100_000;
    const load = async (from: number, to: number) => {
      await db.query(
        `INSERT INTO "${schema}".vacancies (employer_id, kind, occupation_code, title, description, skills, district_code,
           street_code, lat, lng, hours, physical_demand, disabled_suitable, wage_min_fen, wage_max_fen, headcount, taken,
           no_experience, valid_from, valid_to, status, created_at)
         SELECT md5((i % 20000)::text)::uuid,
                CASE WHEN r.r1 < 0.9 THEN 'market' WHEN r.r1 < 0.96 THEN 'public_welfare' ELSE 'assistance_base' END,
                (${sqlArray(JOBS.map((j) => j[2]))})[r.k],
                (${sqlArray(JOBS.map((j) => j[0]))})[r.k] || CASE WHEN r.r2 < 0.2 THEN '（夜班）' WHEN r.r2 < 0.3 THEN '（兼职）' ELSE '' END,
                '工作地点：' || (${sqlArray(streetNames)})[1 + floor(r.r3 * ${streetNames.length})::int] || '，'
                  || (${sqlArray(DUTIES)})[1 + floor(r.r4 * ${DUTIES.length})::int] || '，'
                  || (${sqlArray(PERKS)})[1 + floor(r.r5 * ${PERKS.length})::int] || '，'
                  || (${sqlArray(PERKS)})[1 + floor(r.r6 * ${PERKS.length})::int] || '。',
                ARRAY[(${sqlArray(JOBS.map((j) => j[1]))})[r.k]] || CASE WHEN r.r4 < 0.3 THEN ARRAY['沟通'] ELSE '{}'::text[] END,
                r.district,
                r.district || lpad((1 + floor(r.r3 * r.streets))::int::text, 3, '0'),
                r.lat + (r.r5 - 0.5) * 0.08, r.lng + (r.r6 - 0.5) * 0.09,
                (ARRAY['full_time','full_time','full_time','shift','part_time','flexible'])[1 + floor(r.r2 * 6)::int],
                (${sqlArray(JOBS.map((j) => j[3]))})[r.k],
                r.r4 < 0.15,
                wage, wage + 50000 + floor(r.r5 * 4) * 50000,
                headcount, floor(r.r6 * headcount)::int,
                r.r3 < 0.6,
                current_date - floor(r.r1 * 90)::int,
                current_date - floor(r.r1 * 90)::int + CASE WHEN r.r2 < 0.1 THEN 10 ELSE 120 + floor(r.r3 * 120)::int END,
                CASE WHEN r.r5 < 0.92 THEN 'open' ELSE 'closed' END,
                now() - make_interval(secs => r.r1 * 90 * 86400)
           FROM generate_series($1::int, $2::int) AS i
           CROSS JOIN LATERAL (
             SELECT 1 + floor(random() * ${JOBS.length})::int AS k, random() AS r1, random() AS r2, random() AS r3,
                    random() AS r4, random() AS r5, random() AS r6, d.district, d.lat, d.lng, d.streets,
                    (220000 + floor(random() * 8) * 25000)::int AS wage, (1 + floor(random() * 10))::int AS headcount
               FROM (SELECT (${sqlArray(districts)})[1 + floor(random() * ${districts.length} + i * 0)::int] AS district) pick
               JOIN (VALUES ${Object.entries(CENTRES)
                 .map(
                   ([code, [lat, lng]]) =>
                     `('${code}', ${lat}::float8, ${lng}::float8, ${streetCount(code)})`,
                 )
                 .join(', ')})
                 AS d(district, lat, lng, streets) ON d.district = pick.district
           ) r`,
        [from, to],
      );
    };
    const ranges: Array<[number, number]> = [];
    for (let from = 1; from <= VACANCIES; from += chunk)
      ranges.push([from, Math.min(VACANCIES, from + chunk - 1)]);
    // Two loaders in parallel: the machine has two cores.
    const queue = [...ranges];
    await Promise.all(
      [0, 1].map(async () => {
        for (let range = queue.shift(); range; range = queue.shift()) {
          await load(...range);
          log(`vacancies ${range[1].toLocaleString()}`);
        }
      }),
    );
    await db.query(`SET maintenance_work_mem = '256MB'`);
    for (const { indexname, indexdef } of indexes) {
      await db.query(indexdef);
      log(`index ${indexname}`);
    }
    await db.query(`
      CREATE TABLE "${schema}".bench_persons AS
      SELECT i AS id, ARRAY[(${sqlArray(JOBS.map((j) => j[1]))})[1 + floor(random() * ${JOBS.length} + i * 0)::int]] AS skills,
             c.lat + (random() - 0.5) * 0.1 AS lat, c.lng + (random() - 0.5) * 0.1 AS lng,
             (ARRAY[3, 5, 10, 10, 20])[1 + floor(random() * 5)::int] AS max_km,
             random() < 0.2 AS needs_disabled, random() < 0.3 AS light_only, random() < 0.5 AS accepts_any,
             (200000 + floor(random() * 6) * 50000)::int AS min_wage, random() < 0.4 AS has_category
        FROM generate_series(1, ${PERSONS}) i
        CROSS JOIN LATERAL (SELECT (${sqlArray(districts)})[1 + floor(random() * ${districts.length} + i * 0)::int] AS code) p
        JOIN (VALUES ${Object.entries(CENTRES)
          .map(([code, [lat, lng]]) => `('${code}', ${lat}::float8, ${lng}::float8)`)
          .join(', ')}) AS c(code, lat, lng)
          ON c.code = p.code`);
    await db.query(`VACUUM (ANALYZE) "${schema}".vacancies`); // hint bits and visibility map, as in a settled table
    await db.query(`ANALYZE "${schema}".bench_persons`);
    log(`loaded ${VACANCIES.toLocaleString()} vacancies and ${PERSONS.toLocaleString()} persons`);

    const persons = (await db.query(
      `SELECT * FROM "${schema}".bench_persons ORDER BY random() LIMIT ${RUNS + 20}`,
    )) as Array<{
      skills: string[];
      lat: number;
      lng: number;
      max_km: number;
      needs_disabled: boolean;
      light_only: boolean;
      accepts_any: boolean;
      min_wage: number;
      has_category: boolean;
    }>;
    const toDto = (p: (typeof persons)[number]): MatchPersonDto =>
      Object.assign(new MatchPersonDto(), {
        skills: p.skills,
        lat: p.lat,
        lng: p.lng,
        maxDistanceKm: p.max_km,
        maxPhysicalDemand: p.light_only ? 'light' : 'heavy',
        needsDisabledSuitable: p.needs_disabled,
        minWageFen: p.min_wage,
        categories: p.has_category ? ['older_urban'] : [],
        acceptsAnyJob: p.accepts_any,
      });

    const report: string[] = [];
    type Run = (manager: EntityManager) => Promise<unknown[] | null>;
    const statement =
      (sql: string, params: unknown[]): Run =>
      (manager) =>
        manager.query(sql, params);
    const measure = async (label: string, runs: Run[], count: number, baseline: boolean) => {
      const times: number[] = [];
      let rows = 0;
      const conn = db.createQueryRunner();
      await conn.connect();
      try {
        if (baseline)
          await conn.query(
            `SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off`,
          );
        for (let i = 0; i < Math.min(3, runs.length); i++) await runs[i](conn.manager); // warm-up
        for (let i = 0; i < count; i++) {
          const start = process.hrtime.bigint();
          rows += (await runs[i % runs.length](conn.manager))?.length ?? 0;
          times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      } finally {
        // The pool hands this connection out again: the baseline settings must not leak into later measurements.
        if (baseline)
          await conn.query(`RESET enable_indexscan; RESET enable_bitmapscan; RESET enable_indexonlyscan`);
        await conn.release();
      }
      times.sort((a, b) => a - b);
      const line = `${label.padEnd(46)} n=${String(count).padStart(4)}  p50=${percentile(times, 50).toFixed(2).padStart(9)} ms  p99=${percentile(times, 99).toFixed(2).padStart(9)} ms  avg rows=${(rows / count).toFixed(1)}`;
      report.push(line);
      log(line);
    };

    const matches = persons.map((p) => {
      const { sql, params } = matchSql(schema, toDto(p), 20);
      return statement(sql, params);
    });
    await measure('match top-20 (GiST nearest-first + filters)', matches, RUNS, false);
    await measure('match top-20 baseline (sequential scan)', matches, BASELINE_RUNS, true);

    const stats = await readGramStats(db.manager, schema);
    const keywords: Record<string, string[]> = {
      '1-char': ['员', '保', '夜', '餐', '叉', '鲸'],
      '2-char': ['保安', '快递', '收银', '夜班', '包住', '玉林'],
      '3+-char': ['快递员', '网约车', '交通协管', '餐厅服务员', '五险一金', '春熙路街道'],
    };
    for (const [kind, words] of Object.entries(keywords)) {
      const searches = words.map(
        (q): Run =>
          (manager) =>
            runVacancyList(manager, schema, { staff: true }, { q, limit: 20, offset: 0 }, stats),
      );
      await measure(`keyword ${kind} (n-gram GIN / newest-first)`, searches, RUNS, false);
      const baselines = words.map((q) =>
        statement(
          `SELECT v.id, v.title FROM "${schema}".vacancies v WHERE (v.title || ' ' || v.description) ILIKE $1 ORDER BY v.created_at DESC, v.id LIMIT 20`,
          [`%${q}%`],
        ),
      );
      await measure(
        `keyword ${kind} baseline (ILIKE, seq scan)`,
        baselines,
        Math.max(BASELINE_RUNS, words.length),
        true,
      );
      report.push(`  keywords: ${words.join(' ')}`);
    }
    console.log(
      `\nmatching benchmark: ${VACANCIES.toLocaleString()} vacancies, ${PERSONS.toLocaleString()} persons, schema ${schema}`,
    );
    for (const line of report) console.log(line);
    console.log('targets: match p99 <= 50 ms, keyword p99 <= 20 ms');
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept schema ${schema} (drop it yourself)`);
    else await db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
