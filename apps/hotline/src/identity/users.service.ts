import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { RevokedSessions } from '@platform/auth';
import { FieldError, ProblemException } from '@platform/nest-kit';
import { OrgTreeService } from '../org-tree/org-tree.service';
import { CreateUserDto } from './create-user.dto';
import { PasswordHasher } from './password-hasher';
import { passwordPolicyErrors } from './password-policy';
import { SessionsRepository } from './sessions.repository';
import { UserAccount } from './user-account.entity';
import { toUserAdminView, toUserSummary, UserAdminView, UserSummary } from './user-view';

const invalid = (errors: FieldError[]) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'Request validation failed / 请求校验失败', errors);

const userNotFound = (id: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, `No user account has id ${id} / 用户账号 ${id} 不存在`);

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserAccount) private readonly accounts: Repository<UserAccount>,
    private readonly orgTree: OrgTreeService,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly revoked: RevokedSessions,
  ) {}

  async create(dto: CreateUserDto): Promise<UserAdminView> {
    const errors = [...passwordPolicyErrors(dto.password, dto.username)];
    const isEmployer = dto.roles.includes('employer');
    if (isEmployer && !dto.employerId) {
      errors.push({
        field: 'employerId',
        rule: 'requiredForEmployer',
        message: {
          zh: 'employerId：用人单位角色必须填写所属单位',
          en: 'employerId: required when roles include employer',
        },
      });
    }
    if (!isEmployer && dto.employerId) {
      errors.push({
        field: 'employerId',
        rule: 'onlyForEmployer',
        message: {
          zh: 'employerId：仅用人单位角色可以填写',
          en: 'employerId: allowed only when roles include employer',
        },
      });
    }
    if (!(await this.orgTree.findByCode(dto.orgCode))) {
      errors.push({
        field: 'orgCode',
        rule: 'orgUnitExists',
        message: {
          zh: `orgCode：组织单位 ${dto.orgCode} 不存在`,
          en: `orgCode: no org unit has code ${dto.orgCode}`,
        },
      });
    }
    if (errors.length) throw invalid(errors);

    const passwordHash = await this.hasher.hash(dto.password);
    let id: string;
    try {
      const result = await this.accounts.insert({
        username: dto.username,
        displayName: dto.displayName,
        passwordHash,
        roles: dto.roles,
        orgUnitCode: dto.orgCode,
        employerId: dto.employerId ?? null,
      });
      id = result.identifiers[0].id as string;
    } catch (error) {
      if (isUniqueViolation(error, 'user_accounts_username_key')) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          `The username ${dto.username} is already taken / 用户名 ${dto.username} 已被占用`,
          [
            {
              field: 'username',
              rule: 'unique',
              message: { zh: 'username：用户名已被占用', en: 'username: already taken' },
            },
          ],
        );
      }
      throw error;
    }
    return toUserAdminView(await this.load(id));
  }

  async list(
    limit: number,
    offset: number,
  ): Promise<{ items: UserAdminView[]; total: number; limit: number; offset: number }> {
    const [accounts, total] = await this.accounts.findAndCount({
      relations: { orgUnit: true },
      order: { username: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: accounts.map(toUserAdminView), total, limit, offset };
  }

  async unlock(id: string): Promise<UserAdminView> {
    const result = await this.accounts.update(id, { failedLoginCount: 0, lockedUntil: null });
    if (!result.affected) throw userNotFound(id);
    return toUserAdminView(await this.load(id));
  }

  /**
   * Disables an account: it can no longer log in or refresh, and its open sessions are revoked on every service
   * (their access tokens are refused within a minute). An admin cannot disable their own account.
   */
  async disable(id: string, byUserId: string, correlationId: string): Promise<UserAdminView> {
    if (id === byUserId) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'You cannot disable your own account / 不能停用自己的账号',
      );
    }
    const revoked = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(UserAccount)
        .update({ id }, { disabledAt: () => 'coalesce(disabled_at, now())' });
      if (!result.affected) throw userNotFound(id);
      return this.sessions.revokeAllOf(manager, id, 'account-disabled', correlationId);
    });
    for (const revocation of revoked) this.revoked.add(revocation);
    return toUserAdminView(await this.load(id));
  }

  /** Lets a disabled account log in again (its old sessions stay revoked). */
  async enable(id: string): Promise<UserAdminView> {
    const result = await this.accounts.update(id, { disabledAt: null });
    if (!result.affected) throw userNotFound(id);
    return toUserAdminView(await this.load(id));
  }

  /** For /auth/me: read fresh, so a token outliving its account is refused. */
  async summaryOf(id: string): Promise<UserSummary> {
    const account = await this.accounts.findOne({ where: { id }, relations: { orgUnit: true } });
    if (!account) {
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'This account no longer exists / 该账号已不存在');
    }
    return toUserSummary(account);
  }

  private async load(id: string): Promise<UserAccount> {
    const account = await this.accounts.findOne({ where: { id }, relations: { orgUnit: true } });
    if (!account) throw userNotFound(id);
    return account;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
