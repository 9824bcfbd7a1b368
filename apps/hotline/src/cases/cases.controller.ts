import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { isRealDate, validateIdNumber, validateMobile } from '@platform/pii';
import {
  CaseIdParams,
  CloseCaseDto,
  ConfirmStartDto,
  HandOffDto,
  IDEMPOTENCY_KEY,
  OpenCaseDto,
  PersonAnswerDto,
  ProposeReferralDto,
  RecordCallbackDto,
  RecordContactDto,
  RecordFollowUpDto,
  ReferralParams,
} from './case.dto';
import {
  AgendaDto,
  AgendaQuery,
  CaseListDto,
  CaseListQuery,
  CaseSearchDto,
  HandOffCandidateDto,
  MatchProfileDto,
  RetryRegistrationDto,
} from './case-list.dto';
import { CaseListService } from './case-list.service';
import { fieldError, invalid } from './case-problems';
import { CasesService } from './cases.service';

@ApiTags('cases')
@ApiBearerAuth()
@Roles('operator', 'supervisor')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly caseLists: CaseListService,
  ) {}

  /** Opens a case for a caller: 201 the first time, 200 with the same case when the same request is retried. */
  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8–128 of [A-Za-z0-9_.:-], one per call',
  })
  async open(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: OpenCaseDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
    @Headers('authorization') authorization: string | undefined,
  ) {
    if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
      throw invalid([
        fieldError(
          'Idempotency-Key',
          key === undefined ? 'isDefined' : 'matches',
          '请求头必须为 8–128 位字母、数字或 _.:-',
          'header is required: 8–128 characters of [A-Za-z0-9_.:-]',
        ),
      ]);
    }
    // The key is stored in clear: it must not be an ID number or a phone someone typed in as a key.
    if (validateIdNumber(key).valid || validateMobile(key).valid) {
      throw invalid([
        fieldError(
          'Idempotency-Key',
          'notPersonalData',
          '不得使用身份证号或手机号作为幂等键',
          'must not be an ID number or a phone number',
        ),
      ]);
    }
    const { created, body: opened } = await this.cases.open(body, key, user, new Date(), authorization);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return opened;
  }

  /** The cases of the caller's subtree (latest cycle each), newest first. */
  @Get()
  @ApiOkResponse({ type: CaseListDto })
  list(@Query() query: CaseListQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.caseLists.list(user, query);
  }

  /**
   * The caller's subtree's cases found by a whole name, a phone or an ID number (exact, by blind index) or by
   * the start of the case number. A POST, so the term never appears in a URL or an access log.
   */
  @Post('search')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: CaseListDto })
  search(@Body() body: CaseSearchDto, @CurrentUser() user: AuthenticatedUser) {
    return this.caseLists.search(user, body);
  }

  /** Callbacks and follow-ups due by the day: an operator's own cases, a supervisor's subtree. */
  @Get('agenda')
  @ApiOkResponse({ type: AgendaDto })
  agenda(@Query() query: AgendaQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.caseLists.agenda(user, query);
  }

  @Get(':id')
  detail(@Param() { id }: CaseIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.cases.detail(id, user);
  }

  /** The `person` for the jobs service's `POST /matching`: 409 until registered (or when no point is known). */
  @Get(':id/match-profile')
  @ApiOkResponse({ type: MatchProfileDto })
  @ApiConflictResponse({
    description: 'The person is not registered yet, or neither the case nor its community has a location',
  })
  matchProfile(@Param() { id }: CaseIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.cases.matchProfile(id, user);
  }

  /**
   * Sends a registration the people service refused again, with the operator's corrections; the case keeps its
   * number and its clock. Answers the case's view.
   */
  @Post(':id/registration-retry')
  @ApiConflictResponse({ description: 'The registration was not refused, or the intake is no longer held' })
  retryRegistration(
    @Param() { id }: CaseIdParams,
    @Body() body: RetryRegistrationDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.retryRegistration(id, user, body.person);
  }

  @Post(':id/contacts')
  recordContact(
    @Param() { id }: CaseIdParams,
    @Body() body: RecordContactDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.act(id, user, 'recordContact', body);
  }

  @Post(':id/referrals')
  proposeReferral(
    @Param() { id }: CaseIdParams,
    @Body() body: ProposeReferralDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.act(id, user, 'proposeReferral', body);
  }

  @Post(':id/referrals/:referralId/person-answer')
  recordPersonAnswer(
    @Param() { id, referralId }: ReferralParams,
    @Body() body: PersonAnswerDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.act(id, user, 'recordPersonAnswer', { ...body, referralId });
  }

  @Post(':id/referrals/:referralId/start')
  confirmStart(
    @Param() { id, referralId }: ReferralParams,
    @Body() body: ConfirmStartDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    if (!isRealDate(body.startedOn)) {
      throw invalid([fieldError('startedOn', 'isRealDate', '不是真实存在的日期', 'is not a real date')]);
    }
    return this.cases.act(id, user, 'confirmStart', { ...body, referralId });
  }

  /** The person started at the public-welfare post or assistance base the escalation reserved. */
  @Post(':id/escalation/start')
  @ApiConflictResponse({ description: 'The case has no escalation reservation, or is placed or finished' })
  confirmEscalationStart(
    @Param() { id }: CaseIdParams,
    @Body() body: ConfirmStartDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    if (!isRealDate(body.startedOn)) {
      throw invalid([fieldError('startedOn', 'isRealDate', '不是真实存在的日期', 'is not a real date')]);
    }
    return this.cases.act(id, user, 'confirmStart', { startedOn: body.startedOn, viaEscalation: true });
  }

  @Post(':id/callback')
  recordCallback(
    @Param() { id }: CaseIdParams,
    @Body() body: RecordCallbackDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.act(id, user, 'recordCallback', body);
  }

  @Post(':id/follow-ups')
  recordFollowUp(
    @Param() { id }: CaseIdParams,
    @Body() body: RecordFollowUpDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cases.act(id, user, 'recordFollowUp', body);
  }

  /** Who the case can be handed to, for the handoff picker. */
  @Get(':id/handoff-candidates')
  @ApiOkResponse({ type: [HandOffCandidateDto] })
  handOffCandidates(@Param() { id }: CaseIdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.cases.handOffCandidates(id, user);
  }

  @Post(':id/handoff')
  async handOff(
    @Param() { id }: CaseIdParams,
    @Body() body: HandOffDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    await this.cases.checkHandOffTarget(await this.cases.visibleCase(id, user), body.toOwner);
    return this.cases.act(id, user, 'handOff', body);
  }

  @Post(':id/close')
  close(@Param() { id }: CaseIdParams, @Body() body: CloseCaseDto, @CurrentUser() user: AuthenticatedUser) {
    return this.cases.act(id, user, 'close', body);
  }
}
