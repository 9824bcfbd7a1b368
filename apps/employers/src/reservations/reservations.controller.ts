import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { IdParams } from '@platform/nest-kit';
import { areaScope } from '../shared/area-scope';
import { ListReservationsQuery } from './reservation.dto';
import { ReservationsService } from './reservations.service';

/**
 * Holds as staff see them, in the case's area (their unit and below; admin: all). Holds are made and confirmed
 * only by the case workflow (the hotline's case API); a supervisor may give back a hold that is stuck (the
 * person left the post, or the case went on without it).
 */
@ApiTags('reservations')
@ApiBearerAuth()
@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get()
  @Roles('operator', 'supervisor', 'admin')
  list(@Query() query: ListReservationsQuery, @CurrentUser() user: AuthenticatedUser) {
    const { limit, offset, ...filter } = query;
    return this.reservations.list(areaScope(user), filter, limit, offset);
  }

  @Get(':id')
  @Roles('operator', 'supervisor', 'admin')
  get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.reservations.get(id, areaScope(user));
  }

  @Post(':id/release')
  @Roles('supervisor', 'admin')
  @HttpCode(HttpStatus.OK)
  release(
    @Param() { id }: IdParams,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: { id?: string },
  ) {
    return this.reservations.release(id, areaScope(user), user.username, String(request.id ?? randomUUID()));
  }
}
