import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  AuthenticatedUser,
  Role,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenPayload,
  toAuthenticatedUser,
} from '@platform/auth';

/**
 * For the board stream only (the route is `@Public()` so the global guard lets it through to this one):
 * EventSource cannot send headers, so the token may come as `?access_token=`. It is verified exactly as the
 * global AuthGuard does (same JwtService, issuer, audience, algorithm); the request log drops query strings.
 */
@Injectable()
export class StreamTokenGuard implements CanActivate {
  static readonly roles: Role[] = ['supervisor', 'operator', 'admin'];

  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      user?: AuthenticatedUser;
    }>();
    const [scheme, headerToken] = (request.headers.authorization ?? '').split(' ');
    const queryToken = typeof request.query.access_token === 'string' ? request.query.access_token : '';
    const token = scheme === 'Bearer' && headerToken ? headerToken : queryToken;
    if (!token) throw new UnauthorizedException('A bearer token is required / 需要登录令牌');
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
    const roles = StreamTokenGuard.roles;
    if (!roles.some((role) => request.user!.roles.includes(role)))
      throw new ForbiddenException(
        `This action needs role ${roles.join(' or ')} / 需要角色 ${roles.join('或')}`,
      );
    return true;
  }
}
