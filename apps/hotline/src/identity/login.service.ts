import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { TokenPayload } from '@platform/auth';
import { ProblemException } from '@platform/nest-kit';
import { PasswordHasher } from './password-hasher';
import { UserAccount } from './user-account.entity';
import { toUserSummary, UserSummary } from './user-view';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Matches AuthModule's default token lifetime; passed explicitly so `expiresIn` in the answer is exact. */
export const ACCESS_TOKEN_TTL_SECONDS = 8 * 3600;

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserSummary;
}

type Outcome = { kind: 'ok' } | { kind: 'invalid' } | { kind: 'locked'; until: Date };

/** One answer for an unknown username and a wrong password, so the API does not reveal which accounts exist. */
const invalidCredentials = () =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'Wrong username or password / 用户名或密码错误');

const beijingTime = (instant: Date) =>
  instant.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);

const accountLocked = (until: Date) =>
  new ProblemException(
    423,
    `This account is locked after ${MAX_FAILED_LOGINS} failed logins until ${until.toISOString()}; ` +
      `try again later or ask an administrator to unlock it / ` +
      `该账号因连续 ${MAX_FAILED_LOGINS} 次登录失败已被锁定，至 ${beijingTime(until)}（北京时间）自动解锁，或请管理员解锁`,
  );

@Injectable()
export class LoginService {
  /** Verified against for unknown usernames so that both failures cost one scrypt run. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
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
    // scrypt runs outside the row lock; only the short read-decide-write below is serialized.
    const passwordMatches = await this.hasher.verify(password, account.passwordHash);
    const outcome = await this.recordAttempt(account, passwordMatches);
    if (outcome.kind === 'locked') throw accountLocked(outcome.until);
    if (outcome.kind === 'invalid') throw invalidCredentials();

    const payload: TokenPayload = {
      sub: account.id,
      username: account.username,
      roles: account.roles,
      org: { code: account.orgUnitCode, path: account.orgUnit!.path },
      employerId: account.employerId,
    };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      user: toUserSummary(account),
    };
  }

  /**
   * Counts the attempt under `SELECT … FOR UPDATE`, so parallel failures each see the previous one's count and
   * exactly the fifth locks the account. Attempts during a lock are refused without being counted.
   */
  private recordAttempt(account: UserAccount, passwordMatches: boolean): Promise<Outcome> {
    return this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const repository = manager.getRepository(UserAccount);
      const row = await repository.findOne({
        where: { id: account.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) return { kind: 'invalid' };
      const now = new Date();
      if (row.lockedUntil && row.lockedUntil > now) return { kind: 'locked', until: row.lockedUntil };

      // The hash check guards against a password changed between the verification and the lock.
      if (passwordMatches && row.passwordHash === account.passwordHash) {
        await repository.update(row.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
        return { kind: 'ok' };
      }
      // A lock that has run out starts a fresh count.
      const failures = (row.lockedUntil ? 0 : row.failedLoginCount) + 1;
      const lockedUntil =
        failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await repository.update(row.id, { failedLoginCount: failures, lockedUntil });
      return lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'invalid' };
    });
  }
}
