import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, CurrentUser, requireEmployerId, Roles } from '@platform/auth';
import type { EmployerReferralView, StaffReferralView } from '@platform/contracts';
import { IdParams } from '@platform/nest-kit';
import {
  EmployerDeclineBody,
  EmployerListReferralsQuery,
  EndBody,
  ListReferralsQuery,
  StartBody,
} from './referral.dto';
import { staffScope } from './referrals.repository';
import { employerView, ReferralsService, staffView } from './referrals.service';

type Req = { id?: string };
const correlation = (request: Req) => String(request.id ?? randomUUID());

/** The employer portal: referrals to this employer's vacancies, with the candidate as employers may see them. */
@ApiTags('employer portal')
@ApiBearerAuth()
@Roles('employer')
@Controller('employer/referrals')
export class EmployerReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  async list(@Query() query: EmployerListReferralsQuery, @CurrentUser() user: AuthenticatedUser) {
    const page = await this.referrals.list({ employerId: requireEmployerId(user) }, query);
    return { ...page, items: page.items.map(employerView) };
  }

  @Get(':id')
  async get(
    @Param() { id }: IdParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EmployerReferralView> {
    return employerView(await this.referrals.get({ employerId: requireEmployerId(user) }, id));
  }

  @Post(':id/accept')
  @HttpCode(HttpStatus.OK)
  async accept(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser, @Req() request: Req) {
    const row = await this.referrals.employerAccept(
      requireEmployerId(user),
      id,
      user.username,
      correlation(request),
    );
    return employerView(row);
  }

  @Post(':id/decline')
  @HttpCode(HttpStatus.OK)
  async decline(
    @Param() { id }: IdParams,
    @Body() body: EmployerDeclineBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    const employerId = requireEmployerId(user);
    return employerView(
      await this.referrals.employerDecline(employerId, id, body, user.username, correlation(request)),
    );
  }

  @Post(':id/start')
  @HttpCode(HttpStatus.OK)
  async start(
    @Param() { id }: IdParams,
    @Body() body: StartBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    const scope = { employerId: requireEmployerId(user) };
    return employerView(
      await this.referrals.confirmStart(scope, id, body.startedOn, user.username, correlation(request)),
    );
  }
}

/**
 * Staff read referrals of cases in their area (their unit and below, in the SQL; an admin sees all). Proposals, the
 * person's answers and starts go through the hotline's case API (`/cases/{id}/referrals…`), which checks the case's
 * area and owner and drives the case workflow; only the end of a job, which has no case step, is recorded here.
 */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get()
  async list(@Query() query: ListReferralsQuery, @CurrentUser() user: AuthenticatedUser) {
    const page = await this.referrals.list(staffScope(user), query);
    return { ...page, items: page.items.map(staffView) };
  }

  @Get(':id')
  async get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser): Promise<StaffReferralView> {
    return staffView(await this.referrals.get(staffScope(user), id));
  }

  @Post(':id/end')
  @HttpCode(HttpStatus.OK)
  async end(
    @Param() { id }: IdParams,
    @Body() body: EndBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ): Promise<StaffReferralView> {
    return staffView(
      await this.referrals.end(
        staffScope(user),
        id,
        body.endedOn,
        body.reason,
        user.username,
        correlation(request),
      ),
    );
  }
}
