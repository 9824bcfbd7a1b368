import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import type { EmployerDeclineReport } from '@platform/contracts';
import { DeclineReportQuery } from './decline-report.dto';
import { DeclineReportService } from './decline-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('reports')
export class ReportsController {
  constructor(private readonly declines: DeclineReportService) {}

  /** Why employers declined referrals: counts by reason code, for the supervisor's KPI page. */
  @Get('employer-declines')
  employerDeclines(
    @Query() query: DeclineReportQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EmployerDeclineReport> {
    return this.declines.report(user, query);
  }
}
