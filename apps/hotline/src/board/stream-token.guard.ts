import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthenticatedUser, authenticate, requireAnyRole, RevokedSessions, Role } from '@platform/auth';

/**
 * For the board stream only (the route is `@Public()` so the global guard lets it through to this one):
 * EventSource cannot send headers, so the token may come as `?access_token=`. It is verified exactly as the
 * global AuthGuard does (libs/auth `authenticate`); the request log drops query strings.
 */
@Injectable()
export class StreamTokenGuard implements CanActivate {
  static readonly roles: Role[] = ['supervisor', 'operator', 'admin'];

  constructor(
    private readonly jwt: JwtService,
    private readonly revoked: RevokedSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | undefined>;
      query: Record<string, unknown>;
      user?: AuthenticatedUser;
    }>();
    const [scheme, headerToken] = (request.headers.authorization ?? '').split(' ');
    const queryToken =
      typeof request.query.access_token === 'string' ? request.query.access_token : undefined;
    ({ user: request.user } = await authenticate(
      this.jwt,
      this.revoked,
      scheme === 'Bearer' && headerToken ? headerToken : queryToken,
    ));
    requireAnyRole(request.user, StreamTokenGuard.roles);
    return true;
  }
}
