import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticatedUser } from '@platform/auth';
import {
  formatShanghaiInstant,
  parseDay,
  shanghaiDateOf,
  startOfShanghaiDay,
  tryParseDay,
} from '@platform/calendar';
import type { Agenda, AgendaItem, CaseCallerSummary, CaseSummary, OrgUnitName } from '@platform/contracts';
import { Clock } from '@platform/nest-kit';
import { PiiCipher } from '@platform/pii';
import { CalendarService } from '../calendar/calendar.service';
import { boardFlags } from '../board/board-row';
import { HotlineConfig } from '../config';
import { areaScope } from '../org-tree/area-scope';
import { CallerCards, CaseSearchMatch } from './case-caller';
import { AgendaQuery, CaseListQuery, CaseSearchDto } from './case-list.dto';
import { fieldError, invalid } from './case-problems';
import { CASES_CONFIG } from './case-workflows';
import { AgendaColumn, CaseCallerColumns, CasesRepository } from './cases.repository';
import { PlanAgenda, PLAN_ITEMS_WITHIN_DAYS } from '../personal-plans/plan-agenda';

const FIRST_AGENDA_DAY = parseDay('2000-01-01');
const LAST_AGENDA_DAY = parseDay('2100-12-31');
/** An agenda longer than this is a backlog for the board, not a day's work; the earliest come first. */
const AGENDA_LIMIT = 500;

const instant = (value: Date | null): string | null => (value ? formatShanghaiInstant(value) : null);

/**
 * Case lists for operators and supervisors, read from the `case_board` read model (the latest cycle of each
 * case, kept from `hotline.case.v1`): a case appears once its first event is projected, a moment after
 * `POST /cases`. Every list is limited to the caller's org subtree.
 */
@Injectable()
export class CaseListService {
  private readonly logger = new Logger(CaseListService.name);
  private readonly callers: CallerCards;

  constructor(
    private readonly repository: CasesRepository,
    private readonly calendar: CalendarService,
    @Inject(CASES_CONFIG) config: HotlineConfig,
    private readonly planAgenda: PlanAgenda,
    private readonly clock: Clock,
  ) {
    this.callers = new CallerCards(new PiiCipher(config), config.PII_BLIND_INDEX_KEY);
  }

  /**
   * Breached first, then newest first. `open=false` lists the ended and closed cases only; `mine=true` those the
   * caller owns.
   */
  list(
    user: AuthenticatedUser,
    query: CaseListQuery,
    now = this.clock.now(),
  ): Promise<{ items: CaseSummary[]; total: number }> {
    return this.page(
      user,
      {
        personId: query.personId,
        open: query.open === undefined ? undefined : query.open === 'true',
        mine: query.mine === 'true',
        limit: query.limit,
        offset: query.offset,
      },
      now,
    );
  }

  /** The cases whose caller has exactly this name, phone or ID number, or whose number starts so, in the area. */
  search(user: AuthenticatedUser, body: CaseSearchDto, now = this.clock.now()) {
    return this.page(user, { ...body, search: this.callers.searchOf(body.term) }, now);
  }

  private async page(
    user: AuthenticatedUser,
    filter: {
      personId?: string;
      open?: boolean;
      mine?: boolean;
      search?: CaseSearchMatch;
      limit: number;
      offset: number;
    },
    now: Date,
  ): Promise<{ items: CaseSummary[]; total: number }> {
    const { rows, total } = await this.repository.latestCycles(areaScope(user), {
      personId: filter.personId,
      open: filter.open,
      owner: filter.mine ? user.username : undefined,
      search: filter.search,
      now,
      limit: filter.limit,
      offset: filter.offset,
    });
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
          promise: flags.promise,
          remaining: flags.remaining,
          placedAt: instant(row.placedAt),
          escalationKind: row.escalationKind,
          callbackDueAt: instant(row.callbackDueAt),
          callbackDoneAt: instant(row.callbackDoneAt),
          nextFollowUpAt: instant(row.nextFollowUpAt),
          ...this.callerColumns(row),
        };
      }),
      total,
    };
  }

  /** The listed caller (name and masked phone only) and community names of a row. */
  private callerColumns(row: CaseCallerColumns & { caseId: string }): {
    caller: CaseCallerSummary | null;
    communityName: OrgUnitName | null;
  } {
    let caller: CaseCallerSummary | null = null;
    if (row.cardEncrypted) {
      try {
        const card = this.callers.card(row.cardEncrypted, row.caseId);
        caller = { name: card.name, phoneMasked: card.phoneMasked };
      } catch (error) {
        // One unreadable card (a key rotated away) must not hide the whole list; the error names no value.
        this.logger.error({ caseId: row.caseId, err: error }, 'caller card does not decrypt');
      }
    }
    const communityName = row.communityNameZh ? { zh: row.communityNameZh, en: row.communityNameEn } : null;
    return { caller, communityName };
  }

  /**
   * Callbacks and follow-ups due on or before `day` (Shanghai) and not done, of open cases, earliest first:
   * a supervisor's subtree, or the cases an operator owns; and the personal-plan items due (PlanAgenda).
   */
  async agenda(user: AuthenticatedUser, query: AgendaQuery, now = this.clock.now()): Promise<Agenda> {
    const day = query.day ?? shanghaiDateOf(now);
    const dayNumber = tryParseDay(day);
    if (dayNumber === undefined) {
      throw invalid([fieldError('day', 'isRealDate', '不是真实存在的日期', 'is not a real date')]);
    }
    // As the KPIs: a day before the platform or far ahead is a typing mistake, not an agenda.
    if (dayNumber < FIRST_AGENDA_DAY || dayNumber > LAST_AGENDA_DAY) {
      throw invalid([
        fieldError('day', 'yearRange', '年份须在 2000–2100 之间', 'the year must be 2000–2100'),
      ]);
    }
    const dayStart = startOfShanghaiDay(dayNumber);
    const dayEnd = new Date(startOfShanghaiDay(dayNumber + 1));
    const due = async (dueColumn: AgendaColumn, doneColumn?: 'callback_done_at'): Promise<AgendaItem[]> => {
      const rows = await this.repository.dueBefore(areaScope(user), {
        dueColumn,
        doneColumn,
        before: dayEnd,
        // An operator's agenda is their own cases; a supervisor's, the whole area.
        owner: user.roles.includes('supervisor') ? undefined : user.username,
        now,
        limit: AGENDA_LIMIT,
      });
      return rows.map((row) => {
        const flags = boardFlags(row, calendar, now);
        return {
          caseId: row.caseId,
          dueAt: formatShanghaiInstant(row.dueAt),
          owner: row.owner,
          state: row.state,
          overdue: row.dueAt.getTime() < dayStart,
          promise: flags.promise,
          breached: flags.breached,
          ...this.callerColumns(row),
        };
      });
    };
    const calendar = await this.calendar.current();
    const [callbacks, followUps, planItems] = await Promise.all([
      due('callback_due_at', 'callback_done_at'),
      // The projection holds the first follow-up not yet done.
      due('next_follow_up_at'),
      // Personal plans' agreed services past due or due soon (一人一策).
      this.planAgenda.items(user, day),
    ]);
    return { day, callbacks, followUps, planItems, planItemsWithinDays: PLAN_ITEMS_WITHIN_DAYS };
  }
}
