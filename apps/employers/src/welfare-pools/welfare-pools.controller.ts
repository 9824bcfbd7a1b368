import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { IdParams } from '@platform/nest-kit';
import { areaScope } from '../shared/area-scope';
import { CreateWelfarePoolBody, ListPoolsQuery } from './welfare-pool.dto';
import { WelfarePoolsService } from './welfare-pools.service';

/**
 * Public-welfare post pools (公益性岗位) of the caller's area (a district supervisor: the district's pools; city
 * supervisors and admins: all, city-wide ones included). Slots are held only by the case workflow (escalation).
 */
@ApiTags('public-welfare posts')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('welfare-pools')
export class WelfarePoolsController {
  constructor(private readonly pools: WelfarePoolsService) {}

  @Post()
  create(@Body() body: CreateWelfarePoolBody, @CurrentUser() user: AuthenticatedUser) {
    return this.pools.create(body, user.username, areaScope(user));
  }

  @Get()
  list(@Query() query: ListPoolsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.pools.list(areaScope(user), query.districtCode, query.limit, query.offset);
  }

  @Get(':id')
  get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.pools.get(id, areaScope(user));
  }
}
