import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, requireEmployerId, Roles } from '@platform/auth';
import { IdParams } from '@platform/nest-kit';
import { ListVacanciesQuery, UpdateVacancyBody, VacancyBody } from './vacancy.dto';
import { VacanciesService } from './vacancies.service';

/** The employer portal: an employer creates and manages only its own vacancies. */
@ApiTags('employer portal')
@ApiBearerAuth()
@Roles('employer')
@Controller('employer/vacancies')
export class EmployerVacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Post()
  create(@Body() body: VacancyBody, @CurrentUser() user: AuthenticatedUser) {
    return this.vacancies.create(requireEmployerId(user), body);
  }

  @Get()
  list(@Query() query: ListVacanciesQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.vacancies.list({ employerId: requireEmployerId(user) }, query);
  }

  @Get(':id')
  get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.vacancies.get({ employerId: requireEmployerId(user) }, id);
  }

  @Patch(':id')
  update(@Param() { id }: IdParams, @Body() body: UpdateVacancyBody, @CurrentUser() user: AuthenticatedUser) {
    return this.vacancies.update(requireEmployerId(user), id, body);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  close(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.vacancies.close(requireEmployerId(user), id);
  }
}

/** Staff read every vacancy (the city-wide ledger of employer vacancies, 用工信息). */
@ApiTags('vacancies')
@ApiBearerAuth()
@Roles('operator', 'supervisor', 'admin')
@Controller('vacancies')
export class VacanciesController {
  constructor(private readonly vacancies: VacanciesService) {}

  @Get()
  list(@Query() query: ListVacanciesQuery) {
    return this.vacancies.list({ staff: true }, query);
  }

  @Get(':id')
  get(@Param() { id }: IdParams) {
    return this.vacancies.get({ staff: true }, id);
  }
}
