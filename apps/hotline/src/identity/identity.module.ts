import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgTreeModule } from '../org-tree/org-tree.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { PasswordHasher } from './password-hasher';
import { UserAccount } from './user-account.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Per client IP, on POST /auth/login only: the guard is applied there with @UseGuards, not as APP_GUARD. */
export const LOGIN_RATE_LIMIT = { limit: 20, ttlMs: 60_000 };

@Module({
  imports: [
    TypeOrmModule.forFeature([UserAccount]),
    OrgTreeModule,
    ThrottlerModule.forRoot({
      throttlers: [{ name: 'login', limit: LOGIN_RATE_LIMIT.limit, ttl: LOGIN_RATE_LIMIT.ttlMs }],
      errorMessage:
        'Too many login attempts from this address; wait a minute / 登录尝试过于频繁，请一分钟后再试',
    }),
  ],
  controllers: [LoginController, UsersController],
  providers: [{ provide: PasswordHasher, useValue: new PasswordHasher() }, LoginService, UsersService],
})
export class IdentityModule {}
