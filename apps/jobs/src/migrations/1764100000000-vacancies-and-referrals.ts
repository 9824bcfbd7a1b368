import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@platform/database';

/**
 * Vacancies (with the Chinese n-gram search column and the location index matching uses) and referrals.
 * Headcount is a counter on the vacancy changed only by guarded UPDATEs; the CHECK makes over-filling impossible
 * even for a hand-written statement.
 */
export class VacanciesAndReferrals1764100000000 implements MigrationInterface {
  name = 'VacanciesAndReferrals1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // Chinese has no spaces, so we index every character (unigram) and every pair of adjacent characters
    // (bigram) as 'simple' lexemes: 1-character keywords hit unigrams, 2-character ones a bigram, longer ones the
    // AND of their bigrams with an ILIKE recheck. pg_trgm cannot use its index below 3 characters.
    await queryRunner.query(`
      CREATE FUNCTION "${s}".cjk_grams(content text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
        WITH cleaned AS (
          SELECT lower(regexp_replace(content, '[[:space:][:punct:]，。、；：！？（）【】《》“”‘’·…—]+', ' ', 'g')) AS x
        ), grams AS (
          SELECT substr(x, i, 1) AS g FROM cleaned, generate_series(1, length(x)) AS i
          UNION
          SELECT substr(x, i, 2) FROM cleaned, generate_series(1, length(x) - 1) AS i
        )
        SELECT coalesce(array_to_tsvector(array_agg(g)), ''::tsvector) FROM grams WHERE g !~ '\\s'
      $fn$`);
    await queryRunner.query(`
      CREATE TABLE "${s}".vacancies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('market', 'public_welfare', 'assistance_base')),
        occupation_code text NOT NULL CHECK (occupation_code ~ '^[1-8](-[0-9]{2}){1,3}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
        skills text[] NOT NULL DEFAULT '{}',
        district_code text NOT NULL CHECK (district_code ~ '^5101[0-9]{2}$'),
        street_code text NOT NULL CHECK (street_code ~ '^[0-9]{9}$' AND left(street_code, 6) = district_code),
        community_code text CHECK (community_code ~ '^[0-9]{12}$' AND left(community_code, 9) = street_code),
        lat double precision NOT NULL CHECK (lat BETWEEN 29.9 AND 31.5),
        lng double precision NOT NULL CHECK (lng BETWEEN 102.9 AND 105.0),
        -- Longitude scaled by cos(30.66°) (Chengdu) so that point distance is proportional to kilometres.
        geo point GENERATED ALWAYS AS (point(lng * 0.8602, lat)) STORED,
        hours text NOT NULL CHECK (hours IN ('full_time', 'part_time', 'shift', 'flexible')),
        shift_note text CHECK (length(shift_note) <= 200),
        physical_demand text NOT NULL CHECK (physical_demand IN ('light', 'moderate', 'heavy')),
        disabled_suitable boolean NOT NULL DEFAULT false,
        wage_min_fen integer NOT NULL CHECK (wage_min_fen >= 0),
        wage_max_fen integer NOT NULL CHECK (wage_max_fen >= wage_min_fen),
        headcount integer NOT NULL CHECK (headcount > 0),
        taken integer NOT NULL DEFAULT 0 CONSTRAINT vacancies_taken_check CHECK (taken >= 0 AND taken <= headcount),
        no_experience boolean NOT NULL DEFAULT false,
        valid_from date NOT NULL,
        valid_to date NOT NULL CHECK (valid_to >= valid_from),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_grams tsvector GENERATED ALWAYS AS ("${s}".cjk_grams(title || ' ' || description)) STORED
      )`);
    // Lists and searches are newest first (created_at DESC, id): these serve them in order, without a sort.
    await queryRunner.query(
      `CREATE INDEX vacancies_employer_idx ON "${s}".vacancies (employer_id, created_at DESC, id)`,
    );
    await queryRunner.query(`CREATE INDEX vacancies_created_idx ON "${s}".vacancies (created_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX vacancies_search_idx ON "${s}".vacancies USING gin (search_grams)`);
    // Only open vacancies are ever matched: the partial GiST index serves nearest-first scans.
    await queryRunner.query(
      `CREATE INDEX vacancies_open_geo_idx ON "${s}".vacancies USING gist (geo) WHERE status = 'open'`,
    );
    // Persons who need a disabled-suitable post would otherwise walk past ~85 % of the nearest vacancies.
    await queryRunner.query(
      `CREATE INDEX vacancies_open_disabled_geo_idx ON "${s}".vacancies USING gist (geo) WHERE status = 'open' AND disabled_suitable`,
    );

    await queryRunner.query(`
      CREATE TABLE "${s}".referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        vacancy_id uuid NOT NULL REFERENCES "${s}".vacancies (id),
        employer_id uuid NOT NULL,
        case_id text NOT NULL CHECK (length(case_id) BETWEEN 1 AND 100),
        person_id text NOT NULL CHECK (length(person_id) BETWEEN 1 AND 100),
        -- What the employer may see of the candidate, given by the caller; never ID numbers or sensitive data.
        candidate jsonb NOT NULL CHECK (candidate->>'maskedPhone' ~ '^1[0-9]{2}[*]{4}[0-9]{4}$'),
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'employer_accepted', 'employer_declined',
          'person_accepted', 'person_declined', 'started', 'ended', 'expired')),
        employer_reason text,
        person_reason text,
        end_reason text,
        holds_headcount boolean NOT NULL DEFAULT false,
        respond_by timestamptz,
        -- How long each side has to answer (the proposal's deadline, then the person's after the employer accepts).
        respond_within_hours integer NOT NULL CHECK (respond_within_hours BETWEEN 1 AND 168),
        started_on date,
        ended_on date,
        proposed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX referrals_employer_idx ON "${s}".referrals (employer_id, created_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX referrals_case_idx ON "${s}".referrals (case_id)`);
    await queryRunner.query(`CREATE INDEX referrals_vacancy_idx ON "${s}".referrals (vacancy_id)`);
    await queryRunner.query(
      `CREATE INDEX referrals_due_idx ON "${s}".referrals (respond_by) WHERE status IN ('proposed', 'employer_accepted')`,
    );
    // One live referral per person and vacancy: a retried proposal finds the existing one.
    await queryRunner.query(`
      CREATE UNIQUE INDEX referrals_live_key ON "${s}".referrals (vacancy_id, person_id)
        WHERE status IN ('proposed', 'employer_accepted', 'person_accepted', 'started')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE "${s}".referrals`);
    await queryRunner.query(`DROP TABLE "${s}".vacancies`);
    await queryRunner.query(`DROP FUNCTION "${s}".cjk_grams(text)`);
  }
}
