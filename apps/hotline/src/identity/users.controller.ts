import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@platform/auth';
import { CreateUserDto } from './create-user.dto';
import { ListUsersQuery, UserIdParams } from './list-users.dto';
import { UsersService } from './users.service';
import { UserAdminView } from './user-view';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: CreateUserDto): Promise<UserAdminView> {
    return this.users.create(body);
  }

  @Get()
  list(
    @Query() query: ListUsersQuery,
  ): Promise<{ items: UserAdminView[]; total: number; limit: number; offset: number }> {
    return this.users.list(query.limit, query.offset);
  }

  /** Lifts a lockout before it runs out and clears the failure count. */
  @Post(':id/unlock')
  @HttpCode(HttpStatus.OK)
  unlock(@Param() { id }: UserIdParams): Promise<UserAdminView> {
    return this.users.unlock(id);
  }

  /** The account can no longer sign in, and its sessions end on every service within a minute. */
  @Post(':id/disable')
  @HttpCode(HttpStatus.OK)
  disable(
    @Param() { id }: UserIdParams,
    @CurrentUser() admin: AuthenticatedUser,
    @Req() request: { id?: unknown },
  ): Promise<UserAdminView> {
    const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
    return this.users.disable(id, admin.userId, correlationId);
  }

  @Post(':id/enable')
  @HttpCode(HttpStatus.OK)
  enable(@Param() { id }: UserIdParams): Promise<UserAdminView> {
    return this.users.enable(id);
  }
}
