import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ACCESS_TOKEN_TTL_SECONDS, RevokedSessions, SessionRevoked, TokenPayload } from '@platform/auth';
import { ProblemException } from '@platform/nest-kit';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { UserAccount } from './user-account.entity';
import { toUserSummary, UserSummary } from './user-view';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** An access token and the refresh token that renews it (once: each refresh answers a new one). */
export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is valid. */
  expiresIn: number;
  refreshToken: string;
}

export interface LoginResult extends TokenPair {
  user: UserSummary;
}

type Outcome = { kind: 'ok'; sessionId: string; refreshToken: string } | { kind: 'refused' };
type RefreshOutcome =
  | { kind: 'renewed'; claims: Omit<TokenPayload, 'sid'>; sessionId: string; refreshToken: string }
  | { kind: 'refused'; revoked: SessionRevoked | null };

/**
 * One answer for every refused login: unknown username, wrong password, locked or disabled account. Telling
 * them apart would tell a guesser which usernames exist and which it has locked.
 */
const invalidCredentials = () =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'Wrong username or password / 用户名或密码错误');

const invalidRefreshToken = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'The sign-in has ended; please log in again / 登录已失效，请重新登录',
  );

@Injectable()
export class LoginService {
  /** Verified against for unknown usernames so that every refusal costs one scrypt run. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly revoked: RevokedSessions,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
  ) {
    this.dummyHash = hasher.hash(randomBytes(16).toString('hex'));
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const account = await this.accounts.findOne({
      where: { username: username.trim().toLowerCase() },
      relations: { orgUnit: true },
    });
    if (!account) {
      await this.hasher.verify(password, await this.dummyHash);
      throw invalidCredentials();
    }
    // scrypt runs outside the row lock (and for locked and disabled accounts too, so they answer as slowly);
    // only the short read-decide-write below is serialized.
    const passwordMatches = await this.hasher.verify(password, account.passwordHash);
    const outcome = await this.recordAttempt(account, passwordMatches);
    if (outcome.kind === 'refused') throw invalidCredentials();
    return {
      ...(await this.tokens(claimsOf(account), outcome.sessionId, outcome.refreshToken)),
      user: toUserSummary(account),
    };
  }

  /**
   * Renews the access token and rotates the refresh token. A refresh token that was already used has been
   * copied (the console never sends one twice): the whole session is revoked, the thief's copy with it.
   */
  async refresh(refreshToken: string, correlationId: string): Promise<TokenPair> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<RefreshOutcome> => {
      const row = await this.sessions.lockRefreshToken(manager, refreshToken);
      if (!row || !row.sessionLive) return { kind: 'refused', revoked: null };
      if (row.usedAt || row.disabled) {
        const reason = row.usedAt ? 'refresh-token-reuse' : 'account-disabled';
        return {
          kind: 'refused',
          revoked: await this.sessions.revoke(manager, row.sessionId, reason, correlationId),
        };
      }
      const next = await this.sessions.rotate(manager, refreshToken, row.sessionId);
      return { kind: 'renewed', claims: row.claims, sessionId: row.sessionId, refreshToken: next };
    });
    if (outcome.kind === 'refused') {
      if (outcome.revoked) this.revoked.add(outcome.revoked);
      throw invalidRefreshToken();
    }
    return this.tokens(outcome.claims, outcome.sessionId, outcome.refreshToken);
  }

  /** Ends the caller's session on every service (see RevokedSessions). Logging out twice is not an error. */
  async logout(sessionId: string, correlationId: string): Promise<void> {
    const revoked = await this.dataSource.transaction((manager) =>
      this.sessions.revoke(manager, sessionId, 'logout', correlationId),
    );
    if (revoked) this.revoked.add(revoked);
  }

  private async tokens(
    claims: Omit<TokenPayload, 'sid'>,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokenPair> {
    const payload: TokenPayload = { ...claims, sid: sessionId };
    return {
      accessToken: await this.jwt.signAsync(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS }),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }

  /**
   * Counts the attempt under `SELECT … FOR UPDATE`, so parallel failures each see the previous one's count and
   * exactly the fifth locks the account. Attempts during a lock or on a disabled account are refused without
   * being counted. A success opens the session in the same transaction.
   */
  private recordAttempt(account: UserAccount, passwordMatches: boolean): Promise<Outcome> {
    return this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const repository = manager.getRepository(UserAccount);
      const row = await repository.findOne({
        where: { id: account.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || row.disabledAt) return { kind: 'refused' };
      const now = new Date();
      if (row.lockedUntil && row.lockedUntil > now) return { kind: 'refused' };

      // The hash check guards against a password changed between the verification and the lock.
      if (passwordMatches && row.passwordHash === account.passwordHash) {
        await repository.update(row.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
        await this.sessions.deleteEnded(manager, row.id);
        return { kind: 'ok', ...(await this.sessions.open(manager, row.id)) };
      }
      // A lock that has run out starts a fresh count.
      const failures = (row.lockedUntil ? 0 : row.failedLoginCount) + 1;
      const lockedUntil =
        failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await repository.update(row.id, { failedLoginCount: failures, lockedUntil });
      return { kind: 'refused' };
    });
  }
}

function claimsOf(account: UserAccount): Omit<TokenPayload, 'sid'> {
  return {
    sub: account.id,
    username: account.username,
    roles: account.roles,
    org: { code: account.orgUnitCode, path: account.orgUnit!.path },
    employerId: account.employerId,
  };
}
