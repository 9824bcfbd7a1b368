import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import {
  AssignStaffDto,
  CloseEpisodeDto,
  EpisodeBoardQuery,
  EpisodeIdParams,
  EpisodeKpiQuery,
  HouseholdIdParams,
  LinkMemberCaseDto,
  RecordHouseholdContactDto,
  RecordHouseholdFollowUpDto,
  RequestDoubleEmploymentDto,
} from './household.dto';
import { HouseholdsService } from './households.service';

/**
 * Zero-employment household episodes (零就业家庭援助): the board of the caller's area, an episode with its
 * tracking card, and the actions of the staff responsible. Every read and action finds the episode in the
 * caller's area first (404 outside it).
 */
@ApiTags('households')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller()
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  /** Episodes of the caller's area: open first (overdue, then the nearest due date), then resolved and closed. */
  @Get('household-episodes')
  board(@Query() query: EpisodeBoardQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.households.board(user, query);
  }

  @Get('household-episodes/kpis')
  kpis(@Query() query: EpisodeKpiQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.households.kpis(user, query);
  }

  @Get('household-episodes/:id')
  detail(@Param() params: EpisodeIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.households.detail(user, params.id);
  }

  @Get('household-episodes/:id/staff-candidates')
  staffCandidates(@Param() params: EpisodeIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.households.staffCandidates(user, params.id);
  }

  /** A household's episodes (the household page), newest first. */
  @Get('households/:id/episodes')
  ofHousehold(@Param() params: HouseholdIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.households.ofHousehold(user, params.id);
  }

  @Post('household-episodes/:id/staff')
  @HttpCode(HttpStatus.OK)
  assignStaff(
    @Param() params: EpisodeIdParams,
    @Body() dto: AssignStaffDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.assignStaff(user, params.id, dto);
  }

  @Post('household-episodes/:id/contacts')
  @HttpCode(HttpStatus.OK)
  recordContact(
    @Param() params: EpisodeIdParams,
    @Body() dto: RecordHouseholdContactDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.recordContact(user, params.id, dto);
  }

  @Post('household-episodes/:id/member-cases')
  @HttpCode(HttpStatus.OK)
  linkMemberCase(
    @Param() params: EpisodeIdParams,
    @Body() dto: LinkMemberCaseDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.linkMemberCase(user, params.id, dto);
  }

  @Post('household-episodes/:id/double-employment')
  @HttpCode(HttpStatus.OK)
  requestDoubleEmployment(
    @Param() params: EpisodeIdParams,
    @Body() dto: RequestDoubleEmploymentDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.requestDoubleEmployment(user, params.id, dto);
  }

  @Post('household-episodes/:id/follow-ups')
  @HttpCode(HttpStatus.OK)
  recordFollowUp(
    @Param() params: EpisodeIdParams,
    @Body() dto: RecordHouseholdFollowUpDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.recordFollowUp(user, params.id, dto);
  }

  /** Ends the help (a supervisor): the reason is required. */
  @Post('household-episodes/:id/close')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  close(
    @Param() params: EpisodeIdParams,
    @Body() dto: CloseEpisodeDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.households.close(user, params.id, dto);
  }
}
