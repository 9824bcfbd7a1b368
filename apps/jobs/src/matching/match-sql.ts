import { MatchPersonDto } from './match.dto';

/** km per degree of latitude; the vacancy's `geo` column scales longitude by cos(30.66°) to the same unit. */
export const KM_PER_DEGREE = 111.2;
export const LNG_SCALE = 0.8602;
/** How many nearest vacancies passing the hard filters are scored. */
export const CANDIDATE_POOL = 300;

const PHYSICAL_RANK = { light: 1, moderate: 2, heavy: 3 } as const;

export function weightsFor(acceptsAnyJob: boolean) {
  // 不挑不选: a person who takes any job is placed fastest near home; skills and wage matter less.
  return acceptsAnyJob
    ? { skills: 0.15, distance: 0.4, hours: 0.1, constraints: 0.1, wage: 0.1, freshness: 0.15 }
    : { skills: 0.3, distance: 0.25, hours: 0.1, constraints: 0.1, wage: 0.15, freshness: 0.1 };
}

/**
 * Hard constraints filter in SQL (open, has a place, valid today in Asia/Shanghai, kind, disability suitability,
 * physical demand, hours, within the distance); the nearest CANDIDATE_POOL (GiST nearest-neighbour scan) are then
 * scored per factor and ranked.
 *
 * The distance limit is applied after the nearest-first scan, not as a bounding box inside it: Postgres
 * estimates every box at a fixed tiny selectivity, so with a box it chose a bitmap scan of the whole box plus a
 * sort (150 ms at 100k vacancies in the benchmark) instead of the nearest-neighbour scan that stops after
 * CANDIDATE_POOL rows.
 */
export function matchSql(
  schema: string,
  person: MatchPersonDto,
  limit: number,
): { sql: string; params: unknown[] } {
  const kinds = person.categories.length ? ['market', 'public_welfare', 'assistance_base'] : ['market'];
  const physical = Object.entries(PHYSICAL_RANK)
    .filter(([, rank]) => rank <= PHYSICAL_RANK[person.maxPhysicalDemand])
    .map(([name]) => name);
  const w = weightsFor(person.acceptsAnyJob);
  const params: unknown[] = [
    person.lng * LNG_SCALE, // $1
    person.lat, // $2
    person.skills, // $3
    person.preferredHours ?? null, // $4
    person.minWageFen ?? null, // $5
    person.maxDistanceKm, // $6
    limit, // $7
  ];
  const bind = (value: unknown) => `$${params.push(value)}`;
  // Only constraints that exclude something are written out, as literal conditions, so the planner can use the
  // partial index of disabled-suitable open vacancies and estimates the scan from real selectivities.
  const hard: string[] = [];
  if (kinds.length < 3) hard.push(`v.kind = ANY(${bind(kinds)})`);
  if (physical.length < 3) hard.push(`v.physical_demand = ANY(${bind(physical)})`);
  if (person.acceptedHours.length < 4) hard.push(`v.hours = ANY(${bind(person.acceptedHours)})`);
  if (person.needsDisabledSuitable) hard.push('v.disabled_suitable');
  const sql = `
    WITH candidates AS (
      SELECT v.*, (v.geo <-> point($1, $2)) * ${KM_PER_DEGREE} AS km
        FROM "${schema}".vacancies v
       WHERE v.status = 'open' AND v.taken < v.headcount
         AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN v.valid_from AND v.valid_to
         ${hard.map((condition) => `AND ${condition}`).join(' ')}
       ORDER BY v.geo <-> point($1, $2)
       LIMIT ${CANDIDATE_POOL}
    ), factors AS (
      SELECT c.*,
             ARRAY(SELECT s FROM unnest(c.skills) s WHERE s = ANY($3)) AS matched,
             CASE WHEN cardinality(c.skills) = 0 THEN CASE WHEN c.no_experience THEN 1 ELSE 0.7 END
                  ELSE greatest(CASE WHEN c.no_experience THEN 0.8 ELSE 0 END,
                                (SELECT count(*) FROM unnest(c.skills) s WHERE s = ANY($3))::float8 / cardinality(c.skills))
             END AS f_skills,
             greatest(0, 1 - c.km / $6) AS f_distance,
             CASE WHEN $4::text IS NULL OR c.hours = $4 THEN 1 ELSE 0.5 END AS f_hours,
             CASE c.physical_demand WHEN 'light' THEN 1 WHEN 'moderate' THEN 0.8 ELSE 0.6 END
               * CASE WHEN c.disabled_suitable THEN 1 ELSE 0.9 END AS f_constraints,
             CASE WHEN $5::int IS NULL OR c.wage_min_fen >= $5 THEN 1
                  WHEN c.wage_max_fen >= $5 THEN 0.8
                  ELSE greatest(0, c.wage_max_fen::float8 / nullif($5, 0)) * 0.6 END AS f_wage,
             greatest(0, 1 - extract(epoch FROM now() - c.created_at) / (60 * 86400)) AS f_freshness
        FROM candidates c WHERE c.km <= $6
    )
    SELECT id, employer_id, kind, title, district_code, street_code, hours, physical_demand, wage_min_fen, wage_max_fen,
           headcount - taken AS open_places, km, matched,
           (SELECT n.name FROM "${schema}".employer_names n WHERE n.employer_id = factors.employer_id) AS employer_name, f_skills, f_distance, f_hours, f_constraints, f_wage, f_freshness,
           ${w.skills} * f_skills + ${w.distance} * f_distance + ${w.hours} * f_hours
             + ${w.constraints} * f_constraints + ${w.wage} * f_wage + ${w.freshness} * f_freshness AS score
      FROM factors ORDER BY score DESC, km, id LIMIT $7`;
  return { sql, params };
}
