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

/** Verifies a bearer token (signature, issuer, audience, expiry) into the caller; 401 otherwise. */
export async function authenticate(jwt: JwtService, token: string | undefined): Promise<AuthenticatedUser> {
  if (!token) throw new UnauthorizedException('A bearer token is required / 需要登录令牌');
  try {
    const payload = await jwt.verifyAsync<TokenPayload>(token, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    return toAuthenticatedUser(payload);
  } catch {
    throw new UnauthorizedException('The token is invalid or expired / 令牌无效或已过期');
  }
}

/** 403 unless the caller has one of `roles` (none listed: any authenticated caller). */
export function requireAnyRole(user: AuthenticatedUser, roles: Role[] | undefined): void {
  if (roles?.length && !roles.some((role) => user.roles.includes(role))) {
    throw new ForbiddenException(
      `This action needs role ${roles.join(' or ')} / 需要角色 ${roles.join('或')}`,
    );
  }
}

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
    request.user = await authenticate(this.jwt, scheme === 'Bearer' ? token : undefined);
    requireAnyRole(
      request.user,
      this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
    );
    return true;
  }
}
