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
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenPayload,
  toAuthenticatedUser,
} from './auth-claims';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { RevokedSessions } from './revoked-sessions';

const invalidToken = () => new UnauthorizedException('The token is invalid or expired / 令牌无效或已过期');

/**
 * Verifies a bearer token (ES256 signature, issuer, audience, expiry, session not revoked) into the caller and
 * its session id; 401 otherwise.
 */
export async function authenticate(
  jwt: JwtService,
  revoked: RevokedSessions,
  token: string | undefined,
): Promise<{ user: AuthenticatedUser; sessionId: string }> {
  if (!token) throw new UnauthorizedException('A bearer token is required / 需要登录令牌');
  let payload: TokenPayload;
  try {
    payload = await jwt.verifyAsync<TokenPayload>(token, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
  } catch {
    throw invalidToken();
  }
  // A token without a session could never be revoked: refused.
  if (typeof payload.sid !== 'string' || (await revoked.isRevoked(payload.sid))) throw invalidToken();
  return { user: toAuthenticatedUser(payload), sessionId: payload.sid };
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
    private readonly revoked: RevokedSessions,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string>; user?: AuthenticatedUser; sessionId?: string }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const { user, sessionId } = await authenticate(
      this.jwt,
      this.revoked,
      scheme === 'Bearer' ? token : undefined,
    );
    request.user = user;
    request.sessionId = sessionId;
    requireAnyRole(
      request.user,
      this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
    );
    return true;
  }
}
