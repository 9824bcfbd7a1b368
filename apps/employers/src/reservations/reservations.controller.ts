import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { IsOptional, Matches } from 'class-validator';
import { IdParams, PageQuery } from '@platform/nest-kit';
import {
  CapacityParams,
  CreateAssistanceBaseBody,
  CreateWelfarePoolBody,
  ListReservationsQuery,
  PutCapacityBody,
  ReserveBaseCapacityBody,
  ReserveWelfareSlotBody,
} from './reservation.dto';
import { ReservationsService } from './reservations.service';

type Req = { id?: string };
const correlation = (request: Req) => String(request.id ?? randomUUID());

class ListPoolsQuery extends PageQuery {
  @IsOptional()
  @Matches(/^5101\d{2}$/)
  districtCode?: string;
}

/** Assistance bases (援助基地): the city designates them; case work reserves their capacity. */
@ApiTags('assistance bases')
@ApiBearerAuth()
@Controller('assistance-bases')
export class AssistanceBasesController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  @Roles('supervisor', 'admin')
  create(@Body() body: CreateAssistanceBaseBody, @CurrentUser() user: AuthenticatedUser) {
    return this.reservations.createBase(body, user.username);
  }

  @Get()
  @Roles('operator', 'supervisor', 'admin')
  list(@Query() query: PageQuery) {
    return this.reservations.listBases(query.limit, query.offset);
  }

  @Get(':id')
  @Roles('operator', 'supervisor', 'admin')
  get(@Param() { id }: IdParams) {
    return this.reservations.getBase(id);
  }

  @Put(':id/capacity/:period')
  @Roles('supervisor', 'admin')
  putCapacity(@Param() { id, period }: CapacityParams, @Body() body: PutCapacityBody) {
    return this.reservations.putCapacity(id, period, body.capacity);
  }

  @Post(':id/reservations')
  @Roles('operator', 'supervisor', 'admin')
  reserve(
    @Param() { id }: IdParams,
    @Body() body: ReserveBaseCapacityBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    const { period, ...hold } = body;
    return this.reservations.reserveBaseCapacity(id, period, {
      ...hold,
      actor: user.username,
      correlationId: correlation(request),
    });
  }
}

/** Public-welfare post pools (公益性岗位): funded per district and post type, allocated by supervisors. */
@ApiTags('public-welfare posts')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('welfare-pools')
export class WelfarePoolsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  create(@Body() body: CreateWelfarePoolBody, @CurrentUser() user: AuthenticatedUser) {
    return this.reservations.createPool(body, user.username);
  }

  @Get()
  list(@Query() query: ListPoolsQuery) {
    return this.reservations.listPools(query.districtCode, query.limit, query.offset);
  }

  @Get(':id')
  get(@Param() { id }: IdParams) {
    return this.reservations.getPool(id);
  }

  @Post(':id/reservations')
  reserve(
    @Param() { id }: IdParams,
    @Body() body: ReserveWelfareSlotBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Req,
  ) {
    return this.reservations.reserveWelfareSlot(id, {
      ...body,
      actor: user.username,
      correlationId: correlation(request),
    });
  }
}

@ApiTags('reservations')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  list(@Query() query: ListReservationsQuery) {
    const { limit, offset, ...filter } = query;
    return this.reservations.list(filter, limit, offset);
  }

  @Get(':id')
  get(@Param() { id }: IdParams) {
    return this.reservations.get(id);
  }

  @Post(':id/confirm')
  @HttpCode(HttpStatus.OK)
  confirm(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser, @Req() request: Req) {
    return this.reservations.confirm(id, user.username, correlation(request));
  }

  @Post(':id/release')
  @HttpCode(HttpStatus.OK)
  release(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser, @Req() request: Req) {
    return this.reservations.release(id, user.username, correlation(request));
  }
}
