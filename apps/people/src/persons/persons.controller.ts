import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CorrelationId } from '../correlation-id.decorator';
import { actorOf } from '../people-actor';
import { PersonIdParams } from '../service-records/service-record.dto';
import type { RegisterForCaseResult } from '@platform/contracts';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { registerPersonForCase } from './case-registration';
import { PersonsService, PersonView, RegistrationResult } from './persons.service';
import {
  CaseRegistrationDto,
  ListPersonsQuery,
  LookupPersonDto,
  RegisterPersonDto,
  UnmaskDto,
} from './register-person.dto';
import { UnmaskResult, UnmaskService } from './unmask.service';

@ApiTags('persons')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly unmasking: UnmaskService,
    private readonly records: ServiceRecordsService,
  ) {}

  /** Registers by real name, or finds the person by ID number and updates them: 201 created / 200 updated. */
  @Post()
  async register(
    @Body() body: RegisterPersonDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RegistrationResult> {
    const result = await this.persons.register(body, actorOf(user), correlationId);
    response.status(result.outcome === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  /**
   * The caller of a case, registered while the operator is on the call (the hotline sends the operator's own
   * token, so scope and audit are theirs): the person and the registration's service record, once per case.
   */
  @Post('case-registrations')
  @HttpCode(HttpStatus.OK)
  registerForCase(
    @Body() body: CaseRegistrationDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RegisterForCaseResult> {
    return registerPersonForCase(
      { persons: this.persons, records: this.records },
      { ...body, actor: actorOf(user), correlationId: body.caseId },
    );
  }

  /** Search by community, category, unemployment status or exact ID number (blind index). */
  @Get()
  list(@Query() query: ListPersonsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.persons.list(query, actorOf(user));
  }

  /** The person registered under an ID number, in the caller's scope (a page of at most one, masked). */
  @Post('lookup')
  @HttpCode(HttpStatus.OK)
  lookup(@Body() body: LookupPersonDto, @CurrentUser() user: AuthenticatedUser) {
    return this.persons.list(
      Object.assign(new ListPersonsQuery(), { idNumber: body.idNumber }),
      actorOf(user),
    );
  }

  @Get(':id')
  get(@Param() { id }: PersonIdParams, @CurrentUser() user: AuthenticatedUser): Promise<PersonView> {
    return this.persons.get(id, actorOf(user));
  }

  /** Re-evaluates assistance categories now (they are also re-evaluated on every relevant change). */
  @Post(':id/categories/evaluate')
  @HttpCode(HttpStatus.OK)
  evaluate(
    @Param() { id }: PersonIdParams,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<PersonView> {
    return this.persons.reevaluate(id, actorOf(user), correlationId);
  }

  /** The full ID number and/or phone, for permitted roles, with a reason; audited. */
  @Post(':id/unmask')
  @HttpCode(HttpStatus.OK)
  unmask(
    @Param() { id }: PersonIdParams,
    @Body() body: UnmaskDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<UnmaskResult> {
    return this.unmasking.unmask(id, body.fields, body.reason, actorOf(user), 'http');
  }

  @Get(':id/unmask-audit')
  @Roles('supervisor', 'admin')
  audit(@Param() { id }: PersonIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.unmasking.auditOf(id, actorOf(user));
  }
}
