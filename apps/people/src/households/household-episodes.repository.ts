import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { HouseholdEpisodeChanged } from '@platform/contracts';
import { PeopleConfig } from '../config';
import { inScope, Scope, scopeParams } from '../people-actor';
import { PEOPLE_CONFIG } from '../pii/pii.module';

export interface HouseholdEpisodeRow {
  episode_id: string;
  household_id: string;
  episode: number;
  status: 'open' | 'resolved' | 'closed';
  /** yyyy-mm-dd */
  due_date: string;
  due_at: Date;
  breached: boolean;
  resolution: 'member-employed' | 'no-longer-qualifies' | 'closed-by-supervisor' | null;
  resolved_at: Date | null;
  found_at: Date;
}

const COLUMNS = `e.episode_id, e.household_id, e.episode, e.status, to_char(e.due_date, 'YYYY-MM-DD') AS due_date,
  e.due_at, e.breached, e.resolution, e.resolved_at, e.found_at`;

/**
 * The hotline's summary of each assistance episode of a household (`hotline.household-episode.v1`). Reads go
 * through the household, so they take the household's scope.
 */
@Injectable()
export class HouseholdEpisodesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PEOPLE_CONFIG) private readonly config: PeopleConfig,
  ) {}

  private get s(): string {
    return this.config.DB_SCHEMA;
  }

  /** Stores the summary unless one with the same or a later `seq` is already there (events may come late). */
  async upsert(manager: EntityManager, summary: HouseholdEpisodeChanged): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO "${this.s}".household_episodes AS e (episode_id, household_id, episode, seq, status, due_date,
         due_at, breached, resolution, resolved_at, found_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (episode_id) DO UPDATE SET episode = EXCLUDED.episode, seq = EXCLUDED.seq,
         status = EXCLUDED.status, due_date = EXCLUDED.due_date, due_at = EXCLUDED.due_at,
         breached = EXCLUDED.breached, resolution = EXCLUDED.resolution, resolved_at = EXCLUDED.resolved_at,
         found_at = EXCLUDED.found_at, updated_at = now()
       WHERE e.seq < EXCLUDED.seq
       RETURNING e.episode_id`,
      [
        summary.episodeId,
        summary.householdId,
        summary.episode,
        summary.seq,
        summary.status,
        summary.dueDate,
        summary.dueAt,
        summary.breached,
        summary.resolution,
        summary.resolvedAt,
        summary.foundAt,
      ],
    );
    return rows.length === 1;
  }

  /** The latest episode (highest number) of each of these households in scope. */
  async latestOf(householdIds: string[], scope: Scope): Promise<Map<string, HouseholdEpisodeRow>> {
    if (!householdIds.length) return new Map();
    const rows: HouseholdEpisodeRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (e.household_id) ${COLUMNS}
       FROM "${this.s}".household_episodes e JOIN "${this.s}".households h ON h.id = e.household_id
       WHERE e.household_id = ANY($3::uuid[]) AND ${inScope('h.org_path', 1)}
       ORDER BY e.household_id, e.episode DESC`,
      [...scopeParams(scope), householdIds],
    );
    return new Map(rows.map((row) => [row.household_id, row]));
  }
}
