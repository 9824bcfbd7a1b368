import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AreaScope, inArea } from '../org-tree/area-scope';

/** A household episode's board row (the `household_episodes` read model, kept by the workflow's local activity). */
export interface EpisodeRow {
  episodeId: string;
  householdId: string;
  episode: number;
  status: 'open' | 'resolved' | 'closed';
  basis: 'detected' | 'certified';
  orgPath: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  communityName: string | null;
  communityNameEn: string | null;
  foundAt: Date;
  /** Null only in the instant between the start and the workflow's first record. */
  dueDate: string | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warned: boolean;
  breached: boolean;
  metAt: Date | null;
  doubleRequestedAt: Date | null;
  doubleDueAt: Date | null;
  doubleMetAt: Date | null;
  doubleBreached: boolean;
  resolution: string | null;
  resolvedAt: Date | null;
  employedMembers: number;
  helper: string | null;
  helperName: string | null;
  communityStaff: string | null;
  streetStaff: string | null;
  reopenCount: number;
  followUpsDone: number;
  followUpsTotal: number;
  nextFollowUpAt: Date | null;
  stable: boolean | null;
}

const EPISODE_COLUMNS = `e.episode_id AS "episodeId", e.household_id AS "householdId", e.episode, e.status, e.basis,
  e.org_path AS "orgPath", e.district_code AS "districtCode", e.street_code AS "streetCode",
  e.community_code AS "communityCode", e.found_at AS "foundAt", to_char(e.due_date, 'YYYY-MM-DD') AS "dueDate",
  e.due_at AS "dueAt", e.warn_at AS "warnAt", e.warned, e.breached, e.met_at AS "metAt",
  e.double_requested_at AS "doubleRequestedAt", e.double_due_at AS "doubleDueAt", e.double_met_at AS "doubleMetAt",
  e.double_breached AS "doubleBreached", e.resolution, e.resolved_at AS "resolvedAt",
  e.employed_members AS "employedMembers", e.helper, e.community_staff AS "communityStaff",
  e.street_staff AS "streetStaff", e.reopen_count AS "reopenCount", e.follow_ups_done AS "followUpsDone",
  e.follow_ups_total AS "followUpsTotal", e.next_follow_up_at AS "nextFollowUpAt", e.stable`;

export interface NewEpisode {
  episodeId: string;
  householdId: string;
  episode: number;
  basis: 'detected' | 'certified';
  orgPath: string;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  foundAt: string;
}

export interface EpisodeKpiRow {
  found: number;
  solvedInTime: number;
  solved: number;
  doubleRequested: number;
  doubleInTime: number;
  sixMonthsDue: number;
  stableAtSixMonths: number;
  atZeroNow: number;
  breachedOpen: number;
}

/**
 * Reads and writes of the household episodes read model. Every read for a caller takes the caller's area and
 * puts it in the WHERE; the consumer's reads (system work on behalf of the whole city) pass `WHOLE_CITY`.
 */
@Injectable()
export class HouseholdsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The household's latest episode, locked for the consumer deciding whether to start, reopen or ignore. */
  async latestForUpdate(
    manager: EntityManager,
    householdId: string,
  ): Promise<Pick<EpisodeRow, 'episodeId' | 'episode' | 'status'> | undefined> {
    const [row] = await manager.query(
      `SELECT episode_id AS "episodeId", episode, status FROM ${this.table('household_episodes')}
       WHERE household_id = $1 ORDER BY episode DESC LIMIT 1 FOR UPDATE`,
      [householdId],
    );
    return row;
  }

  /** The row of a starting episode (seq 0): a second start of the same episode finds it. */
  async insertStarting(manager: EntityManager, e: NewEpisode): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table('household_episodes')} (episode_id, household_id, episode, seq, status, basis, org_path,
         district_code, street_code, community_code, found_at)
       VALUES ($1, $2, $3, 0, 'open', $4, $5, $6, $7, $8, $9)
       ON CONFLICT (episode_id) DO NOTHING`,
      [
        e.episodeId,
        e.householdId,
        e.episode,
        e.basis,
        e.orgPath,
        e.districtCode,
        e.streetCode,
        e.communityCode,
        e.foundAt,
      ],
    );
  }

  async addMembers(manager: EntityManager, episodeId: string, personIds: string[]): Promise<void> {
    if (personIds.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.table('household_episode_members')} (episode_id, person_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [episodeId, personIds],
    );
  }

  /** Whether the person is a member of an episode not closed (on the pool: asked before a consumer's transaction). */
  async inLiveEpisode(personId: string): Promise<boolean> {
    return (await this.liveEpisodesOfPerson(this.dataSource.manager, personId)).length > 0;
  }

  /** The episodes not closed that a person is a member of (the consumer links their cases and placements). */
  async liveEpisodesOfPerson(
    manager: EntityManager,
    personId: string,
  ): Promise<Array<{ episodeId: string; caseId: string | null }>> {
    return manager.query(
      `SELECT m.episode_id AS "episodeId", m.case_id AS "caseId"
       FROM ${this.table('household_episode_members')} m
       JOIN ${this.table('household_episodes')} e ON e.episode_id = m.episode_id
       WHERE m.person_id = $1 AND e.status <> 'closed'`,
      [personId],
    );
  }

  /** Open cases of the given persons (the latest case of each), to link when an episode starts. */
  async openCasesOfPersons(
    manager: EntityManager,
    personIds: string[],
  ): Promise<Array<{ personId: string; caseId: string }>> {
    if (personIds.length === 0) return [];
    return manager.query(
      `SELECT DISTINCT ON (b.person_id) b.person_id AS "personId", b.case_id AS "caseId"
       FROM ${this.table('case_board')} b
       WHERE b.person_id = ANY($1::text[])
         AND b.state NOT IN ('closed', 'withdrawn', 'unreachable', 'ineligible', 'referred-elsewhere')
       ORDER BY b.person_id, b.opened_at DESC`,
      [personIds],
    );
  }

  /** The board: episodes in the area, open first (breached, then the nearest due), then the rest by recency. */
  async board(
    area: AreaScope,
    filter: {
      status?: string;
      atRisk?: boolean;
      communityCode?: string;
      streetCode?: string;
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: EpisodeRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [inArea('e.org_path', area, params)];
    if (filter.status) where.push(`e.status = $${params.push(filter.status)}`);
    if (filter.atRisk) where.push(`e.status = 'open' AND (e.warned OR e.breached)`);
    if (filter.communityCode) where.push(`e.community_code = $${params.push(filter.communityCode)}`);
    if (filter.streetCode) where.push(`e.street_code = $${params.push(filter.streetCode)}`);
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${this.table('household_episodes')} e WHERE ${whereSql}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT ${EPISODE_COLUMNS}, c.name_zh AS "communityName", c.name_en AS "communityNameEn",
              h.display_name AS "helperName"
       FROM ${this.table('household_episodes')} e
       LEFT JOIN ${this.table('org_units')} c ON c.code = e.community_code
       LEFT JOIN ${this.table('user_accounts')} h ON h.username = e.helper
       WHERE ${whereSql}
       ORDER BY (e.status = 'open') DESC, e.breached DESC, e.due_at ASC NULLS LAST, e.found_at DESC
       LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { rows, total };
  }

  async findInScope(episodeId: string, area: AreaScope): Promise<EpisodeRow | undefined> {
    const params: unknown[] = [episodeId];
    const [row] = await this.dataSource.query(
      `SELECT ${EPISODE_COLUMNS}, c.name_zh AS "communityName", c.name_en AS "communityNameEn",
              h.display_name AS "helperName"
       FROM ${this.table('household_episodes')} e
       LEFT JOIN ${this.table('org_units')} c ON c.code = e.community_code
       LEFT JOIN ${this.table('user_accounts')} h ON h.username = e.helper
       WHERE e.episode_id = $1 AND ${inArea('e.org_path', area, params)}`,
      params,
    );
    return row;
  }

  async episodesOfHousehold(householdId: string, area: AreaScope): Promise<EpisodeRow[]> {
    const params: unknown[] = [householdId];
    return this.dataSource.query(
      `SELECT ${EPISODE_COLUMNS}, c.name_zh AS "communityName", c.name_en AS "communityNameEn",
              h.display_name AS "helperName"
       FROM ${this.table('household_episodes')} e
       LEFT JOIN ${this.table('org_units')} c ON c.code = e.community_code
       LEFT JOIN ${this.table('user_accounts')} h ON h.username = e.helper
       WHERE e.household_id = $1 AND ${inArea('e.org_path', area, params)}
       ORDER BY e.episode DESC`,
      params,
    );
  }

  /** The person's case in the area (to link it to an episode): its person and whether it is still open. */
  async caseInScope(
    caseId: string,
    area: AreaScope,
  ): Promise<{ personId: string | null; state: string } | undefined> {
    const params: unknown[] = [caseId];
    const [row] = await this.dataSource.query(
      `SELECT b.person_id AS "personId", b.state FROM ${this.table('case_board')} b
       WHERE b.case_id = $1 AND ${inArea('b.org_path', area, params)}
       ORDER BY b.cycle DESC LIMIT 1`,
      params,
    );
    return row;
  }

  /** Whether the person is one of the episode's members. */
  async isMember(episodeId: string, personId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${this.table('household_episode_members')} WHERE episode_id = $1 AND person_id = $2`,
      [episodeId, personId],
    );
    return rows.length > 0;
  }

  /**
   * The KPIs of the episodes found in [from, to) in the area (or a unit under it): found, one member employed by
   * the due date, double employment in time, stable at the last follow-up; and open episodes now (the "dynamic
   * clearing" figure, whose target is 0).
   */
  async kpis(area: AreaScope, unitPath: string | null, from: string, to: string): Promise<EpisodeKpiRow> {
    const params: unknown[] = [from, to];
    const where = [inArea('e.org_path', area, params)];
    if (unitPath) {
      where.push(
        `(e.org_path = $${params.push(unitPath)} OR e.org_path LIKE $${params.push(`${unitPath}/%`)})`,
      );
    }
    const [row] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE e.found_at >= $1 AND e.found_at < $2)::int AS found,
         count(*) FILTER (WHERE e.found_at >= $1 AND e.found_at < $2 AND e.met_at IS NOT NULL)::int AS solved,
         count(*) FILTER (WHERE e.found_at >= $1 AND e.found_at < $2 AND e.met_at IS NOT NULL
                            AND e.met_at < e.due_at)::int AS "solvedInTime",
         count(*) FILTER (WHERE e.double_requested_at >= $1 AND e.double_requested_at < $2)::int AS "doubleRequested",
         count(*) FILTER (WHERE e.double_requested_at >= $1 AND e.double_requested_at < $2
                            AND e.double_met_at IS NOT NULL AND e.double_met_at < e.double_due_at)::int AS "doubleInTime",
         count(*) FILTER (WHERE e.found_at >= $1 AND e.found_at < $2 AND e.stable IS NOT NULL)::int AS "sixMonthsDue",
         count(*) FILTER (WHERE e.found_at >= $1 AND e.found_at < $2 AND e.stable)::int AS "stableAtSixMonths",
         count(*) FILTER (WHERE e.status = 'open')::int AS "atZeroNow",
         count(*) FILTER (WHERE e.status = 'open' AND e.breached)::int AS "breachedOpen"
       FROM ${this.table('household_episodes')} e
       WHERE ${where.join(' AND ')}`,
      params,
    );
    return row;
  }

  /** Whether the account is an operator or supervisor whose unit covers `orgPath` (may work the household). */
  async isStaffOfArea(username: string, orgPath: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM ${this.table('user_accounts')} u JOIN ${this.table('org_units')} o ON o.code = u.org_unit_code
       WHERE u.username = $1 AND u.roles && ARRAY['operator', 'supervisor']::text[]
         AND ($2 = o.path OR starts_with($2, o.path || '/'))`,
      [username, orgPath],
    );
    return rows.length > 0;
  }

  /** Operators and supervisors whose unit covers `orgPath`, the nearest units first. */
  staffCandidates(
    orgPath: string,
  ): Promise<Array<{ username: string; displayName: string; orgNameZh: string; orgNameEn: string }>> {
    return this.dataSource.query(
      `SELECT u.username, u.display_name AS "displayName", o.name_zh AS "orgNameZh", o.name_en AS "orgNameEn"
       FROM ${this.table('user_accounts')} u JOIN ${this.table('org_units')} o ON o.code = u.org_unit_code
       WHERE u.roles && ARRAY['operator', 'supervisor']::text[]
         AND ($1 = o.path OR starts_with($1, o.path || '/'))
       ORDER BY length(o.path) DESC, u.username
       LIMIT 500`,
      [orgPath],
    );
  }

  /** Display names of staff accounts (usernames on a tracking card). */
  async staffNames(usernames: string[]): Promise<Map<string, string>> {
    if (usernames.length === 0) return new Map();
    const rows: Array<{ username: string; displayName: string }> = await this.dataSource.query(
      `SELECT username, display_name AS "displayName" FROM ${this.table('user_accounts')}
       WHERE username = ANY($1::text[])`,
      [usernames],
    );
    return new Map(rows.map((row) => [row.username, row.displayName]));
  }

  private table(name: string): string {
    return `"${String((this.dataSource.options as { schema?: string }).schema)}".${name}`;
  }
}
