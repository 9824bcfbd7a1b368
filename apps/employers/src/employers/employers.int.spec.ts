import request from 'supertest';
import { TestServiceApp } from '@platform/service-testing';
import { EmployersConfig } from '../config';
import { startEmployers, testUscc, tokenAs } from '../testing/employers-test-app';

describe('employers (real Postgres and Kafka)', () => {
  let service: TestServiceApp<EmployersConfig>;
  const http = () => request(service.app.getHttpServer());
  const admin = tokenAs('admin');
  const wuhouSupervisor = tokenAs('supervisor');
  const jinjiangSupervisor = tokenAs('supervisor', { org: { code: '510104', path: '510100/510104' } });
  const valid = {
    uscc: testUscc(1),
    name: '成都蓉城物业服务有限公司',
    industry: '物业管理',
    districtCode: '510107',
    streetCode: '510107001',
    communityCode: '510107001001',
    addressDetail: '武侯区浆洗街 12 号',
    contacts: [{ name: '王经理', phone: '13800001111', title: '人事主管' }],
  };

  beforeAll(async () => {
    service = await startEmployers();
  });
  afterAll(() => service?.close());

  it('registers an employer with its code upper-cased, its org path, and an outbox event', async () => {
    const created = await http()
      .post('/employers')
      .set('Authorization', `Bearer ${wuhouSupervisor}`)
      .send({ ...valid, uscc: valid.uscc.toLowerCase() })
      .expect(201);
    expect(created.body).toMatchObject({
      uscc: valid.uscc,
      orgPath: '510100/510107/510107001',
      contacts: valid.contacts,
    });
    const events = await service.dataSource.query(
      `SELECT event FROM "${service.schema}".outbox WHERE topic = 'employers.employer.v1'`,
    );
    expect(events.map((row: { event: { subject: string } }) => row.event.subject)).toContain(created.body.id);
    await http().post('/employers').set('Authorization', `Bearer ${admin}`).send(valid).expect(409);
  });

  it('names a wrong check character and an address outside its district in both languages', async () => {
    const wrong = valid.uscc.slice(0, 17) + (valid.uscc[17] === '0' ? '1' : '0');
    const response = await http()
      .post('/employers')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...valid, uscc: wrong, streetCode: '510104001', communityCode: undefined })
      .expect(400);
    expect(response.body.errors).toEqual([
      {
        field: 'uscc',
        rule: 'checkCharacter',
        message: expect.objectContaining({ zh: expect.stringContaining('校验位') }),
      },
      expect.objectContaining({ field: 'streetCode', rule: 'withinDistrict' }),
    ]);
    const bad = await http()
      .post('/employers')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...valid, uscc: testUscc(2), districtCode: '110101', contacts: [{ name: '', phone: '12' }] })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      ['contacts.0.name', 'contacts.0.phone', 'districtCode'].sort(),
    );
    const [{ count }] = await service.dataSource.query(
      `SELECT count(*)::int AS count FROM "${service.schema}".employers`,
    );
    expect(count).toBe(1);
  });

  it('shows staff only employers in their part of the tree', async () => {
    const list = (token: string) =>
      http().get('/employers?q=蓉城').set('Authorization', `Bearer ${token}`).expect(200);
    expect((await list(wuhouSupervisor)).body.total).toBe(1);
    expect((await list(jinjiangSupervisor)).body).toMatchObject({ total: 0, items: [] });
    const [employer] = (await list(admin)).body.items;
    await http()
      .get(`/employers/${employer.id}`)
      .set('Authorization', `Bearer ${jinjiangSupervisor}`)
      .expect(404);
    await http().get('/employers?limit=101').set('Authorization', `Bearer ${admin}`).expect(400);
  });

  it("keeps a district supervisor's registrations and corrections inside the district (in the SQL)", async () => {
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const [employer] = (await http().get('/employers?q=蓉城').set(auth(admin)).expect(200)).body.items;
    const elsewhere = { districtCode: '510104', streetCode: '510104001', communityCode: undefined };

    const moved = await http()
      .patch(`/employers/${employer.id}`)
      .set(auth(wuhouSupervisor))
      .send(elsewhere)
      .expect(403);
    expect(moved.body.errors).toEqual([
      expect.objectContaining({ field: 'districtCode', rule: 'withinYourArea' }),
    ]);
    const [row] = await service.dataSource.query(
      `SELECT org_path FROM "${service.schema}".employers WHERE id = $1`,
      [employer.id],
    );
    expect(row.org_path).toBe('510100/510107/510107001');
    await http()
      .patch(`/employers/${employer.id}`)
      .set(auth(jinjiangSupervisor))
      .send({ name: '改名' })
      .expect(404);

    const registered = await http()
      .post('/employers')
      .set(auth(wuhouSupervisor))
      .send({ ...valid, ...elsewhere, uscc: testUscc(7) })
      .expect(403);
    expect(registered.body.errors).toEqual([expect.objectContaining({ field: 'districtCode' })]);
    await http()
      .get(`/employers?q=蓉城`)
      .set(auth(jinjiangSupervisor))
      .expect(200, { items: [], total: 0, limit: 20, offset: 0 });
    // An admin moves it; the district supervisor then no longer sees it.
    await http().patch(`/employers/${employer.id}`).set(auth(admin)).send(elsewhere).expect(200);
    await http().get(`/employers/${employer.id}`).set(auth(wuhouSupervisor)).expect(404);
    await http()
      .patch(`/employers/${employer.id}`)
      .set(auth(admin))
      .send({ districtCode: '510107', streetCode: '510107001' })
      .expect(200);
  });

  it("announces each correction with the record's next version, so consumers keep the newest name", async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const created = await http()
      .post('/employers')
      .set(auth)
      .send({ ...valid, uscc: testUscc(11), name: '成都青羊保安服务有限公司' })
      .expect(201);
    const events = async () =>
      (
        await service.dataSource.query(
          `SELECT event FROM "${service.schema}".outbox WHERE topic = 'employers.employer.v1' AND message_key = $1
            ORDER BY seq`,
          [created.body.id],
        )
      ).map((row: { event: { type: string; data: Record<string, unknown> } }) => ({
        type: row.event.type,
        name: row.event.data.name,
        version: row.event.data.version,
      }));
    expect(await events()).toEqual([
      { type: 'employers.employer.registered', name: '成都青羊保安服务有限公司', version: 1 },
    ]);
    await http()
      .patch(`/employers/${created.body.id}`)
      .set(auth)
      .send({ name: '成都青羊安保服务有限公司' })
      .expect(200);
    // Refused corrections announce nothing.
    await http()
      .patch(`/employers/${created.body.id}`)
      .set('Authorization', `Bearer ${jinjiangSupervisor}`)
      .send({ name: '改名' })
      .expect(404);
    await http().patch(`/employers/${created.body.id}`).set(auth).send({ uscc: valid.uscc }).expect(409);
    expect(await events()).toEqual([
      { type: 'employers.employer.registered', name: '成都青羊保安服务有限公司', version: 1 },
      { type: 'employers.employer.updated', name: '成都青羊安保服务有限公司', version: 2 },
    ]);
  });

  it('lets an employer account read and edit only its own record, and refuses it every staff route', async () => {
    const other = await http()
      .post('/employers')
      .set('Authorization', `Bearer ${admin}`)
      .send({ ...valid, uscc: testUscc(3), name: '成都顺达快递有限公司' })
      .expect(201);
    const [first] = (await http().get('/employers?q=蓉城').set('Authorization', `Bearer ${admin}`)).body
      .items;
    const employer = tokenAs('employer', { employerId: first.id });
    const own = await http().get('/employer/profile').set('Authorization', `Bearer ${employer}`).expect(200);
    expect(own.body.id).toBe(first.id);
    const contacts = [{ name: '李女士', phone: '028-85551234' }];
    await http()
      .patch('/employer/profile')
      .set('Authorization', `Bearer ${employer}`)
      .send({ contacts })
      .expect(200);
    // The portal DTO has no place for another id or the code: injected fields are refused.
    await http()
      .patch('/employer/profile')
      .set('Authorization', `Bearer ${employer}`)
      .send({ contacts, id: other.body.id, uscc: testUscc(9) })
      .expect(400);
    expect(
      (await http().get(`/employers/${other.body.id}`).set('Authorization', `Bearer ${admin}`)).body.contacts,
    ).toEqual(valid.contacts);
    for (const [method, path] of [
      ['get', '/employers'],
      ['get', `/employers/${other.body.id}`],
      ['patch', `/employers/${other.body.id}`],
      ['post', '/employers'],
      ['get', '/assistance-bases'],
      ['post', '/assistance-bases'],
      ['get', '/welfare-pools'],
      ['post', '/welfare-pools'],
      ['get', '/reservations'],
    ] as const)
      await http()[method](path).set('Authorization', `Bearer ${employer}`).send({}).expect(403);
    await http().get('/employer/profile').set('Authorization', `Bearer ${admin}`).expect(403);
  });
});
