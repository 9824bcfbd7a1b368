import { Body, Controller, Get, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import {
  ApplyAtFairDto,
  AssistanceMonthQuery,
  CreateFairDto,
  FairIdParams,
  FairListQuery,
  RecordVisitorsDto,
  UpdateFairDto,
} from './job-fair.dto';
import { JobFairsService } from './job-fairs.service';

/**
 * Roving job fairs (巡回招聘) and the Assistance Month (就业援助月): supervisors plan a fair of a unit in their
 * area and its employers' vacancies; staff at a held fair record the visitors and take applications, each of
 * which becomes a referral on the person's case. Every read and change finds the fair in the caller's area
 * (404 outside it).
 */
@ApiTags('job-fairs')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('job-fairs')
export class JobFairsController {
  constructor(private readonly fairs: JobFairsService) {}

  /** Fairs of the caller's area, newest first, each with its results. */
  @Get()
  list(@Query() query: FairListQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.fairs.list(user, query);
  }

  @Post()
  @Roles('supervisor', 'admin')
  create(@Body() body: CreateFairDto, @CurrentUser() user: AuthenticatedUser) {
    return this.fairs.create(user, body);
  }

  /** The Assistance Month of a unit (its subtree) and year: its fairs and their totals. */
  @Get('assistance-month')
  assistanceMonth(@Query() query: AssistanceMonthQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.fairs.assistanceMonth(user, query);
  }

  @Get(':id')
  detail(@Param() { id }: FairIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.fairs.detail(user, id);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  @ApiConflictResponse({
    description: 'A status change the rule does not allow, or an applied vacancy removed',
  })
  update(@Param() { id }: FairIdParams, @Body() body: UpdateFairDto, @CurrentUser() user: AuthenticatedUser) {
    return this.fairs.update(user, id, body);
  }

  @Put(':id/visitors')
  @ApiConflictResponse({ description: 'The fair is not held' })
  recordVisitors(
    @Param() { id }: FairIdParams,
    @Body() body: RecordVisitorsDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.fairs.recordVisitors(user, id, body.count);
  }

  /** An application on site: 201 the first time, 200 with the same application when the request is retried. */
  @Post(':id/applications')
  @ApiConflictResponse({
    description: 'The fair is not held, the vacancy is not at the fair, or the case is over',
  })
  async apply(
    @Param() { id }: FairIdParams,
    @Body() body: ApplyAtFairDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { created, body: application } = await this.fairs.apply(user, id, body);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return application;
  }
}
