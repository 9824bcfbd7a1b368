import { ForbiddenException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@platform/auth';
import { formatDay, formatShanghaiInstant, parseDay, shanghaiDateOf, tryParseDay } from '@platform/calendar';
import { Clock, FieldError, Page, ProblemException } from '@platform/nest-kit';
import type { BoardItem, HelpRequestView, KpiUnit, UnitKpis, WeeklyKpis } from '@platform/contracts';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from '../cases/cases.service';
import { AreaScope, areaScope } from '../org-tree/area-scope';
import { BOARD_CONFIG, BoardConfig } from './board-config';
import { BoardRow, boardFlags, riskReasons } from './board-row';
import { BoardQuery } from './board.dto';
import { BoardRepository, OrgUnitRef } from './board.repository';
import { computeKpis, mondayOf, weekFigures } from './kpis';

/** Default period of the weekly KPIs: this week and the 7 before. */
const DEFAULT_WEEKS = 8;
const MAX_WEEKLY_PERIOD_DAYS = 371;

const instant = (value: Date | null): string | null => (value ? formatShanghaiInstant(value) : null);

@Injectable()
export class BoardService {
  constructor(
    private readonly repository: BoardRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly cases: CasesService,
    @Inject(BOARD_CONFIG) private readonly config: BoardConfig,
  ) {}

  /**
   * Open cases (latest cycle) in the caller's subtree, most urgent first. Remaining working time needs the
   * calendar, so the subtree's open rows are ranked here, not in SQL (open cases number in the hundreds).
   */
  async board(user: AuthenticatedUser, query: BoardQuery): Promise<Page<BoardItem>> {
    const now = this.clock.now();
    const rows = await this.repository.openLatestCycles(areaScope(user), query);
    const calendar = await this.calendar.current();
    const policy = { employerSilentWorkingHours: this.config.BOARD_EMPLOYER_SILENT_WORKING_HOURS };
    const items = rows
      .map((row) => {
        const flags = boardFlags(row, calendar, now);
        return { row, flags, reasons: riskReasons(row, flags, calendar, now, policy) };
      })
      .filter(({ row, flags, reasons }) => {
        if (query.view === 'attention') return reasons.length > 0;
        if (query.view === 'at-risk') return flags.atRisk;
        if (query.view === 'breached') return flags.breached;
        if (query.view === 'placed') return row.placedAt !== null;
        return true;
      })
      .sort(
        (a, b) =>
          (a.flags.remaining?.ms ?? Infinity) - (b.flags.remaining?.ms ?? Infinity) ||
          a.row.openedAt.getTime() - b.row.openedAt.getTime() ||
          a.row.caseId.localeCompare(b.row.caseId),
      );
    return {
      items: items.slice(query.offset, query.offset + query.limit).map(({ row, flags, reasons }) => ({
        caseId: row.caseId,
        cycle: row.cycle,
        state: row.state,
        owner: row.owner,
        ownerName: row.ownerName,
        communityName: row.communityName ? { zh: row.communityName, en: row.communityNameEn } : null,
        reasons,
        districtCode: row.districtCode,
        streetCode: row.streetCode,
        communityCode: row.communityCode,
        openedAt: formatShanghaiInstant(row.openedAt),
        deadline: instant(row.deadline),
        dueDate: row.dueDate,
        remaining: flags.remaining,
        atRisk: flags.atRisk,
        breached: flags.breached,
        placedAt: instant(row.placedAt),
        latePlacement: row.latePlacement,
        escalationKind: row.escalationKind,
        promiseWaived: row.promiseWaived,
        promise: flags.promise,
      })),
      total: items.length,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * A supervisor escalates the case now instead of waiting for the escalation milestone: the case must lie in
   * the caller's subtree (404 otherwise, through the cases' scoped lookup) and be open; the workflow decides
   * the rest (its refusals become 409s).
   */
  escalateNow(caseId: string, user: AuthenticatedUser, reason: string): Promise<HelpRequestView> {
    return this.cases.act(caseId, user, 'escalateNow', { reason });
  }

  /** The KPIs of case cycles whose clock started between `from` and `to` (Shanghai days, inclusive). */
  async kpis(
    user: AuthenticatedUser,
    query: { unit?: string; from?: string; to?: string },
    now = new Date(),
  ): Promise<UnitKpis> {
    const today = shanghaiDateOf(now);
    const from = query.from ?? `${today.slice(0, 8)}01`;
    const to = query.to ?? today;
    checkPeriod(from, to);
    const area = areaScope(user);
    const unit = await this.unitInArea(area, query.unit ?? user.orgCode);
    const children = await this.repository.childUnits(unit);
    const rows = await this.cyclesStartedIn(area, unit, from, to);
    const calendar = await this.calendar.current();
    const within = (path: string) => (row: BoardRow) =>
      row.orgPath === path || row.orgPath.startsWith(`${path}/`);
    return {
      unit: publicUnit(unit),
      from,
      to,
      total: computeKpis(rows, calendar, now),
      children: children.map((child) => ({
        unit: publicUnit(child),
        ...computeKpis(rows.filter(within(child.path)), calendar, now),
      })),
    };
  }

  /**
   * Weekly figures per district of the unit (its districts for the city, else its own district, counting only
   * the unit's subtree): the case cycles whose clock started between `from` and `to`, in weeks from Monday
   * (Asia/Shanghai). Every week × district is listed, zeros included, so a chart has no gaps; the first and
   * last weeks are partial when the period does not start on a Monday or end on a Sunday.
   */
  async weeklyKpis(
    user: AuthenticatedUser,
    query: { unit?: string; from?: string; to?: string },
    now = new Date(),
  ): Promise<{ series: WeeklyKpis[] }> {
    const today = parseDay(shanghaiDateOf(now));
    const to = query.to ?? formatDay(today);
    // Default: the 8 weeks up to `to` (an unreal `to` is reported by checkPeriod, not here).
    const from = query.from ?? formatDay(mondayOf(tryParseDay(to) ?? today) - 7 * (DEFAULT_WEEKS - 1));
    checkPeriod(from, to, MAX_WEEKLY_PERIOD_DAYS);
    const area = areaScope(user);
    const unit = await this.unitInArea(area, query.unit ?? user.orgCode);
    const districts = await this.repository.districtsOf(unit);
    const groups = new Map<string, BoardRow[]>();
    for (const row of await this.cyclesStartedIn(area, unit, from, to)) {
      const week = mondayOf(parseDay(shanghaiDateOf(row.slaStartedAt ?? row.openedAt)));
      const key = `${week}|${row.districtCode}`;
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    const series: WeeklyKpis[] = [];
    for (let week = mondayOf(parseDay(from)); week <= parseDay(to); week += 7) {
      for (const district of districts) {
        const cycles = groups.get(`${week}|${district.code}`) ?? [];
        series.push({
          weekStart: formatDay(week),
          districtCode: district.code,
          districtName: district.nameZh,
          districtNameEn: district.nameEn,
          ...weekFigures(cycles, now),
        });
      }
    }
    return { series };
  }

  /** The case cycles of the unit's subtree whose clock started between `from` and `to` (inclusive days). */
  private cyclesStartedIn(area: AreaScope, unit: OrgUnitRef, from: string, to: string): Promise<BoardRow[]> {
    return this.repository.cyclesStartedIn(
      area,
      unit,
      `${from}T00:00:00+08:00`,
      `${formatDay(parseDay(to) + 1)}T00:00:00+08:00`,
    );
  }

  /** The unit, looked up within the caller's area: 400 when there is no such unit, 403 when it lies outside. */
  private async unitInArea(area: AreaScope, code: string): Promise<OrgUnitRef> {
    const unit = await this.repository.unitInArea(code, area);
    if (unit) return unit;
    if (await this.repository.unitExists(code))
      throw new ForbiddenException('This unit is outside your area / 该单位不在您的管辖范围内');
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', [
      {
        field: 'unit',
        rule: 'exists',
        message: { zh: 'unit：没有此组织单位', en: 'unit: there is no org unit with this code' },
      },
    ]);
  }
}

const FIRST_REPORT_DAY = parseDay('2000-01-01');
const LAST_REPORT_DAY = parseDay('2100-12-31');

function checkPeriod(from: string, to: string, maxDays?: number): void {
  const errors: FieldError[] = [];
  const [fromDay, toDay] = [tryParseDay(from), tryParseDay(to)];
  if (fromDay === undefined)
    errors.push({
      field: 'from',
      rule: 'isDate',
      message: { zh: 'from：不是有效日期', en: 'from: not a real date' },
    });
  if (toDay === undefined)
    errors.push({
      field: 'to',
      rule: 'isDate',
      message: { zh: 'to：不是有效日期', en: 'to: not a real date' },
    });
  // Postgres knows no year 0; reports before the platform or far ahead are mistakes.
  for (const [field, day] of [
    ['from', fromDay],
    ['to', toDay],
  ] as const) {
    if (day !== undefined && (day < FIRST_REPORT_DAY || day > LAST_REPORT_DAY))
      errors.push({
        field,
        rule: 'yearRange',
        message: { zh: `${field}：年份须在 2000–2100 之间`, en: `${field}: the year must be 2000–2100` },
      });
  }
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay)
    errors.push({
      field: 'to',
      rule: 'notBeforeFrom',
      message: { zh: 'to：结束日期不能早于开始日期', en: 'to: must not be before from' },
    });
  if (fromDay !== undefined && toDay !== undefined && maxDays !== undefined && toDay - fromDay >= maxDays)
    errors.push({
      field: 'from',
      rule: 'maxPeriod',
      message: {
        zh: `from：期间不能超过 ${maxDays} 天`,
        en: `from: the period must not exceed ${maxDays} days`,
      },
    });
  if (errors.length)
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', errors);
}

function publicUnit(unit: OrgUnitRef): KpiUnit {
  return { code: unit.code, level: unit.level, nameZh: unit.nameZh, nameEn: unit.nameEn };
}
