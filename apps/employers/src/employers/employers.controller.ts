import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AuthenticatedUser, CurrentUser, requireEmployerId, Roles } from '@platform/auth';
import { IdParams } from '@platform/nest-kit';
import { EmployerBody, ListEmployersQuery, UpdateEmployerBody, UpdateOwnEmployerBody } from './employer.dto';
import { EmployersService } from './employers.service';

/** Staff routes: supervisors and admins register and correct employers; operators read them. */
@ApiTags('employers')
@ApiBearerAuth()
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Post()
  @Roles('supervisor', 'admin')
  create(
    @Body() body: EmployerBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: { id?: string },
  ) {
    return this.employers.create(body, user, String(request.id ?? randomUUID()));
  }

  @Get()
  @Roles('operator', 'supervisor', 'admin')
  list(@Query() query: ListEmployersQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.employers.list(user, query.q, query.limit, query.offset);
  }

  @Get(':id')
  @Roles('operator', 'supervisor', 'admin')
  get(@Param() { id }: IdParams, @CurrentUser() user: AuthenticatedUser) {
    return this.employers.findForStaff(user, id);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  update(
    @Param() { id }: IdParams,
    @Body() body: UpdateEmployerBody,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: { id?: string },
  ) {
    return this.employers.update(user, id, body, String(request.id ?? randomUUID()));
  }
}

/** The employer portal: an employer account reads and maintains only its own record. */
@ApiTags('employer portal')
@ApiBearerAuth()
@Roles('employer')
@Controller('employer/profile')
export class EmployerProfileController {
  constructor(private readonly employers: EmployersService) {}

  @Get()
  get(@CurrentUser() user: AuthenticatedUser) {
    return this.employers.findOwn(requireEmployerId(user));
  }

  @Patch()
  update(@Body() body: UpdateOwnEmployerBody, @CurrentUser() user: AuthenticatedUser) {
    return this.employers.updateOwnContacts(requireEmployerId(user), body.contacts);
  }
}
