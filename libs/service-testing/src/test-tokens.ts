import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenPayload,
} from '@platform/auth';

export interface SigningKeys {
  publicKey: string;
  privateKey: string;
}

/** A fresh ES256 key pair in PEM, as JWT_PUBLIC_KEY / JWT_PRIVATE_KEY take them. */
export function generateSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

let keys: SigningKeys | undefined;

/**
 * The key pair of this test file (Jest loads modules once per file): every app it starts verifies with the
 * public key, the hotline it starts signs with the private key, and so do the helpers below.
 */
export function testSigningKeys(): SigningKeys {
  keys ??= generateSigningKeys();
  return keys;
}

/** Claims for a test token; `sid` defaults to a fresh session id. */
export type TestTokenClaims = Omit<TokenPayload, 'sid'> & { sid?: string };

/**
 * Signs a token as the hotline would, with this file's key pair; for specs of the services that only verify.
 * `expiresInSeconds` defaults to the real access-token lifetime.
 */
export function signTestToken(
  claims: TestTokenClaims,
  options: { expiresInSeconds?: number; privateKey?: string } = {},
): string {
  return new JwtService({ privateKey: options.privateKey ?? testSigningKeys().privateKey }).sign(
    { ...claims, sid: claims.sid ?? randomUUID() },
    {
      algorithm: TOKEN_ALGORITHM,
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: options.expiresInSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
    },
  );
}
