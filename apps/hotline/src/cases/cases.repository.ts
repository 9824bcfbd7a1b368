import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { HandOffCandidate } from '@platform/contracts';
import { BOARD_ROW_COLUMNS, BoardRow, ENDED_STATES } from '../board/board-row';
import { HotlineConfig } from '../config';
import { AreaScope, inArea } from '../org-tree/area-scope';
import { CaseRow } from './case.entity';
import type { CaseSearchMatch, StoredCaller } from './case-caller';
import { CASES_CONFIG } from './case-workflows';

/** The caller's card (encrypted) and the community's names, joined to each listed case. */
export interface CaseCallerColumns {
  cardEncrypted: string | null;
  communityNameZh: string | null;
  communityNameEn: string | null;
}

export interface CaseListRow extends BoardRow, CaseCallerColumns {
  personId: string | null;
  callbackDueAt: Date | null;
  nextFollowUpAt: Date | null;
}

export interface AgendaRow extends CaseListRow {
  dueAt: Date;
}

const CASE_LIST_COLUMNS = `${BOARD_ROW_COLUMNS}, person_id AS "personId",
  callback_due_at AS "callbackDueAt", next_follow_up_at AS "nextFollowUpAt",
  k.card_encrypted AS "cardEncrypted", o.name_zh AS "communityNameZh", o.name_en AS "communityNameEn"`;

/** Cases whose promise is broken now, as `isBreached` decides it (the board's rule), for "breached first". */
const BREACHED_NOW = (now: string, ended: string) => `coalesce(b.breached OR (b.deadline < ${now}
  AND b.placed_at IS NULL AND NOT b.promise_waived AND b.promise IS DISTINCT FROM 'not-applicable'
  AND NOT (b.state = ANY(${ended}))), false)`;

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

  /**
   * The latest cycle of each case in the area, breached first, then newest first, with the count of all that
   * match. `search` matches the caller's card exactly (blind indexes) or the start of the case ID.
   */
  async latestCycles(
    area: AreaScope,
    filter: {
      personId?: string;
      open?: boolean;
      owner?: string;
      search?: CaseSearchMatch;
      now: Date;
      limit: number;
      offset: number;
    },
  ): Promise<{ rows: CaseListRow[]; total: number }> {
    const params: unknown[] = [];
    const filters = [inArea('b.org_path', area, params), this.latestCycle()];
    if (filter.personId) filters.push(`b.person_id = $${params.push(filter.personId)}`);
    if (filter.open !== undefined) {
      const ended = `b.state = ANY($${params.push([...ENDED_STATES])})`;
      filters.push(filter.open ? `NOT ${ended}` : ended);
    }
    if (filter.owner) filters.push(`b.owner = $${params.push(filter.owner)}`);
    const search = filter.search;
    if (search?.by === 'caseNumber')
      filters.push(`b.case_id::text LIKE $${params.push(`${search.prefix}%`)}`);
    else if (search) {
      const column = { idNumber: 'id_number_bidx', phone: 'phone_bidx', name: 'name_bidx' }[search.by];
      filters.push(`k.${column} = $${params.push(search.index)}`);
    }
    const from = `FROM ${this.table('case_board')} b
${this.callerJoins()}
       WHERE ${filters.join(' AND ')}`;
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    // Pushed after the count, which does not use them (an unused parameter has no type for Postgres).
    const now = `$${params.push(filter.now)}`;
    const endedStates = `$${params.push([...ENDED_STATES])}`;
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS} ${from}
       ORDER BY ${BREACHED_NOW(now, endedStates)} DESC, b.opened_at DESC, b.case_id
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
      now: Date;
      limit: number;
    },
  ): Promise<AgendaRow[]> {
    const params: unknown[] = [];
    const endedStates = `$${params.push([...ENDED_STATES])}`;
    const filters = [
      inArea('b.org_path', area, params),
      this.latestCycle(),
      `NOT (b.state = ANY(${endedStates}))`,
      `b.${due.dueColumn} < $${params.push(due.before)}`,
    ];
    if (due.doneColumn) filters.push(`b.${due.doneColumn} IS NULL`);
    if (due.owner) filters.push(`b.owner = $${params.push(due.owner)}`);
    return this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS}, b.${due.dueColumn} AS "dueAt"
       FROM ${this.table('case_board')} b
${this.callerJoins()}
       WHERE ${filters.join(' AND ')}
       ORDER BY ${BREACHED_NOW(`$${params.push(due.now)}`, endedStates)} DESC, b.${due.dueColumn}, b.case_id
       LIMIT $${params.push(due.limit)}`,
      params,
    );
  }

  /** Stores the caller's card of a case just inserted (same transaction as the case row). */
  insertCaller(manager: EntityManager, caseId: string, caller: StoredCaller): Promise<unknown> {
    return manager.query(
      `INSERT INTO ${this.table('case_callers')}
         (case_id, card_encrypted, person_encrypted, name_bidx, phone_bidx, id_number_bidx)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO NOTHING`,
      callerParams(caseId, caller),
    );
  }

  /** The caller's card of a case in the area (undefined for another area's case or an old case without one). */
  async callerInArea(
    caseId: string,
    scope: AreaScope,
  ): Promise<{ cardEncrypted: string; personEncrypted: string | null } | undefined> {
    const params: unknown[] = [caseId];
    const [row] = await this.dataSource.query(
      `SELECT k.card_encrypted AS "cardEncrypted", k.person_encrypted AS "personEncrypted"
       FROM ${this.table('case_callers')} k JOIN ${this.table('cases')} c ON c.id = k.case_id
       WHERE k.case_id = $1 AND ${inArea('c.org_path', scope, params)}`,
      params,
    );
    return row;
  }

  /** Replaces the caller (card, held person, search indexes) of a case in the area: corrected for a retry. */
  async replaceCaller(caseId: string, scope: AreaScope, caller: StoredCaller): Promise<void> {
    const params = callerParams(caseId, caller);
    await this.dataSource.query(
      `UPDATE ${this.table('case_callers')} k
          SET card_encrypted = $2, person_encrypted = $3, name_bidx = $4, phone_bidx = $5, id_number_bidx = $6
       FROM ${this.table('cases')} c
       WHERE c.id = k.case_id AND k.case_id = $1 AND ${inArea('c.org_path', scope, params)}`,
      params,
    );
  }

  /** Once the people service has registered the person, the hotline no longer keeps the intake's person. */
  async forgetPendingPerson(caseId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table('case_callers')} SET person_encrypted = NULL
       WHERE case_id = $1 AND person_encrypted IS NOT NULL`,
      [caseId],
    );
  }

  /** A community's names (org units are not personal data, and every caller may read the tree). */
  async orgUnitName(code: string): Promise<{ zh: string; en: string | null } | null> {
    const [row] = await this.dataSource.query(
      `SELECT name_zh AS zh, name_en AS en FROM ${this.table('org_units')} WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }

  /** Staff display names by username (for owners and actors on the case page). */
  async staffNames(usernames: string[]): Promise<Map<string, string>> {
    if (!usernames.length) return new Map();
    const rows: Array<{ username: string; displayName: string }> = await this.dataSource.query(
      `SELECT username, display_name AS "displayName" FROM ${this.table('user_accounts')}
       WHERE username = ANY($1)`,
      [usernames],
    );
    return new Map(rows.map((row) => [row.username, row.displayName]));
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

  /**
   * The caller's card (`k`) and the community's names (`o`) as lateral subqueries, so their columns never
   * collide with the board's unqualified ones.
   */
  private callerJoins(): string {
    return `LEFT JOIN LATERAL (SELECT card_encrypted, name_bidx, phone_bidx, id_number_bidx
         FROM ${this.table('case_callers')} WHERE case_id = b.case_id) k ON true
       LEFT JOIN LATERAL (SELECT name_zh, name_en FROM ${this.table('org_units')}
         WHERE code = b.community_code) o ON true`;
  }

  /** Only the latest cycle of each case on `case_board b`. */
  private latestCycle(): string {
    return `NOT EXISTS (SELECT 1 FROM ${this.table('case_board')} n WHERE n.case_id = b.case_id AND n.cycle > b.cycle)`;
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}

/** `case_callers`' columns after the case id, in the order the statements above list them. */
function callerParams(caseId: string, caller: StoredCaller): unknown[] {
  return [
    caseId,
    caller.cardEncrypted,
    caller.personEncrypted,
    caller.nameIndex,
    caller.phoneIndex,
    caller.idNumberIndex,
  ];
}
