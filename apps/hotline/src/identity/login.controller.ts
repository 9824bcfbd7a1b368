import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentSessionId, CurrentUser, Public } from '@platform/auth';
import { LoginDto, RefreshDto } from './login.dto';
import { LoginThrottleGuard } from './login-throttle';
import { LoginResult, LoginService, TokenPair } from './login.service';
import { UsersService } from './users.service';
import { UserSummary } from './user-view';

const correlationIdOf = (request: { id?: unknown }) =>
  typeof request.id === 'string' ? request.id : randomUUID();

@ApiTags('auth')
@Controller('auth')
export class LoginController {
  constructor(
    private readonly loginService: LoginService,
    private readonly users: UsersService,
  ) {}

  /** Throttled per client address here only (login-throttle.ts): password guessing is slowed. */
  @Public()
  @UseGuards(LoginThrottleGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.loginService.login(body.username, body.password);
  }

  /** A new access token and a new refresh token for the refresh token of the last answer. */
  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  refresh(@Body() body: RefreshDto, @Req() request: { id?: unknown }): Promise<TokenPair> {
    return this.loginService.refresh(body.refreshToken, correlationIdOf(request));
  }

  /** Ends this session: its refresh token stops working at once, its access tokens within a minute everywhere. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@CurrentSessionId() sessionId: string, @Req() request: { id?: unknown }): Promise<void> {
    return this.loginService.logout(sessionId, correlationIdOf(request));
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserSummary> {
    return this.users.summaryOf(user.userId);
  }
}
