import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { Page } from '@platform/nest-kit';
import { CorrelationId } from '../correlation-id.decorator';
import { actorOf } from '../people-actor';
import { TrainingKpis } from './training-kpis';
import {
  AttendanceDto,
  CompletionDto,
  CreateCourseDto,
  CreateProviderDto,
  DropDto,
  KpiQuery,
  ListCoursesQuery,
  PageOnlyQuery,
  ReferDto,
  TrainingIdParams,
  UpdateCourseDto,
  UpdateProviderDto,
} from './training.dto';
import {
  CourseView,
  EnrolmentView,
  ProviderView,
  TrainingKpiReport,
  TrainingService,
} from './training.service';

/**
 * Skills training (docs/training.md). Staff see the courses run by their unit, the units above it and the units
 * inside it; supervisors and admins set up providers and courses for their own area; operators and supervisors
 * refer persons of their area and record enrolment, attendance, completion and drops.
 */
@ApiTags('training')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('training')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Get('providers')
  listProviders(
    @Query() query: PageOnlyQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ProviderView>> {
    return this.training.listProviders(actorOf(user), query.limit, query.offset);
  }

  @Post('providers')
  @Roles('supervisor', 'admin')
  createProvider(
    @Body() body: CreateProviderDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProviderView> {
    return this.training.createProvider(body, actorOf(user));
  }

  @Get('providers/:id')
  getProvider(
    @Param() { id }: TrainingIdParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProviderView> {
    return this.training.getProvider(id, actorOf(user));
  }

  @Patch('providers/:id')
  @Roles('supervisor', 'admin')
  updateProvider(
    @Param() { id }: TrainingIdParams,
    @Body() body: UpdateProviderDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProviderView> {
    return this.training.updateProvider(id, body, actorOf(user));
  }

  @Get('courses')
  listCourses(
    @Query() query: ListCoursesQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<CourseView>> {
    return this.training.listCourses(actorOf(user), query.providerId, query.limit, query.offset);
  }

  @Post('courses')
  @Roles('supervisor', 'admin')
  createCourse(@Body() body: CreateCourseDto, @CurrentUser() user: AuthenticatedUser): Promise<CourseView> {
    return this.training.createCourse(body, actorOf(user));
  }

  @Get('courses/:id')
  getCourse(@Param() { id }: TrainingIdParams, @CurrentUser() user: AuthenticatedUser): Promise<CourseView> {
    return this.training.getCourse(id, actorOf(user));
  }

  @Patch('courses/:id')
  @Roles('supervisor', 'admin')
  updateCourse(
    @Param() { id }: TrainingIdParams,
    @Body() body: UpdateCourseDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CourseView> {
    return this.training.updateCourse(id, body, actorOf(user));
  }

  /** The course's KPIs over its enrolments of the caller's area, against the 90 % targets. */
  @Get('courses/:id/kpis')
  courseKpis(
    @Param() { id }: TrainingIdParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingKpis> {
    return this.training.courseKpis(id, actorOf(user));
  }

  /** The course's enrolments whose persons are in the caller's area: names, masked phones, statuses. */
  @Get('courses/:id/enrolments')
  listEnrolments(
    @Param() { id }: TrainingIdParams,
    @Query() query: PageOnlyQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<EnrolmentView>> {
    return this.training.listEnrolments(id, actorOf(user), query.limit, query.offset);
  }

  /** Refers a person to the course: the enrolment and the person's training-referral service record. */
  @Post('courses/:id/referrals')
  refer(
    @Param() { id }: TrainingIdParams,
    @Body() body: ReferDto,
    @CurrentUser() user: AuthenticatedUser,
    @CorrelationId() correlationId: string,
  ): Promise<EnrolmentView> {
    return this.training.refer(id, body.personId, actorOf(user), correlationId);
  }

  @Get('enrolments/:id')
  getEnrolment(
    @Param() { id }: TrainingIdParams,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EnrolmentView> {
    return this.training.getEnrolment(id, actorOf(user));
  }

  @Post('enrolments/:id/enrol')
  @HttpCode(HttpStatus.OK)
  enrol(@Param() { id }: TrainingIdParams, @CurrentUser() user: AuthenticatedUser): Promise<EnrolmentView> {
    return this.training.enrol(id, actorOf(user));
  }

  @Post('enrolments/:id/attendance')
  @HttpCode(HttpStatus.OK)
  attendance(
    @Param() { id }: TrainingIdParams,
    @Body() body: AttendanceDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EnrolmentView> {
    return this.training.markAttendance(id, body, actorOf(user));
  }

  @Post('enrolments/:id/completion')
  @HttpCode(HttpStatus.OK)
  complete(
    @Param() { id }: TrainingIdParams,
    @Body() body: CompletionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EnrolmentView> {
    return this.training.complete(id, body, actorOf(user));
  }

  @Post('enrolments/:id/drop')
  @HttpCode(HttpStatus.OK)
  drop(
    @Param() { id }: TrainingIdParams,
    @Body() body: DropDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EnrolmentView> {
    return this.training.drop(id, body, actorOf(user));
  }

  /** KPIs per provider, per running unit and per course for referrals made in the period. */
  @Get('kpis')
  kpis(@Query() query: KpiQuery, @CurrentUser() user: AuthenticatedUser): Promise<TrainingKpiReport> {
    return this.training.kpis(query, actorOf(user));
  }
}
