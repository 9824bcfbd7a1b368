import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { ACCESS_TOKEN_TTL_SECONDS, SESSION_REVOKED, SessionRevoked, TokenPayload } from '@platform/auth';
import { Topics } from '@platform/contracts';
import { assertSchemaName } from '@platform/database';
import { enqueueEvent } from '@platform/outbox';

/** A session lasts a working day at most; within it the console renews its access token every few minutes. */
export const SESSION_HOURS = 12;

type RevokeReason = SessionRevoked['reason'];

/** What a refresh token leads to: its session and the account's current claims. */
export interface RefreshTokenRow {
  sessionId: string;
  usedAt: Date | null;
  sessionLive: boolean;
  claims: Omit<TokenPayload, 'sid'>;
  disabled: boolean;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** Sessions and their refresh tokens (hashed); every revocation is announced through the outbox. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens a session for an account; returns its id and first refresh token. */
  async open(manager: EntityManager, userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const schema = this.schema();
    const sessionId = randomUUID();
    await manager.query(
      `INSERT INTO "${schema}".sessions (id, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [sessionId, userId, SESSION_HOURS],
    );
    return { sessionId, refreshToken: await this.issueRefreshToken(manager, sessionId) };
  }

  /** Locks the token's row and its session (parallel refreshes with one token are serialized). */
  async lockRefreshToken(manager: EntityManager, refreshToken: string): Promise<RefreshTokenRow | null> {
    const schema = this.schema();
    const rows = await manager.query<
      Array<{
        session_id: string;
        used_at: Date | null;
        live: boolean;
        user_id: string;
        username: string;
        roles: TokenPayload['roles'];
        org_unit_code: string;
        org_path: string;
        employer_id: string | null;
        disabled: boolean;
      }>
    >(
      `SELECT t.session_id, t.used_at, (s.revoked_at IS NULL AND s.expires_at > now()) AS live,
              u.id AS user_id, u.username, u.roles, u.org_unit_code, o.path AS org_path, u.employer_id,
              u.disabled_at IS NOT NULL AS disabled
         FROM "${schema}".refresh_tokens t
         JOIN "${schema}".sessions s ON s.id = t.session_id
         JOIN "${schema}".user_accounts u ON u.id = s.user_id
         JOIN "${schema}".org_units o ON o.code = u.org_unit_code
        WHERE t.token_hash = $1
        FOR UPDATE OF t, s`,
      [hashOf(refreshToken)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      usedAt: row.used_at,
      sessionLive: row.live,
      disabled: row.disabled,
      claims: {
        sub: row.user_id,
        username: row.username,
        roles: row.roles,
        org: { code: row.org_unit_code, path: row.org_path },
        employerId: row.employer_id,
      },
    };
  }

  /** Marks `used` as spent and issues its successor in the same session. */
  async rotate(manager: EntityManager, used: string, sessionId: string): Promise<string> {
    await manager.query(
      `UPDATE "${this.schema()}".refresh_tokens SET used_at = now() WHERE token_hash = $1`,
      [hashOf(used)],
    );
    return this.issueRefreshToken(manager, sessionId);
  }

  /**
   * Token checks while the revocation feed is stale: true if the session was revoked, or does not exist (its
   * tokens are not ours, or it ended and was deleted).
   */
  async isRevoked(sessionId: string): Promise<boolean> {
    if (!isUUID(sessionId)) return true;
    const [row] = (await this.dataSource.query(
      `SELECT revoked_at IS NOT NULL AS revoked FROM "${this.schema()}".sessions WHERE id = $1`,
      [sessionId],
    )) as Array<{ revoked: boolean }>;
    return row?.revoked ?? true;
  }

  /** Revokes one session if it is still open; true if this call revoked it. */
  async revoke(
    manager: EntityManager,
    sessionId: string,
    reason: RevokeReason,
    correlationId: string,
  ): Promise<SessionRevoked | null> {
    const rows = await manager.query<Array<{ id: string }>>(
      // As a CTE so that the driver answers plain rows (an UPDATE's answer is [rows, count]).
      `WITH revoked AS (
         UPDATE "${this.schema()}".sessions SET revoked_at = now(), revoked_reason = $2
          WHERE id = $1 AND revoked_at IS NULL RETURNING id)
       SELECT id FROM revoked`,
      [sessionId, reason],
    );
    return rows.length ? this.announce(manager, sessionId, reason, correlationId) : null;
  }

  /** Revokes every open session of an account (it was disabled). */
  async revokeAllOf(
    manager: EntityManager,
    userId: string,
    reason: RevokeReason,
    correlationId: string,
  ): Promise<SessionRevoked[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `WITH revoked AS (
         UPDATE "${this.schema()}".sessions SET revoked_at = now(), revoked_reason = $2
          WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING id)
       SELECT id FROM revoked`,
      [userId, reason],
    );
    const revoked: SessionRevoked[] = [];
    for (const { id } of rows) revoked.push(await this.announce(manager, id, reason, correlationId));
    return revoked;
  }

  /** Sessions that ended over a day ago are of no further use (their tokens expired long before). */
  async deleteEnded(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `DELETE FROM "${this.schema()}".sessions
        WHERE user_id = $1 AND coalesce(revoked_at, expires_at) < now() - interval '1 day'`,
      [userId],
    );
  }

  private async issueRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO "${this.schema()}".refresh_tokens (token_hash, session_id) VALUES ($1, $2)`,
      [hashOf(token), sessionId],
    );
    return token;
  }

  /** In the revoking transaction: the announcement exists exactly when the revocation was committed. */
  private async announce(
    manager: EntityManager,
    sessionId: string,
    reason: RevokeReason,
    correlationId: string,
  ): Promise<SessionRevoked> {
    const data: SessionRevoked = {
      sessionId,
      // Any access token of the session was issued before now, so it expires before this.
      tokensValidUntil: new Date(Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000).toISOString(),
      reason,
    };
    await enqueueEvent(manager, this.schema(), Topics.hotlineSession, {
      type: SESSION_REVOKED,
      source: 'hotline',
      subject: sessionId,
      correlationId,
      data,
    });
    return data;
  }

  private schema(): string {
    const schema = String((this.dataSource.options as { schema?: string }).schema);
    assertSchemaName(schema);
    return schema;
  }
}
