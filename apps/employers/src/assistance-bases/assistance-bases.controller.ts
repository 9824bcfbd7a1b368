import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { IdParams, PageQuery } from '@platform/nest-kit';
import { areaScope } from '../shared/area-scope';
import { CapacityParams, CreateAssistanceBaseBody, PutCapacityBody } from './assistance-base.dto';
import { AssistanceBasesService } from './assistance-bases.service';

/**
 * Assistance bases (援助基地), in the caller's area (the base employer's unit and below; admin: all). Holds on
 * their capacity are made only by the case workflow (escalation), never through these routes.
 */
@ApiTags('assistance bases')
@ApiBearerAuth()
@Controller('assistance-bases')
export class AssistanceBasesController {
  constructor(private readonly bases: AssistanceBasesService) {}

  @Post()
  @Roles('supervisor', 'admin')
  create(@Body() body: CreateAssistanceBaseBody, @CurrentUser() user: AuthenticatedUser) {
    return this.bases.create(body, user.username, areaScope(user));
  }

  @Get()
  @Roles('operator', 'supervisor', 'admin')
  list(@Query() query: PageQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.bases.list(areaScope(user), query.limit, query.offset);
  }

  @Get(':id')
  @Roles('operator', 'supervisor', 'admin')
  get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.bases.get(id, areaScope(user));
  }

  @Put(':id/capacity/:period')
  @Roles('supervisor', 'admin')
  putCapacity(
    @Param() { id, period }: CapacityParams,
    @Body() body: PutCapacityBody,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.bases.putCapacity(id, period, body.capacity, areaScope(user));
  }
}
