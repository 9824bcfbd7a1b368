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
  ProposeReferralBody,
  ReasonBody,
  StartBody,
} from './referral.dto';
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

/** Operators propose and record the person's answers; supervisors watch. */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('operator', 'supervisor')
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  propose(@Body() body: ProposeReferralBody, @CurrentUser() user: AuthenticatedUser, @Req() request: Req) {
    return this.referrals.propose(body, user.username, correlation(request));
  }

  @Get()
  async list(@Query() query: ListReferralsQuery) {
    const page = await this.referrals.list({ staff: true }, query);
    return { ...page, items: page.items.map(staffView) };
  }

  @Get(':id')
  async get(@Param() { id }: IdParams): Promise<StaffReferralView> {
    return staffView(await this.referrals.get({ staff: true }, id));
  }

  @Post(':id/person-accept')
  @HttpCode(HttpStatus.OK)
  async personAccept(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser, @Req() request: Req) {
    return staffView(await this.referrals.personAccept(id, user.username, correlation(request)));
  }

  @Post(':id/person-decline')
  @HttpCode(HttpStatus.OK)
  async personDecline(
    @Param() { id }: IdParams,
    @Body() body: ReasonBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    return staffView(
      await this.referrals.personDecline(id, body.reason, user.username, correlation(request)),
    );
  }

  /** Records the start when the employer confirmed it to the operator (by phone) instead of in the portal. */
  @Post(':id/start')
  @HttpCode(HttpStatus.OK)
  async start(
    @Param() { id }: IdParams,
    @Body() body: StartBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    return staffView(
      await this.referrals.confirmStart(
        { staff: true },
        id,
        body.startedOn,
        user.username,
        correlation(request),
      ),
    );
  }

  @Post(':id/end')
  @HttpCode(HttpStatus.OK)
  async end(
    @Param() { id }: IdParams,
    @Body() body: EndBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    return staffView(
      await this.referrals.end(id, body.endedOn, body.reason, user.username, correlation(request)),
    );
  }
}
