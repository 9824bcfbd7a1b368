import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { actorOf } from '../people-actor';
import {
  ThreePlusOneKpiQuery,
  ThreePlusOneKpisDto,
  WorklistPageDto,
  WorklistQuery,
} from './three-plus-one.dto';
import { ThreePlusOneService } from './three-plus-one.service';

@ApiTags('three-plus-one')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('three-plus-one')
export class ThreePlusOneController {
  constructor(private readonly threePlusOne: ThreePlusOneService) {}

  /** Registered unemployed persons of the caller's area still without 3+1 in their year, fewest days left first. */
  @Get('worklist')
  @ApiOkResponse({ type: WorklistPageDto })
  worklist(@Query() query: WorklistQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.threePlusOne.worklist(actorOf(user), query);
  }

  /** Of the persons whose year ended in the period, the share served within it; running years on track and at risk. */
  @Get('kpis')
  @ApiOkResponse({ type: ThreePlusOneKpisDto })
  kpis(@Query() query: ThreePlusOneKpiQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.threePlusOne.kpis(actorOf(user), query);
  }
}
