/**
 * What the fault drill counts (scripts/drill/drill.ts), kept apart so that its spec (test/drill) can plant a lost
 * case or a duplicate and see it counted: a drill whose counters cannot fail proves nothing.
 */

/** Anything with `query(sql, params)` answering rows: a pg Pool or Client. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
}

/** The services' schemas (their names in the deployment; the spec uses throwaway ones). */
export interface DrillSchemas {
  hotline: string;
  people: string;
  jobs: string;
}

/** Rows beyond the first of each natural key: 0 everywhere, or something was applied twice. */
export interface DuplicateCounts {
  /**
   * Referrals of one case to one vacancy beyond the first (jobs). Only one can be live (a unique index); a second
   * row means a proposal was made again after the first ended, which the drill never does: so, applied twice.
   */
  referrals: number;
  /** Service records of a person with the same kind, staff, channel, instant and outcome beyond the first (people). */
  serviceRecords: number;
  /** Employment changes of a person by the same case at the same instant beyond the first (people, from Kafka). */
  employmentEvents: number;
  /** Cases beyond the first for a person one of the given intakes registered (hotline: an intake taken twice). */
  casesPerPerson: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function schemaName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a schema name: ${name}`);
  return `"${name}"`;
}

async function extraRows(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ extra: string | null }>(
    `SELECT coalesce(sum(n - 1), 0) AS extra FROM (${sql}) AS groups`,
    params,
  );
  return Number(rows[0]?.extra ?? 0);
}

/**
 * Duplicates by natural key across the services' tables. `intakeCaseIds` are the cases whose person must have
 * exactly one case (each of the drill's intakes is a different person).
 */
export async function countDuplicates(
  db: Queryable,
  schemas: DrillSchemas,
  intakeCaseIds: string[] = [],
): Promise<DuplicateCounts> {
  const jobs = schemaName(schemas.jobs);
  const people = schemaName(schemas.people);
  const hotline = schemaName(schemas.hotline);
  const [referrals, serviceRecords, employmentEvents, casesPerPerson] = await Promise.all([
    extraRows(db, `SELECT count(*) AS n FROM ${jobs}.referrals GROUP BY case_id, vacancy_id`),
    extraRows(
      db,
      `SELECT count(*) AS n FROM ${people}.service_records
         GROUP BY person_id, kind, staff_id, channel, occurred_at, outcome`,
    ),
    extraRows(
      db,
      `SELECT count(*) AS n FROM ${people}.employment_events GROUP BY person_id, kind, occurred_at, case_id`,
    ),
    intakeCaseIds.length === 0
      ? Promise.resolve(0)
      : extraRows(
          db,
          `SELECT count(DISTINCT case_id) AS n FROM ${hotline}.case_board
             WHERE person_id IN (SELECT person_id FROM ${hotline}.case_board
                                  WHERE case_id = ANY($1::uuid[]) AND person_id IS NOT NULL)
             GROUP BY person_id`,
          [intakeCaseIds],
        ),
  ]);
  return { referrals, serviceRecords, employmentEvents, casesPerPerson };
}

/** The change from `before` to `after`: what the drill itself caused (the data may hold older duplicates). */
export function duplicatesSince(before: DuplicateCounts, after: DuplicateCounts): DuplicateCounts {
  return {
    referrals: after.referrals - before.referrals,
    serviceRecords: after.serviceRecords - before.serviceRecords,
    employmentEvents: after.employmentEvents - before.employmentEvents,
    casesPerPerson: after.casesPerPerson - before.casesPerPerson,
  };
}

export const totalDuplicates = (counts: DuplicateCounts): number =>
  counts.referrals + counts.serviceRecords + counts.employmentEvents + counts.casesPerPerson;

/** An acknowledged intake that is not whole: no case row, no started workflow, or no workflow in Temporal. */
export interface LostCase {
  caseId: string;
  reason: 'no case row' | 'workflow never started' | 'no workflow in Temporal';
}

/**
 * Every intake answered 201 must be a case (its row in the hotline's `cases`, its workflow started) with a workflow
 * in Temporal. `workflowExists` asks Temporal (describe); it is asked only for cases whose row is whole.
 */
export async function findLostCases(
  db: Queryable,
  hotlineSchema: string,
  acknowledged: string[],
  workflowExists: (caseId: string) => Promise<boolean>,
  concurrency = 8,
): Promise<LostCase[]> {
  if (acknowledged.length === 0) return [];
  const { rows } = await db.query<{ id: string; started: boolean }>(
    `SELECT id::text AS id, workflow_started_at IS NOT NULL AS started
       FROM ${schemaName(hotlineSchema)}.cases WHERE id = ANY($1::uuid[])`,
    [acknowledged],
  );
  const started = new Map(rows.map((row) => [row.id, row.started]));
  const lost: LostCase[] = [];
  const toDescribe: string[] = [];
  for (const caseId of acknowledged) {
    if (!started.has(caseId)) lost.push({ caseId, reason: 'no case row' });
    else if (!started.get(caseId)) lost.push({ caseId, reason: 'workflow never started' });
    else toDescribe.push(caseId);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < toDescribe.length) {
        const caseId = toDescribe[next++];
        if (!(await workflowExists(caseId))) lost.push({ caseId, reason: 'no workflow in Temporal' });
      }
    }),
  );
  return lost;
}

/** One intake the load generator sent: when (ms), and whether it was acknowledged (201). */
export interface Attempt {
  at: number;
  ok: boolean;
}

/**
 * Seconds from the fault until intake works again: 0 if no intake failed in [faultAt, until); else the time of
 * the first success after the last failure of the window, or null if none came by `until` (never recovered).
 */
export function recoverySeconds(
  attempts: Attempt[],
  faultAt: number,
  until: number,
): { seconds: number | null; failed: number } {
  const window = attempts
    .filter((attempt) => attempt.at >= faultAt && attempt.at < until)
    .sort((a, b) => a.at - b.at);
  const failures = window.filter((attempt) => !attempt.ok);
  if (failures.length === 0) return { seconds: 0, failed: 0 };
  const lastFailure = failures[failures.length - 1].at;
  const recovered = window.find((attempt) => attempt.ok && attempt.at > lastFailure);
  return {
    seconds: recovered ? (recovered.at - faultAt) / 1000 : null,
    failed: failures.length,
  };
}
