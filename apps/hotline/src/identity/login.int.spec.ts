import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenPayload } from '@platform/auth';
import {
  generateSigningKeys,
  signTestToken,
  testSigningKeys,
  TestServiceApp,
} from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { DEMO_EMPLOYER_ID } from './demo-accounts';
import { login, startHotline, tokenFor, withoutCorrelationId } from './testing/hotline-test-app';

describe('login and tokens (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    service = await startHotline();
  });
  afterAll(() => service?.close());

  it('logs in with the demo password and the token is accepted on /auth/me', async () => {
    const response = await login(service, 'operator.wuhou').expect(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      user: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: 'operator.wuhou',
        displayName: '玉林街道就业专员（演示）',
        roles: ['operator'],
        orgCode: '510107003',
        orgPath: '510100/510107/510107003',
        employerId: null,
      },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|passwordHash|password_hash/);

    const me = await http()
      .get('/auth/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual(response.body.user);

    const claims = service.app
      .get(JwtService)
      .decode<TokenPayload & { exp: number; iat: number; iss: string; aud: string }>(
        response.body.accessToken,
      );
    const header = JSON.parse(Buffer.from(response.body.accessToken.split('.')[0], 'base64url').toString());
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT' });
    expect(claims).toMatchObject({
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sub: response.body.user.id,
      username: 'operator.wuhou',
      roles: ['operator'],
      org: { code: '510107003', path: '510100/510107/510107003' },
      employerId: null,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
    });
    expect(claims.exp - claims.iat).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(30 * 60);
    // Only hashes of refresh tokens are stored.
    const stored = await service.dataSource.query(
      `SELECT encode(token_hash, 'hex') AS hash FROM "${service.schema}".refresh_tokens WHERE session_id = $1`,
      [claims.sid],
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(response.body.refreshToken);
  });

  it('accepts usernames in any case and puts the employer id in an employer token', async () => {
    const response = await login(service, '  Employer.Demo ').expect(200);
    expect(response.body.user).toMatchObject({
      username: 'employer.demo',
      roles: ['employer'],
      employerId: DEMO_EMPLOYER_ID,
    });
  });

  it('records the last login and keeps the failure count at zero after success', async () => {
    const [row] = await service.dataSource.query(
      `SELECT failed_login_count, last_login_at FROM "${service.schema}".user_accounts WHERE username = 'operator.wuhou'`,
    );
    expect(row.failed_login_count).toBe(0);
    expect(row.last_login_at).toBeInstanceOf(Date);
  });

  it('refuses /auth/me without a token, signed with another key, with HS256 over the public key, expired, or without a session', async () => {
    const payload = {
      sub: '00000000-0000-4000-8000-00000000abcd',
      username: 'admin',
      roles: ['admin' as const],
      org: { code: '510100', path: '510100' },
      employerId: null,
    };
    const forged = signTestToken(payload, { privateKey: generateSigningKeys().privateKey });
    // The classic confusion attack: the public key (which every service holds) used as an HMAC secret.
    const confused = new JwtService({ secret: testSigningKeys().publicKey }).sign(
      { ...payload, sid: '00000000-0000-4000-8000-00000000beef' },
      { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE },
    );
    const expired = signTestToken(payload, { expiresInSeconds: -60 });
    const withoutSession = new JwtService({ privateKey: testSigningKeys().privateKey }).sign(payload, {
      algorithm: 'ES256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: 60,
    });

    const missing = await http().get('/auth/me').expect(401);
    expect(missing.body).toMatchObject({ status: 401, detail: expect.stringContaining('需要登录令牌') });
    for (const token of [forged, confused, expired, withoutSession]) {
      const response = await http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 401,
        detail: expect.stringContaining('令牌无效或已过期'),
      });
    }
  });

  it('refuses an admin route to an operator with 403 problem details', async () => {
    const token = await tokenFor(service, 'operator.wuhou');
    const response = await http().get('/users').set('Authorization', `Bearer ${token}`).expect(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 403,
      title: expect.stringContaining('无权访问'),
      detail: expect.stringContaining('admin'),
    });
  });

  it('gives an unknown username and a wrong password the same 401 answer', async () => {
    const unknown = await login(service, 'nobody.here', 'Demo-962110!').expect(401);
    const wrong = await login(service, 'supervisor.city', 'not-the-password').expect(401);
    expect(withoutCorrelationId(unknown.body)).toEqual(withoutCorrelationId(wrong.body));
    expect(unknown.body).toEqual({
      type: 'urn:problem:962110:http-401',
      title: expect.any(String),
      status: 401,
      detail: 'Wrong username or password / 用户名或密码错误',
      instance: '/auth/login',
      correlationId: expect.any(String),
    });
  });

  it('rejects a login body with unknown fields', async () => {
    const response = await http()
      .post('/auth/login')
      .send({ username: 'admin', password: 'x', remember: true })
      .expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'remember', rule: 'whitelistValidation' }),
    ]);
  });
});
