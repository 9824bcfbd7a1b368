import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth-claims';
import { AuthGuard } from './auth.guard';

export interface AuthModuleOptions {
  /** HS256 secret shared by the hotline (which signs) and every service (which verifies). */
  jwtSecret: string;
  tokenTtlSeconds?: number;
}

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          secret: options.jwtSecret,
          signOptions: {
            algorithm: 'HS256',
            issuer: TOKEN_ISSUER,
            audience: TOKEN_AUDIENCE,
            expiresIn: options.tokenTtlSeconds ?? 8 * 3600,
          },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
      exports: [JwtModule],
    };
  }
}
