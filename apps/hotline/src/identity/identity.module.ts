import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevokedSessions } from '@platform/auth';
import { OrgTreeModule } from '../org-tree/org-tree.module';
import { LoginController } from './login.controller';
import { LoginThrottleGuard, LoginThrottleRepository } from './login-throttle';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher';
import { SessionsRepository } from './sessions.repository';
import { UserAccount } from './user-account.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserAccount]), OrgTreeModule],
  controllers: [LoginController, UsersController],
  providers: [
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    LoginService,
    UsersService,
    SessionsRepository,
    LoginThrottleRepository,
    LoginThrottleGuard,
  ],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly revoked: RevokedSessions,
    private readonly sessions: SessionsRepository,
  ) {}

  /** The hotline keeps the sessions: through a Kafka outage it checks tokens against them (intake goes on). */
  onModuleInit(): void {
    this.revoked.useAuthority((sessionId) => this.sessions.isRevoked(sessionId));
  }
}
