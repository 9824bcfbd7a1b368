/**
 * The six ledgers (六本台账) for the whole city for one month, each figure with a same-run baseline (not a test):
 * seeds 1,000,000 persons (with service records, employment changes, categories, training and imported
 * social-insurance lists) and 100,000 vacancies with set-based SQL into throwaway schemas of the test database,
 * then builds each ledger through the services' own code (LedgersService.exportFile → the streamed XLSX and CSV
 * writers, rows from a server-side cursor) into files, timing each and sampling peak RSS and heap; the baseline
 * is the plain SQL aggregate (count / group by) of the same month. Target: the city's month ≤ 60 s, memory
 * bounded. Drops its schemas and files afterwards.
 *
 *   npm run bench:ledgers [-- --persons 1000000 --vacancies 100000 --format xlsx|csv|both]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ORG_UNIT_CENTROIDS } from '@platform/contracts';
import { loadStackEnv } from '@platform/testing';
import { LedgersService as JobsLedgersService } from '../../apps/jobs/src/ledgers/ledgers.service';
import { startJobs } from '../../apps/jobs/src/testing/jobs-test-app';
import { LedgerFileInfo, RowSource, writeLedgerCsv, writeLedgerXlsx } from '@platform/ledger-export';
import { LedgersService } from '../../apps/people/src/ledgers/ledgers.service';
import { PEOPLE_LEDGERS } from '../../apps/people/src/ledgers/people-ledgers';
import { startPeople } from '../../apps/people/src/testing/people-test-app';

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const PERSONS = Number(arg('persons', '1000000'));
const VACANCIES = Number(arg('vacancies', '100000'));
const FORMATS =
  arg('format', 'both') === 'both' ? (['xlsx', 'csv'] as const) : [arg('format', 'xlsx') as 'xlsx' | 'csv'];
const MONTH = '2026-06';
const CITY = '510100';
const CITY_SUPERVISOR = { userId: 'bench', username: 'bench', roles: ['supervisor' as const], orgPath: CITY };
const MB = 1024 * 1024;

const COMMUNITIES = Object.keys(ORG_UNIT_CENTROIDS).filter((code) => code.length === 12);
const STREETS = Object.keys(ORG_UNIT_CENTROIDS).filter((code) => code.length === 9);
const pathOf = (code: string) =>
  ['510100', code.slice(0, 6), code.slice(0, 9), code.slice(0, 12)]
    .slice(0, code.length === 9 ? 3 : 4)
    .join('/');

/** Peak RSS and heap while `run` runs, sampled every 20 ms (the writers yield between cursor batches). */
async function measured<T>(
  run: () => Promise<T>,
): Promise<{ result: T; ms: number; cpu: number; rss: number; heap: number }> {
  global.gc?.();
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  try {
    const result = await run();
    sample();
    const cpu = process.cpuUsage(cpuBefore);
    return {
      result,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      cpu: (cpu.user + cpu.system) / 1000,
      rss,
      heap,
    };
  } finally {
    clearInterval(timer);
  }
}

async function toFile(
  path: string,
  format: 'xlsx' | 'csv',
  file: { info: LedgerFileInfo; source: RowSource },
) {
  const out: Writable = createWriteStream(path);
  const closed = new Promise((resolve, reject) => out.on('close', resolve).on('error', reject));
  const summary = await (format === 'csv' ? writeLedgerCsv : writeLedgerXlsx)(out, file.info, file.source);
  await closed;
  return summary;
}

async function seedPeople(db: DataSource, s: string): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => db.query(sql.replace(/§/g, `"${s}"`), params);
  // Persons over the demo communities; 60 % registered unemployed (from 2025 on), a third of those in work again.
  await q(
    `INSERT INTO §.persons (id, name, id_number_enc, id_number_bidx, id_number_masked, phone_enc, phone_bidx,
       phone_masked, gender, birth_date, hukou_type, hukou_place, community_code, org_path, circumstances_enc,
       unemployment_registered_on, unemployment_status, created_by, created_at)
     SELECT gen_random_uuid(), '测试' || g, 'k1:bench', sha256(('id' || g)::bytea),
            '510***********' || lpad((g % 10000)::text, 4, '0'), 'k1:bench', sha256(('phone' || g)::bytea),
            '137****' || lpad((g % 10000)::text, 4, '0'), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END,
            date '1955-01-01' + (g % 18000), 'urban', '成都', c[1 + g % cardinality(c)],
            p[1 + g % cardinality(p)], 'k1:bench',
            CASE WHEN g % 10 < 6 THEN date '2025-01-01' + (g % 540) END,
            CASE WHEN g % 10 IN (4, 5) THEN 'employed' ELSE 'registered' END, 'bench',
            timestamptz '2025-01-01 08:00+08' + (g % 570) * interval '1 day'
       FROM generate_series(1, $1::int) g, (SELECT $2::text[] AS c, $3::text[] AS p) lists`,
    [PERSONS, COMMUNITIES, COMMUNITIES.map(pathOf)],
  );
  // Employment changes of those in work again, some in the month.
  await q(
    `INSERT INTO §.employment_events (person_id, kind, occurred_at)
     SELECT id, 'employed', unemployment_registered_on + 30 + (abs(hashtext(id::text)) % 200) * interval '1 day'
       FROM §.persons WHERE unemployment_status = 'employed'`,
  );
  // Service records over May–July (the job-seekers ledger).
  await q(
    `INSERT INTO §.service_records (person_id, kind, staff_id, channel, occurred_at, outcome)
     SELECT id, (ARRAY['job-referral', 'callback', 'follow-up', 'visit'])[1 + abs(hashtext(id::text)) % 4], 'bench',
            'phone', timestamptz '2026-05-01 09:00+08' + (abs(hashtext(id::text || 'r')) % 90) * interval '1 day', '记录'
       FROM §.persons TABLESAMPLE BERNOULLI (30)`,
  );
  await q(
    `INSERT INTO §.person_categories (person_id, category_code, reasons_enc, evaluated_at)
     SELECT p.id, c.code, 'k1:bench', now()
       FROM §.persons p TABLESAMPLE BERNOULLI (15)
       CROSS JOIN LATERAL (SELECT code FROM §.assistance_categories ORDER BY code
                            OFFSET abs(hashtext(p.id::text)) % (SELECT count(*) FROM §.assistance_categories)
                            LIMIT 1) c`,
  );
  // Training: 40 providers, 2,000 courses (some in June), 60,000 enrolments.
  await q(
    `INSERT INTO §.training_providers (name, org_path, created_by, created_at, updated_at)
     SELECT '培训学校' || g, '510100', 'bench', now(), now() FROM generate_series(1, 40) g`,
  );
  await q(
    `INSERT INTO §.training_courses (provider_id, title, occupation, level, starts_on, ends_on, capacity,
       free_for_hardship, org_path, created_by, created_at, updated_at)
     SELECT (SELECT array_agg(id) FROM §.training_providers)[1 + g % 40], '课程' || g, '中式烹调师', 'primary',
            date '2026-01-01' + (g % 240), date '2026-01-01' + (g % 240) + 25, 60, true, '510100', 'bench', now(), now()
       FROM generate_series(1, 2000) g`,
  );
  await q(
    `INSERT INTO §.training_enrolments (course_id, person_id, status, free_place, referred_at, referred_by,
       enrolled_at, completed_at, passed, updated_at)
     SELECT c.id, p.id, CASE WHEN c.ends_on < date '2026-07-01' THEN 'completed' ELSE 'enrolled' END, true,
            c.starts_on - 10, 'bench', c.starts_on,
            CASE WHEN c.ends_on < date '2026-07-01' THEN c.ends_on::timestamptz END,
            CASE WHEN c.ends_on < date '2026-07-01' THEN abs(hashtext(p.id::text)) % 10 < 9 END, now()
       FROM (SELECT id, row_number() OVER () AS n FROM §.persons LIMIT 60000) p
       JOIN (SELECT id, starts_on, ends_on, row_number() OVER () AS n FROM §.training_courses) c
         ON c.n = 1 + p.n % 2000`,
  );
  // Imported lists: an insured list of 300,000 (a third of them registered here) and 40,000 retirees.
  for (const [kind, size, since] of [
    ['insured', 300_000, '2015-01-01'],
    ['retired', 40_000, '2019-01-01'],
  ] as const) {
    const [{ id }] = await q(
      `INSERT INTO §.social_insurance_imports (kind, unit_path, source, as_of, row_count, imported_by, imported_at)
       VALUES ($1, '510100', '市社保局 bench', '2026-06-30', $2, 'bench', now()) RETURNING id`,
      [kind, size],
    );
    await q(
      `INSERT INTO §.social_insurance_import_rows (import_id, row_no, name, id_number_masked, id_number_bidx,
         community_code, org_path, insurance_type, since, person_id)
       SELECT $1, g, '参保' || g, '510***********' || lpad((g % 10000)::text, 4, '0'),
              sha256(((CASE WHEN g % 3 = 0 THEN 'id' ELSE 'imp' || $3 END) || g)::bytea),
              c[1 + g % cardinality(c)], p[1 + g % cardinality(p)], '城镇职工基本养老保险', $4::date + (g % 2000), NULL
         FROM generate_series(1, $2::int) g, (SELECT $5::text[] AS c, $6::text[] AS p) lists`,
      [id, size, kind, since, COMMUNITIES, COMMUNITIES.map(pathOf)],
    );
  }
  for (const table of ['persons', 'service_records', 'employment_events', 'social_insurance_import_rows'])
    await q(`ANALYZE §.${table}`);
}

async function seedJobs(db: DataSource, s: string): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => db.query(sql.replace(/§/g, `"${s}"`), params);
  await q(
    `INSERT INTO §.employer_names (employer_id, name, version)
     SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, '成都测试企业' || g, 1
       FROM generate_series(1, 5000) g`,
  );
  // The generated search column runs the n-gram function per row: short titles and descriptions keep it quick.
  await q(
    `INSERT INTO §.vacancies (employer_id, kind, occupation_code, title, description, district_code, street_code,
       lat, lng, hours, physical_demand, wage_min_fen, wage_max_fen, headcount, taken, valid_from, valid_to, status,
       created_at, updated_at)
     SELECT ('00000000-0000-4000-8000-' || lpad((1 + g % 5000)::text, 12, '0'))::uuid, 'market', '4-07-05-01',
            '岗位' || g, '岗位说明', left(st[1 + g % cardinality(st)], 6), st[1 + g % cardinality(st)], 30.64, 104.04,
            'full_time', 'light', 300000, 380000, 5, g % 4, date '2026-01-01' + (g % 200),
            date '2026-01-01' + (g % 200) + 90, CASE WHEN g % 5 = 0 THEN 'closed' ELSE 'open' END,
            timestamptz '2026-01-01 09:00+08' + (g % 200) * interval '1 day',
            timestamptz '2026-01-01 09:00+08' + (g % 200 + 30) * interval '1 day'
       FROM generate_series(1, $1::int) g, (SELECT $2::text[] AS st) lists`,
    [VACANCIES, STREETS],
  );
  await q(
    `INSERT INTO §.referrals (vacancy_id, employer_id, case_id, person_id, org_path, candidate, status,
       respond_within_hours, started_on, proposed_by)
     SELECT id, employer_id, 'case-' || id, 'person-' || id, '510100', '{"maskedPhone":"138****0001"}', 'started', 24,
            date '2026-06-01' + abs(hashtext(id::text)) % 30, 'bench'
       FROM §.vacancies TABLESAMPLE BERNOULLI (20) WHERE taken > 0`,
  );
  for (const table of ['vacancies', 'referrals']) await q(`ANALYZE §.${table}`);
}

/** The baseline: the plain aggregate of each ledger's month, hand-written count / group by. */
const BASELINES: Record<string, (s: string) => string> = {
  'registered-unemployed': (s) =>
    `SELECT unemployment_status, count(*) FROM "${s}".persons WHERE unemployment_registered_on < date '2026-07-01'
      GROUP BY 1`,
  'job-seekers': (s) =>
    `SELECT count(DISTINCT person_id) FROM "${s}".service_records
      WHERE occurred_at >= timestamptz '2026-06-01 00:00+08' AND occurred_at < timestamptz '2026-07-01 00:00+08'`,
  insured: (s) =>
    `SELECT r.insurance_type, count(*) FROM "${s}".social_insurance_import_rows r
       JOIN "${s}".social_insurance_imports i ON i.id = r.import_id WHERE i.kind = 'insured' GROUP BY 1`,
  retirees: (s) =>
    `SELECT gender, count(*) FROM "${s}".persons
      WHERE birth_date < date '2026-07-01' - CASE gender WHEN 'male' THEN interval '60 years' ELSE interval '55 years' END
      GROUP BY 1`,
  training: (s) =>
    `SELECT e.status, count(*) FROM "${s}".training_enrolments e JOIN "${s}".training_courses c ON c.id = e.course_id
      WHERE c.starts_on < date '2026-07-01' AND c.ends_on >= date '2026-06-01' GROUP BY 1`,
  vacancies: (s) =>
    `SELECT status, count(*) FROM "${s}".vacancies
      WHERE valid_from < date '2026-07-01' AND valid_to >= date '2026-06-01' GROUP BY 1`,
};

async function main(): Promise<void> {
  loadStackEnv();
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'warn';
  const people = await startPeople();
  const jobs = await startJobs();
  const dir = mkdtempSync(join(tmpdir(), 'ledgers-bench-'));
  try {
    process.stdout.write(
      `ledgers bench: ${PERSONS.toLocaleString()} persons (schema ${people.schema}), ` +
        `${VACANCIES.toLocaleString()} vacancies (schema ${jobs.schema}), month ${MONTH}, unit: the city\n`,
    );
    const seeded = Date.now();
    await seedPeople(people.dataSource, people.schema);
    await seedJobs(jobs.dataSource, jobs.schema);
    process.stdout.write(`seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s (set-based SQL)\n\n`);

    const peopleLedgers = people.app.get(LedgersService);
    const jobsLedgers = jobs.app.get(JobsLedgersService);
    const ledgers = [
      ...PEOPLE_LEDGERS.map((ledger) => ({
        ledger,
        db: people,
        file: () => peopleLedgers.exportFile(CITY_SUPERVISOR, ledger, CITY, MONTH),
      })),
      {
        ledger: 'vacancies',
        db: jobs,
        file: () =>
          jobsLedgers.exportFile(
            { ...CITY_SUPERVISOR, sub: 'bench', orgCode: CITY, employerId: null } as never,
            'vacancies',
            CITY,
            MONTH,
          ),
      },
    ];

    global.gc?.();
    const idle = process.memoryUsage();
    process.stdout.write(
      `before the exports (both services loaded${global.gc ? ', heap collected' : ''}): RSS ${(idle.rss / MB).toFixed(0)} MB, ` +
        `heap ${(idle.heapUsed / MB).toFixed(0)} MB; each ledger's peaks are sampled every 20 ms from a collected heap\n\n`,
    );
    for (const format of FORMATS) {
      process.stdout.write(`${format.toUpperCase()}, streamed to files (cursor batches of 2,000 rows)\n`);
      process.stdout.write(
        `  ${'ledger'.padEnd(22)} ${'rows'.padStart(9)} ${'time'.padStart(9)} ${'Node CPU'.padStart(9)} ${'peak RSS'.padStart(9)} ${'peak heap'.padStart(9)} ${'file'.padStart(9)} | ${'baseline aggregate'.padStart(18)}\n`,
      );
      let total = 0;
      let totalCpu = 0;
      let totalBaseline = 0;
      let peakRss = 0;
      let peakHeap = 0;
      for (const { ledger, db, file } of ledgers) {
        const path = join(dir, `${ledger}.${format}`);
        const run = await measured(async () => toFile(path, format, await file()));
        const base = await measured(() => db.dataSource.query(BASELINES[ledger](db.schema)));
        total += run.ms;
        totalCpu += run.cpu;
        totalBaseline += base.ms;
        peakRss = Math.max(peakRss, run.rss);
        peakHeap = Math.max(peakHeap, run.heap);
        process.stdout.write(
          `  ${ledger.padEnd(22)} ${run.result.total.toLocaleString().padStart(9)} ${(run.ms / 1000).toFixed(2).padStart(7)} s ` +
            `${(run.cpu / 1000).toFixed(2).padStart(7)} s ${(run.rss / MB).toFixed(0).padStart(6)} MB ${(run.heap / MB).toFixed(0).padStart(6)} MB ` +
            `${(statSync(path).size / MB).toFixed(1).padStart(6)} MB | ${(base.ms / 1000).toFixed(2).padStart(16)} s\n`,
        );
        rmSync(path);
      }
      process.stdout.write(
        `  ${'total (city, month)'.padEnd(22)} ${''.padStart(9)} ${(total / 1000).toFixed(2).padStart(7)} s ` +
          `${(totalCpu / 1000).toFixed(2).padStart(7)} s ${(peakRss / MB).toFixed(0).padStart(6)} MB ${(peakHeap / MB).toFixed(0).padStart(6)} MB ${''.padStart(9)} | ` +
          `${(totalBaseline / 1000).toFixed(2).padStart(16)} s\n`,
      );
      process.stdout.write(
        `  target ≤ 60 s for the city's month: ${total <= 60_000 ? 'met' : 'NOT met'} ` +
          `(machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: other work shares them)\n\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await jobs.close();
    await people.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
