import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HandOffCandidate, HelpRequestState } from '@platform/contracts';
import { BOARD_ROW_COLUMNS, BoardRow, ENDED_STATES } from '../board/board-row';
import { HotlineConfig } from '../config';
import { AreaScope, inArea } from '../org-tree/area-scope';
import { CaseRow } from './case.entity';
import { CASES_CONFIG } from './case-workflows';

export interface CaseListRow extends BoardRow {
  personId: string | null;
  callbackDueAt: Date | null;
  nextFollowUpAt: Date | null;
}

const CASE_LIST_COLUMNS = `${BOARD_ROW_COLUMNS}, person_id AS "personId",
  callback_due_at AS "callbackDueAt", next_follow_up_at AS "nextFollowUpAt"`;

/** The `case_board` columns an agenda is due by (the projection keeps the first follow-up not yet done). */
export type AgendaColumn = 'callback_due_at' | 'next_follow_up_at';

/**
 * Reads of the `cases` table and of the `case_board` read model for the case lists. Every read of cases takes
 * the caller's area and puts it in the WHERE.
 */
@Injectable()
export class CasesRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
  ) {}

  /** The case if it lies in the area; null for an unknown id and for another area's case alike. */
  findInArea(id: string, scope: AreaScope): Promise<CaseRow | null> {
    return this.dataSource
      .getRepository(CaseRow)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .andWhere('(c.orgPath = :path OR c.orgPath LIKE :descendants)', scope)
      .getOne();
  }

  /** The latest cycle of each case in the area, newest first, with the count of all that match. */
  async latestCycles(
    area: AreaScope,
    filter: { personId?: string; open?: boolean; owner?: string; limit: number; offset: number },
  ): Promise<{ rows: CaseListRow[]; total: number }> {
    const params: unknown[] = [];
    const filters = [inArea('b.org_path', area, params), this.latestCycle()];
    if (filter.personId) filters.push(`b.person_id = $${params.push(filter.personId)}`);
    if (filter.open !== undefined) {
      const ended = `b.state = ANY($${params.push([...ENDED_STATES])})`;
      filters.push(filter.open ? `NOT ${ended}` : ended);
    }
    if (filter.owner) filters.push(`b.owner = $${params.push(filter.owner)}`);
    const from = `FROM ${this.table('case_board')} b WHERE ${filters.join(' AND ')}`;
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS} ${from}
       ORDER BY b.opened_at DESC, b.case_id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total };
  }

  /** Open cases in the area (latest cycle) with `dueColumn` before `before` and `doneColumn` unset, earliest first. */
  dueBefore(
    area: AreaScope,
    due: {
      dueColumn: AgendaColumn;
      doneColumn?: 'callback_done_at';
      before: Date;
      owner?: string;
      limit: number;
    },
  ): Promise<Array<{ caseId: string; dueAt: Date; owner: string; state: HelpRequestState }>> {
    const params: unknown[] = [];
    const filters = [
      inArea('b.org_path', area, params),
      this.latestCycle(),
      `NOT (b.state = ANY($${params.push([...ENDED_STATES])}))`,
      `b.${due.dueColumn} < $${params.push(due.before)}`,
    ];
    if (due.doneColumn) filters.push(`b.${due.doneColumn} IS NULL`);
    if (due.owner) filters.push(`b.owner = $${params.push(due.owner)}`);
    return this.dataSource.query(
      `SELECT b.case_id AS "caseId", b.${due.dueColumn} AS "dueAt", b.owner, b.state
       FROM ${this.table('case_board')} b WHERE ${filters.join(' AND ')}
       ORDER BY b.${due.dueColumn}, b.case_id LIMIT $${params.push(due.limit)}`,
      params,
    );
  }

  /** Operator and supervisor accounts whose area holds `orgPath`, nearest first. */
  handOffCandidates(orgPath: string): Promise<HandOffCandidate[]> {
    return this.dataSource.query(
      `SELECT u.username, u.display_name AS "displayName", u.roles, o.code AS "orgCode",
              o.name_zh AS "orgNameZh", o.name_en AS "orgNameEn"
       FROM ${this.table('user_accounts')} u
       JOIN ${this.table('org_units')} o ON o.code = u.org_unit_code
       WHERE u.roles && ARRAY['operator', 'supervisor']::text[]
         AND ($1 = o.path OR starts_with($1, o.path || '/'))
       ORDER BY length(o.path) DESC, u.username
       LIMIT 500`,
      [orgPath],
    );
  }

  /** An account's roles and the path of its unit, to check a handoff target. */
  async accountArea(username: string): Promise<{ roles: string[]; path: string } | undefined> {
    const [account]: Array<{ roles: string[]; path: string }> = await this.dataSource.query(
      `SELECT u.roles, o.path FROM ${this.table('user_accounts')} u
       JOIN ${this.table('org_units')} o ON o.code = u.org_unit_code
       WHERE u.username = $1`,
      [username],
    );
    return account;
  }

  /** Only the latest cycle of each case on `case_board b`. */
  private latestCycle(): string {
    return `NOT EXISTS (SELECT 1 FROM ${this.table('case_board')} n WHERE n.case_id = b.case_id AND n.cycle > b.cycle)`;
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}
