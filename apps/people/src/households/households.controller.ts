import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { Page } from '@platform/nest-kit';
import { CorrelationId } from '../correlation-id.decorator';
import { actorOf } from '../people-actor';
import {
  AddMemberDto,
  CertifyHouseholdDto,
  CreateHouseholdDto,
  HouseholdIdParams,
  HouseholdMemberParams,
  ListHouseholdsQuery,
  UpdateHouseholdDto,
} from './household.dto';
import { HouseholdListItem, HouseholdsService, HouseholdView } from './households.service';

@ApiTags('households')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Post()
  create(
    @Body() body: CreateHouseholdDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.create(body, actorOf(user), correlationId);
  }

  /** Households in the caller's area, the most recently found in the status first; no member details. */
  @Get()
  list(
    @Query() query: ListHouseholdsQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<HouseholdListItem>> {
    const zeroEmployment = query.zeroEmployment === undefined ? null : query.zeroEmployment === 'true';
    return this.households.list(actorOf(user), { zeroEmployment }, query.limit, query.offset);
  }

  @Get(':id')
  get(@Param() { id }: HouseholdIdParams, @CurrentUser() user: AuthenticatedUser): Promise<HouseholdView> {
    return this.households.get(id, actorOf(user));
  }

  @Patch(':id')
  update(
    @Param() { id }: HouseholdIdParams,
    @Body() body: UpdateHouseholdDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.update(id, body, actorOf(user), correlationId);
  }

  @Post(':id/members')
  addMember(
    @Param() { id }: HouseholdIdParams,
    @Body() body: AddMemberDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.addMember(id, body, actorOf(user), correlationId);
  }

  @Delete(':id/members/:personId')
  removeMember(
    @Param() { id, personId }: HouseholdMemberParams,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.removeMember(id, personId, actorOf(user), correlationId);
  }

  /** A station's certification (认定) as a zero-employment household (docs/domain.md). */
  @Post(':id/certification')
  certify(
    @Param() { id }: HouseholdIdParams,
    @Body() body: CertifyHouseholdDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.certify(id, body, actorOf(user), correlationId);
  }

  @Delete(':id/certification')
  withdrawCertification(
    @Param() { id }: HouseholdIdParams,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<HouseholdView> {
    return this.households.withdrawCertification(id, actorOf(user), correlationId);
  }
}
