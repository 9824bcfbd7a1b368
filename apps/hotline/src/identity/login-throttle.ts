import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { assertSchemaName } from '@platform/database';
import { ProblemException } from '@platform/nest-kit';

/** Login attempts per client address and minute, counted in Postgres so that every replica shares them. */
export const LOGIN_RATE_LIMIT = { limit: 20, windowSeconds: 60 };

/**
 * The client address is Express's `request.ip`: the peer itself unless TRUST_PROXY names the proxies in front
 * (then the address they put in X-Forwarded-For). So a caller cannot pick its own bucket by sending the header.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one attempt; answers the attempts in the current window and the seconds until it ends. */
  async count(clientAddress: string): Promise<{ attempts: number; retryAfterSeconds: number }> {
    const schema = String((this.dataSource.options as { schema?: string }).schema);
    assertSchemaName(schema);
    const key = createHash('sha256').update(clientAddress).digest();
    // One statement, so parallel attempts on any replica each add exactly one.
    const [row] = await this.dataSource.query<Array<{ attempts: number; retry_after: number }>>(
      `INSERT INTO "${schema}".login_throttle AS t (client_key, window_started_at, attempts)
       VALUES ($1, now(), 1)
       ON CONFLICT (client_key) DO UPDATE SET
         attempts = CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE t.attempts + 1 END,
         window_started_at =
           CASE WHEN t.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started_at END
       RETURNING attempts,
         greatest(1, ceil(extract(epoch FROM window_started_at + make_interval(secs => $2) - now())))::int AS retry_after`,
      [key, LOGIN_RATE_LIMIT.windowSeconds],
    );
    if (row.attempts === 1) {
      // A new window: a good moment to forget addresses that have been quiet for an hour.
      await this.dataSource.query(
        `DELETE FROM "${schema}".login_throttle WHERE window_started_at < now() - interval '1 hour'`,
      );
    }
    return { attempts: row.attempts, retryAfterSeconds: row.retry_after };
  }
}

/** On POST /auth/login only: slows password guessing without touching other routes. */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  constructor(private readonly throttle: LoginThrottleRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const { attempts, retryAfterSeconds } = await this.throttle.count(
      request.ip ?? request.socket.remoteAddress ?? 'unknown',
    );
    if (attempts <= LOGIN_RATE_LIMIT.limit) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many login attempts from this address; try again in ${retryAfterSeconds} s / ` +
        `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`,
    );
  }
}
