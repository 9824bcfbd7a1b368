import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, orgScope } from '@platform/auth';
import { formatShanghaiInstant, shanghaiDateOf, startOfShanghaiDay, tryParseDay } from '@platform/calendar';
import type { Agenda, AgendaItem, CaseSummary, HelpRequestState } from '@platform/contracts';
import { CalendarService } from '../calendar/calendar.service';
import { BOARD_ROW_COLUMNS, BoardRow, boardFlags, ENDED_STATES } from '../board/board-row';
import { HotlineConfig } from '../config';
import { AgendaQuery, CaseListQuery } from './case-list.dto';
import { fieldError, invalid } from './case-problems';
import { CASES_CONFIG } from './case-workflows';

/** An agenda longer than this is a backlog for the board, not a day's work; the earliest come first. */
const AGENDA_LIMIT = 500;

interface CaseListRow extends BoardRow {
  personId: string | null;
  callbackDueAt: Date | null;
  nextFollowUpAt: Date | null;
}

const CASE_LIST_COLUMNS = `${BOARD_ROW_COLUMNS}, person_id AS "personId",
  callback_due_at AS "callbackDueAt", next_follow_up_at AS "nextFollowUpAt"`;

const instant = (value: Date | null): string | null => (value ? formatShanghaiInstant(value) : null);

/**
 * Case lists for operators and supervisors, read from the `case_board` read model (the latest cycle of each
 * case, kept from `hotline.case.v1`): a case appears once its first event is projected, a moment after
 * `POST /cases`. Every list is limited to the caller's org subtree.
 */
@Injectable()
export class CaseListService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CASES_CONFIG) private readonly config: HotlineConfig,
    private readonly calendar: CalendarService,
  ) {}

  /** Newest first. `open=false` lists the ended and closed cases only; `mine=true` those the caller owns. */
  async list(
    user: AuthenticatedUser,
    query: CaseListQuery,
    now = new Date(),
  ): Promise<{ items: CaseSummary[]; total: number }> {
    const where = this.latestCyclesInScope(user);
    const params = where.params;
    if (query.personId) where.filters.push(`b.person_id = $${params.push(query.personId)}`);
    if (query.open !== undefined) {
      const ended = `b.state = ANY($${params.push([...ENDED_STATES])})`;
      where.filters.push(query.open === 'true' ? `NOT ${ended}` : ended);
    }
    if (query.mine === 'true') where.filters.push(`b.owner = $${params.push(user.username)}`);
    const from = `FROM ${this.table('case_board')} b WHERE ${where.filters.join(' AND ')}`;
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS} ${from}
       ORDER BY b.opened_at DESC, b.case_id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    const calendar = await this.calendar.current();
    return {
      items: rows.map((row) => {
        const flags = boardFlags(row, calendar, now);
        return {
          caseId: row.caseId,
          cycle: row.cycle,
          state: row.state,
          owner: row.owner,
          personId: row.personId,
          districtCode: row.districtCode,
          streetCode: row.streetCode,
          communityCode: row.communityCode,
          openedAt: formatShanghaiInstant(row.openedAt),
          deadline: instant(row.deadline),
          dueDate: row.dueDate,
          breached: flags.breached,
          atRisk: flags.atRisk,
          // As GET /cases/{id}: no time left to show once placed or ended.
          remaining: row.placedAt || ENDED_STATES.includes(row.state) ? null : flags.remaining,
          placedAt: instant(row.placedAt),
          escalationKind: row.escalationKind,
          callbackDueAt: instant(row.callbackDueAt),
          callbackDoneAt: instant(row.callbackDoneAt),
          nextFollowUpAt: instant(row.nextFollowUpAt),
        };
      }),
      total,
    };
  }

  /**
   * Callbacks and follow-ups due on or before `day` (Shanghai) and not done, of open cases, earliest first:
   * a supervisor's subtree, or the cases an operator owns.
   */
  async agenda(user: AuthenticatedUser, query: AgendaQuery, now = new Date()): Promise<Agenda> {
    const day = query.day ?? shanghaiDateOf(now);
    const dayNumber = tryParseDay(day);
    if (dayNumber === undefined) {
      throw invalid([fieldError('day', 'isRealDate', '不是真实存在的日期', 'is not a real date')]);
    }
    const dayStart = startOfShanghaiDay(dayNumber);
    const dayEnd = new Date(startOfShanghaiDay(dayNumber + 1));
    const due = async (dueColumn: string, doneColumn?: string): Promise<AgendaItem[]> => {
      const where = this.latestCyclesInScope(user);
      const params = where.params;
      where.filters.push(
        `NOT (b.state = ANY($${params.push([...ENDED_STATES])}))`,
        `b.${dueColumn} < $${params.push(dayEnd)}`,
      );
      if (doneColumn) where.filters.push(`b.${doneColumn} IS NULL`);
      if (!user.roles.includes('supervisor')) where.filters.push(`b.owner = $${params.push(user.username)}`);
      const rows: Array<{ caseId: string; dueAt: Date; owner: string; state: HelpRequestState }> =
        await this.dataSource.query(
          `SELECT b.case_id AS "caseId", b.${dueColumn} AS "dueAt", b.owner, b.state
           FROM ${this.table('case_board')} b WHERE ${where.filters.join(' AND ')}
           ORDER BY b.${dueColumn}, b.case_id LIMIT ${AGENDA_LIMIT}`,
          params,
        );
      return rows.map((row) => ({
        caseId: row.caseId,
        dueAt: formatShanghaiInstant(row.dueAt),
        owner: row.owner,
        state: row.state,
        overdue: row.dueAt.getTime() < dayStart,
      }));
    };
    const [callbacks, followUps] = await Promise.all([
      due('callback_due_at', 'callback_done_at'),
      // The projection holds the first follow-up not yet done.
      due('next_follow_up_at'),
    ]);
    return { day, callbacks, followUps };
  }

  /** The caller's subtree, latest cycle of each case: SQL filters on `case_board b`, with their params. */
  private latestCyclesInScope(user: AuthenticatedUser): { filters: string[]; params: unknown[] } {
    const scope = orgScope(user);
    return {
      filters: [
        '(b.org_path = $1 OR b.org_path LIKE $2)',
        `NOT EXISTS (SELECT 1 FROM ${this.table('case_board')} n WHERE n.case_id = b.case_id AND n.cycle > b.cycle)`,
      ],
      params: [scope.path, scope.descendants],
    };
  }

  private table(name: string): string {
    return `"${this.config.DB_SCHEMA}".${name}`;
  }
}
