import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { HotlineConfig } from '../config';
import { DEMO_ACCOUNTS, seedDemoAccounts } from './demo-accounts';
import { login, startHotline, tokenFor } from './testing/hotline-test-app';

describe('user accounts (real Postgres and Kafka)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let adminToken: string;
  const http = () => request(service.app.getHttpServer());
  const createUser = (body: Record<string, unknown>) =>
    http().post('/users').set('Authorization', `Bearer ${adminToken}`).send(body);
  const valid = {
    username: 'Operator.Jinjiang',
    displayName: '  春熙路专员 ',
    password: 'a-long-enough-password',
    roles: ['operator'],
    orgCode: '510104003',
  };

  beforeAll(async () => {
    service = await startHotline();
    adminToken = await tokenFor(service, 'admin');
  });
  afterAll(() => service?.close());

  it('seeds the demo accounts once, however often it runs', async () => {
    expect(await seedDemoAccounts(service.dataSource, service.schema)).toEqual([]);
    const rows = await service.dataSource.query(
      `SELECT username FROM "${service.schema}".user_accounts ORDER BY username`,
    );
    expect(rows.map((row: { username: string }) => row.username)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.username).sort(),
    );
  });

  it('creates an account (username lower-cased) that can log in, without exposing the hash', async () => {
    const created = await createUser(valid).expect(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      username: 'operator.jinjiang',
      displayName: '春熙路专员',
      roles: ['operator'],
      orgCode: '510104003',
      orgPath: '510100/510104/510104003',
      employerId: null,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      disabledAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const [row] = await service.dataSource.query(
      `SELECT password_hash FROM "${service.schema}".user_accounts WHERE id = $1`,
      [created.body.id],
    );
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const loggedIn = await login(service, 'operator.jinjiang', valid.password).expect(200);
    expect(loggedIn.body.user.orgPath).toBe('510100/510104/510104003');
  });

  it('answers a duplicate username with 409 problem details', async () => {
    const response = await createUser({ ...valid, username: 'ADMIN' }).expect(409);
    expect(response.body).toMatchObject({ status: 409, detail: expect.stringContaining('已被占用') });
  });

  it('names each invalid field in Chinese and English', async () => {
    const response = await createUser({
      username: 'x!',
      displayName: '',
      password: 'short',
      roles: ['operator', 'root'],
      orgCode: '5101',
    }).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = new Set(response.body.errors.map((error: { field: string }) => error.field));
    expect(fields).toEqual(new Set(['username', 'displayName', 'password', 'roles', 'orgCode']));
    expect(response.body.errors).toContainEqual({
      field: 'password',
      rule: 'minLength',
      message: { zh: 'password：长度过短', en: 'password must be longer than or equal to 10 characters' },
    });
    for (const error of response.body.errors as Array<{
      field: string;
      message: { zh: string; en: string };
    }>) {
      expect(error.message.zh).toContain(error.field);
      expect(error.message.en).toContain(error.field);
      expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it.each(['passwordHash', 'failedLoginCount', 'lockedUntil', 'id'])(
    'rejects the unknown field %s with 400',
    async (field) => {
      const response = await createUser({
        ...valid,
        username: `smuggler.${field.toLowerCase()}`,
        [field]: 'x',
      }).expect(400);
      expect(response.body.errors).toEqual([
        {
          field,
          rule: 'whitelistValidation',
          message: { zh: `${field}：不允许提交此字段`, en: `${field}: this field is not allowed` },
        },
      ]);
    },
  );

  it('refuses an unknown org unit, naming orgCode', async () => {
    const response = await createUser({ ...valid, username: 'nowhere.user', orgCode: '510199' }).expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'orgCode', rule: 'orgUnitExists' }),
    ]);
    expect(response.body.errors[0].message.zh).toContain('510199');
  });

  it('requires an employer id exactly for employer accounts', async () => {
    const missing = await createUser({ ...valid, username: 'employer.two', roles: ['employer'] }).expect(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ field: 'employerId', rule: 'requiredForEmployer' }),
    ]);
    const stray = await createUser({
      ...valid,
      username: 'operator.two',
      employerId: '00000000-0000-4000-8000-000000000002',
    }).expect(400);
    expect(stray.body.errors).toEqual([
      expect.objectContaining({ field: 'employerId', rule: 'onlyForEmployer' }),
    ]);
    const ok = await createUser({
      ...valid,
      username: 'employer.two',
      roles: ['employer'],
      orgCode: '510100',
      employerId: '00000000-0000-4000-8000-000000000002',
    }).expect(201);
    expect(ok.body).toMatchObject({
      roles: ['employer'],
      employerId: '00000000-0000-4000-8000-000000000002',
    });
  });

  it('refuses the username as the password', async () => {
    const response = await createUser({
      ...valid,
      username: 'same.as.password',
      password: 'Same.As.Password',
    }).expect(400);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'password', rule: 'notUsername' }),
    ]);
  });

  it('lists accounts with pagination caps and never a hash', async () => {
    const page = await http()
      .get('/users?limit=2&offset=1')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, total: DEMO_ACCOUNTS.length + 2 });
    expect(page.body.items.map((u: { username: string }) => u.username)).toEqual([
      'employer.demo',
      'employer.two',
    ]);
    expect(JSON.stringify(page.body)).not.toMatch(/scrypt|[pP]assword/);

    const defaults = await http().get('/users').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(defaults.body).toMatchObject({ limit: 20, offset: 0 });
    expect(defaults.body.items).toHaveLength(DEMO_ACCOUNTS.length + 2);

    const tooMany = await http()
      .get('/users?limit=101')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'limit', rule: 'max' })]);
  });

  it('keeps account administration to admins', async () => {
    const supervisorToken = await tokenFor(service, 'supervisor.city');
    await http().post('/users').set('Authorization', `Bearer ${supervisorToken}`).send(valid).expect(403);
    await http().post('/users').send(valid).expect(401);
  });
});
