import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthenticatedUser, CurrentUser, Public } from '@platform/auth';
import { LoginDto } from './login.dto';
import { LoginResult, LoginService } from './login.service';
import { UsersService } from './users.service';
import { UserSummary } from './user-view';

@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(
    private readonly loginService: LoginService,
    private readonly users: UsersService,
  ) {}

  /** Throttled per client IP here only (see identity.module.ts): password guessing is slowed without touching other routes. */
  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.loginService.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserSummary> {
    return this.users.summaryOf(user.userId);
  }
}
