import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CorrelationId } from '../correlation-id.decorator';
import { actorOf } from '../people-actor';
import {
  ConfirmationDto,
  CreateServiceRecordDto,
  ServiceRecordParams,
  PagingQuery,
  PersonIdParams,
} from './service-record.dto';
import { ServiceRecordsService } from './service-records.service';
import { PersonThreePlusOneDto } from '../three-plus-one/three-plus-one.dto';
import { ThreePlusOneService } from '../three-plus-one/three-plus-one.service';

@ApiTags('service-records')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller()
export class ServiceRecordsController {
  constructor(
    private readonly records: ServiceRecordsService,
    private readonly threePlusOne: ThreePlusOneService,
  ) {}

  /** Sends the person a one-time code by SMS; they read it back to confirm a contact. */
  @Post('persons/:id/confirmation-codes')
  sendCode(@Param() { id }: PersonIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.records.sendConfirmationCode(id, actorOf(user));
  }

  @Post('persons/:id/service-records')
  create(
    @Param() { id }: PersonIdParams,
    @Body() body: CreateServiceRecordDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ) {
    return this.records.record(id, body, actorOf(user), correlationId);
  }

  /** Adds the person's confirmation (OTP code or signature) to a record made without it. */
  @Post('persons/:id/service-records/:recordId/confirmation')
  @HttpCode(HttpStatus.OK)
  confirm(
    @Param() { id, recordId }: ServiceRecordParams,
    @Body() body: ConfirmationDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.records.confirm(id, recordId, body, actorOf(user));
  }

  @Get('persons/:id/service-records')
  list(@Param() { id }: PersonIdParams, @Query() query: PagingQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.records.list(id, actorOf(user), query.limit, query.offset);
  }

  /** The person's 3+1 year: the same rule as the 3+1 worklist. */
  @Get('persons/:id/three-plus-one')
  @ApiOkResponse({ type: PersonThreePlusOneDto })
  progress(@Param() { id }: PersonIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.threePlusOne.ofPerson(actorOf(user), id);
  }
}
