import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  MessageEvent,
  Param,
  Post,
  Query,
  Sse,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { filter, interval, map, merge, Observable, of, takeUntil } from 'rxjs';
import { AuthenticatedUser, CurrentUser, isWithinScope, Public, Roles } from '@platform/auth';
import { dayFromCivil, formatDay } from '@platform/calendar';
import { BoardNotifications } from './board-notifications';
import { CaseIdParams } from '../cases/case.dto';
import {
  BoardQuery,
  EscalateNowDto,
  KpiQuery,
  MonthlyReportQuery,
  WeeklyKpiQuery,
  WeeklyKpiSeriesDto,
} from './board.dto';
import { BoardService } from './board.service';
import { HouseholdsService } from '../households/households.service';
import { ReportLine, reportCsv, reportXlsx } from './monthly-report';
import { StreamTokenGuard } from './stream-token.guard';

const HEARTBEAT_MS = 15_000;

@ApiTags('board')
@ApiBearerAuth()
@Controller()
export class BoardController {
  constructor(
    private readonly board: BoardService,
    private readonly notifications: BoardNotifications,
    private readonly households: HouseholdsService,
  ) {}

  /** The SLA board: open cases of the caller's subtree, the least remaining working time first. */
  @Get('board')
  @Roles('supervisor', 'operator', 'admin')
  list(@Query() query: BoardQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.board.board(user, query);
  }

  /**
   * Server-Sent Events: `{caseId, cycle, seq}` for each board change in the caller's subtree (then GET the
   * board again), and a comment every 15 s so proxies keep the connection. Token in `?access_token=` allowed.
   */
  @Sse('board/stream')
  @Public()
  @UseGuards(StreamTokenGuard)
  @ApiQuery({ name: 'access_token', required: false })
  stream(@CurrentUser() user: AuthenticatedUser): Observable<MessageEvent> {
    const changes = this.notifications.changes().pipe(
      filter((change) => isWithinScope(user, change.orgPath)),
      map((change): MessageEvent => ({
        type: 'case-board',
        data: { caseId: change.caseId, cycle: change.cycle, seq: change.seq },
      })),
    );
    // The first comment sends the headers at once, so the client knows it is subscribed.
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ comment: 'heartbeat' })));
    // Ends with the process (the change feed completes on shutdown), so open streams never hold it up.
    return merge(of<MessageEvent>({ comment: 'subscribed' }), changes, heartbeats).pipe(
      takeUntil(this.notifications.closed()),
    );
  }

  /**
   * From the board: a supervisor escalates an open case of their subtree now (public-welfare post or assistance
   * base, as the workflow's escalation does at its milestone). 404 outside the subtree; answers the case view.
   */
  @Post('cases/:id/escalate')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({
    description: 'The case is still being opened, already escalated, placed or finished',
  })
  escalateNow(
    @Param() { id }: CaseIdParams,
    @Body() body: EscalateNowDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.board.escalateNow(id, user, body.reason);
  }

  @Get('kpis')
  @Roles('supervisor', 'admin')
  kpis(@Query() query: KpiQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.board.kpis(user, query);
  }

  /** Week by week (from Monday) per district: opened, placed, placed within the SLA, breached, escalations. */
  @Get('kpis/weekly')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: WeeklyKpiSeriesDto })
  weeklyKpis(@Query() query: WeeklyKpiQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.board.weeklyKpis(user, query);
  }

  /** The month's KPIs per child unit and in total, as a CSV (UTF-8 with BOM) or an Excel file. */
  @Get('reports/monthly')
  @Roles('supervisor', 'admin')
  async monthly(@Query() query: MonthlyReportQuery, @CurrentUser() user: AuthenticatedUser) {
    const [year, month] = query.month.split('-').map(Number);
    const first = dayFromCivil(year, month, 1);
    const last = (month === 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1)) - 1;
    const kpis = await this.board.kpis(user, {
      unit: query.unit,
      from: formatDay(first),
      to: formatDay(last),
    });
    const households = (unit: string) =>
      this.households.kpis(user, { unit, from: formatDay(first), to: formatDay(last) });
    const lines: ReportLine[] = [
      ...(await Promise.all(
        kpis.children.map(async ({ unit, ...childKpis }) => ({
          code: unit.code,
          name: unit.nameZh,
          kpis: childKpis,
          households: await households(unit.code),
        })),
      )),
      {
        code: kpis.unit.code,
        name: `合计 Total（${kpis.unit.nameZh}）`,
        kpis: kpis.total,
        households: await households(kpis.unit.code),
      },
    ];
    const filename = `962110-report-${kpis.unit.code}-${query.month}.${query.format}`;
    const body =
      query.format === 'csv' ? reportCsv(lines) : await reportXlsx(lines, `${kpis.unit.code} ${query.month}`);
    return new StreamableFile(body, {
      type:
        query.format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${filename}"`,
    });
  }
}
