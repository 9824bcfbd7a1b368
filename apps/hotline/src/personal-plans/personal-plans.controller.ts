import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CaseIdParams } from '../cases/case.dto';
import {
  AgreePlanDto,
  CloseItemDto,
  PlanIdParams,
  PlanItemDto,
  PlanItemParams,
  ReviewPlanDto,
} from './personal-plan.dto';
import { PersonalPlansService } from './personal-plans.service';

/**
 * Personal plans (一人一策): operators and supervisors of the plan's area (the area of the case it was agreed
 * on) read and work it; outside the area it does not exist (404).
 */
@ApiTags('personal-plans')
@ApiBearerAuth()
@Roles('operator', 'supervisor')
@Controller()
export class PersonalPlansController {
  constructor(private readonly plans: PersonalPlansService) {}

  /** The case's person's plan in force, its history, and whether it was reviewed at the last contact. */
  @Get('cases/:id/personal-plan')
  forCase(@Param() { id }: CaseIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.plans.forCase(id, user);
  }

  /** A new assistance agreement for the case's person; the one in force (if any) is superseded and kept. */
  @Post('cases/:id/personal-plan')
  @ApiConflictResponse({ description: 'The person is not registered yet, or has no assistance category' })
  agree(@Param() { id }: CaseIdParams, @Body() body: AgreePlanDto, @CurrentUser() user: AuthenticatedUser) {
    return this.plans.agree(id, user, body);
  }

  @Get('personal-plans/:planId')
  plan(@Param() { planId }: PlanIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.plans.planById(planId, user);
  }

  @Post('personal-plans/:planId/items')
  @ApiConflictResponse({ description: 'The plan was superseded' })
  addItem(
    @Param() { planId }: PlanIdParams,
    @Body() body: PlanItemDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.plans.addItem(planId, user, body);
  }

  @Post('personal-plans/:planId/items/:itemId/status')
  @HttpCode(HttpStatus.OK)
  @ApiConflictResponse({ description: 'The item is already done or dropped, or the plan was superseded' })
  closeItem(
    @Param() { planId, itemId }: PlanItemParams,
    @Body() body: CloseItemDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.plans.closeItem(planId, itemId, user, body);
  }

  /** The plan reviewed at a contact: a note and the items that changed. */
  @Post('personal-plans/:planId/reviews')
  @ApiConflictResponse({
    description: 'An item named is already done or dropped, or the plan was superseded',
  })
  review(
    @Param() { planId }: PlanIdParams,
    @Body() body: ReviewPlanDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.plans.review(planId, user, body);
  }
}
