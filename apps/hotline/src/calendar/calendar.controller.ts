import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CalendarYear } from '@platform/calendar';
import { ProblemException } from '@platform/nest-kit';
import { mayChangeCityWideSettings } from '../org-tree/area-scope';
import { CalendarCoverageMonitor } from './calendar-coverage';
import { DeadlineQuery, IcsImportBody, PutYearBody, YearParams } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { checkYear, YearImportError, yearFromIcs } from './year-import';

const STAFF = ['operator', 'supervisor', 'admin'] as const;
/** Roles that may read the history; changing the calendar also needs the city level (mayChangeCityWideSettings). */
const CALENDAR_MANAGERS = ['supervisor', 'admin'] as const;

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly coverage: CalendarCoverageMonitor,
  ) {}

  @Get('years')
  @Roles(...STAFF)
  async listYears() {
    const rows = await this.calendar.listYears();
    return rows.map((row) => ({
      year: row.year,
      source: row.source,
      version: `v${row.version}`,
      holidays: row.overrides.filter((o) => o.kind === 'holiday').length,
      makeupWorkdays: row.overrides.filter((o) => o.kind === 'makeup_workday').length,
      updatedAt: row.updatedAt,
    }));
  }

  @Get('years/:year')
  @Roles(...STAFF)
  async getYear(@Param() { year }: YearParams) {
    const row = await this.calendar.findYear(year);
    if (!row)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        `No calendar is loaded for ${year} / ${year} 年工作日历尚未导入`,
      );
    return {
      year: row.year,
      source: row.source,
      version: `v${row.version}`,
      updatedAt: row.updatedAt,
      overrides: row.overrides,
    };
  }

  @Get('years/:year/history')
  @Roles(...CALENDAR_MANAGERS)
  async history(@Param() { year }: YearParams) {
    return (await this.calendar.history(year)).map((change) => ({
      ...change,
      version: `v${change.version}`,
    }));
  }

  /** Loads or corrects a whole year from JSON: 200, with `changed: false` when it is the year in force. */
  @Put('years/:year')
  @Roles(...CALENDAR_MANAGERS)
  async putYear(
    @Param() { year }: YearParams,
    @Body() body: PutYearBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: { id?: string },
  ) {
    requireCityLevel(user);
    const checked = this.validated(() => checkYear({ year, source: body.source, overrides: body.overrides }));
    return this.save(checked, 'json', body.reason, user, request);
  }

  /** Loads or corrects a whole year from an iCalendar file: 201, or 200 with `changed: false` if identical. */
  @Post('years/:year/ics')
  @Roles(...CALENDAR_MANAGERS)
  async importIcs(
    @Param() { year }: YearParams,
    @Body() body: IcsImportBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: { id?: string },
    @Res({ passthrough: true }) response: Response,
  ) {
    requireCityLevel(user);
    const checked = this.validated(() => yearFromIcs(body.ics, year, body.source));
    const saved = await this.save(checked, 'ics', body.reason, user, request);
    if (!saved.changed) response.status(HttpStatus.OK);
    return saved;
  }

  @Get('coverage')
  @Roles(...STAFF)
  coverageStatus() {
    return this.coverage.status();
  }

  /** The 2-working-day style deadline for a start instant, as the case workflow will compute it. */
  @Get('deadline')
  @Roles(...STAFF)
  async deadline(@Query() query: DeadlineQuery) {
    const result = (await this.calendar.current()).deadline(new Date(query.start), query.days);
    return { ...result, deadline: result.deadline.toISOString() };
  }

  private validated(read: () => CalendarYear): CalendarYear {
    try {
      return read();
    } catch (error) {
      if (error instanceof YearImportError) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'The calendar year cannot be loaded / 日历数据无法导入',
          error.fieldErrors,
        );
      }
      throw error;
    }
  }

  private async save(
    year: CalendarYear,
    format: 'json' | 'ics',
    reason: string,
    user: AuthenticatedUser,
    request: { id?: string },
  ) {
    const saved = await this.calendar.replaceYear({
      year,
      format,
      reason,
      changedBy: user.username,
      correlationId: request.id ?? randomUUID(),
    });
    return {
      year: year.year,
      version: `v${saved.version}`,
      changed: saved.changed,
      holidays: year.overrides.filter((o) => o.kind === 'holiday').length,
      makeupWorkdays: year.overrides.filter((o) => o.kind === 'makeup_workday').length,
      changedBy: saved.changedBy,
      changedAt: saved.changedAt,
    };
  }
}

function requireCityLevel(user: AuthenticatedUser): void {
  if (!mayChangeCityWideSettings(user))
    throw new ProblemException(
      HttpStatus.FORBIDDEN,
      'The working calendar is city-wide: only an admin or a city-level supervisor may change it / 工作日历全市统一，仅系统管理员或市级督导可修改',
    );
}
