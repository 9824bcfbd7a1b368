import { Body, Controller, Delete, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CorrelationId } from '../correlation-id.decorator';
import { actorOf } from '../people-actor';
import {
  AddMemberDto,
  CreateHouseholdDto,
  HouseholdIdParams,
  HouseholdMemberParams,
  UpdateHouseholdDto,
} from './household.dto';
import { HouseholdsService, HouseholdView } from './households.service';

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
}
