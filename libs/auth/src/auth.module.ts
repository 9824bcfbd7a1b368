import { createPrivateKey, createPublicKey } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth-claims';
import { AuthGuard } from './auth.guard';
import { AUTH_OPTIONS, RevocationFeedOptions, RevokedSessions } from './revoked-sessions';

export interface AuthModuleOptions extends RevocationFeedOptions {
  /** ES256 public key (PEM) every service verifies access tokens with. */
  publicKey: string;
  /** The matching private key: the hotline's alone, since it is the only service that issues tokens. */
  privateKey?: string;
}

/** Access tokens: verified on every route (APP_GUARD), signed only where the private key is given. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    if (options.privateKey) assertKeyPair(options.privateKey, options.publicKey);
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          publicKey: options.publicKey,
          // Without it JwtService.sign throws: a service other than the hotline cannot mint a token.
          privateKey: options.privateKey,
          signOptions: {
            algorithm: TOKEN_ALGORITHM,
            issuer: TOKEN_ISSUER,
            audience: TOKEN_AUDIENCE,
            expiresIn: ACCESS_TOKEN_TTL_SECONDS,
          },
          verifyOptions: { algorithms: [TOKEN_ALGORITHM] },
        }),
      ],
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        RevokedSessions,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [JwtModule, RevokedSessions],
    };
  }
}

/** A private key that does not belong to the public key would sign tokens that no service accepts. */
function assertKeyPair(privateKey: string, publicKey: string): void {
  const derived = createPublicKey(createPrivateKey(privateKey)).export({ type: 'spki', format: 'pem' });
  const configured = createPublicKey(publicKey).export({ type: 'spki', format: 'pem' });
  if (derived !== configured) {
    throw new Error('JWT_PRIVATE_KEY is not the private half of JWT_PUBLIC_KEY / 签名私钥与公钥不匹配');
  }
}
