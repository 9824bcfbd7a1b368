import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import {
  AuthenticatedUser,
  Role,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenPayload,
  toAuthenticatedUser,
} from './auth-claims';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/** Applied to every route by default (APP_GUARD): verifies the bearer token, then the route's roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; user?: AuthenticatedUser }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      throw new UnauthorizedException('A bearer token is required / 需要登录令牌');
    }
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      });
    } catch {
      throw new UnauthorizedException('The token is invalid or expired / 令牌无效或已过期');
    }
    request.user = toAuthenticatedUser(payload);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => request.user!.roles.includes(role))) {
      throw new ForbiddenException(
        `This action needs role ${required.join(' or ')} / 需要角色 ${required.join('或')}`,
      );
    }
    return true;
  }
}
