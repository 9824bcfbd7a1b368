import request from 'supertest';
import { shanghaiDateOf } from '@platform/calendar';
import { TestServiceApp } from '@platform/service-testing';
import { PeopleConfig } from '../config';
import { DevSinkSmsGateway } from '../sms/dev-sink-sms-gateway';
import { SMS_GATEWAY } from '../sms/sms-gateway';
import {
  COMMUNITY_B,
  idNumber,
  mobile,
  registration,
  startPeople,
  tokenFor,
} from '../testing/people-test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

describe('service records and "3+1" (real Postgres and Kafka)', () => {
  let service: TestServiceApp<PeopleConfig>;
  const operator = tokenFor(['operator'], '510100/510107', 'staff-17');
  const http = () => request(service.app.getHttpServer());
  const as = <T extends request.Test>(test: T) => test.set('authorization', `Bearer ${operator}`);
  let sequence = 500;
  const newPerson = async (phone = mobile(), overrides: Record<string, unknown> = {}) => {
    const response = await as(http().post('/persons'))
      .send(
        registration({
          idNumber: idNumber('19950101', sequence++),
          phone,
          communityCode: COMMUNITY_B,
          ...overrides,
        }),
      )
      .expect(201);
    return { id: response.body.person.id as string, phone };
  };
  const sms = () => service.app.get<DevSinkSmsGateway>(SMS_GATEWAY);
  const otpConfirmation = async (personId: string, phone: string) => {
    const sent = await as(http().post(`/persons/${personId}/confirmation-codes`)).expect(201);
    expect(sent.body.sentTo).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(Object.keys(sent.body).sort()).toEqual(['codeId', 'expiresAt', 'sentTo']);
    const code = /code is (\d{6})/.exec(sms().lastTo(phone)!)![1];
    return { method: 'otp', codeId: sent.body.codeId, code };
  };
  const record = (personId: string, body: Record<string, unknown>) =>
    as(http().post(`/persons/${personId}/service-records`)).send({
      channel: 'phone',
      occurredAt: new Date().toISOString(),
      outcome: '推荐岗位：保洁员',
      ...body,
    });

  beforeAll(async () => {
    service = await startPeople();
  });
  afterAll(() => service?.close());

  it('records a contact with staff id, channel, time and outcome; confirmed by both only with the person’s code', async () => {
    const { id, phone } = await newPerson();
    const unconfirmed = await record(id, { kind: 'callback' }).expect(201);
    expect(unconfirmed.body).toMatchObject({
      kind: 'callback',
      staffId: 'staff-17',
      channel: 'phone',
      confirmation: null,
      confirmedByBoth: false,
    });
    const confirmation = await otpConfirmation(id, phone);
    const confirmed = await record(id, { kind: 'job-referral', confirmation }).expect(201);
    expect(confirmed.body).toMatchObject({ confirmation: { method: 'otp' }, confirmedByBoth: true });
    // A code works once.
    const reused = await record(id, { kind: 'job-referral', confirmation }).expect(400);
    expect(reused.body.errors[0]).toMatchObject({ field: 'confirmation.code', rule: 'otpValid' });
    const signed = await record(id, {
      kind: 'visit',
      channel: 'home-visit',
      confirmation: { method: 'signature', signatureImage: PNG },
    }).expect(201);
    expect(signed.body.confirmedByBoth).toBe(true);
    const listed = await as(http().get(`/persons/${id}/service-records`))
      .query({ limit: 2 })
      .expect(200);
    expect(listed.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(listed.body.items).toHaveLength(2);
  });

  it('rejects a wrong code, a non-image signature and a future time, writing nothing', async () => {
    const { id, phone } = await newPerson();
    const confirmation = await otpConfirmation(id, phone);
    const wrong = String((Number(confirmation.code) + 1) % 1_000_000).padStart(6, '0');
    await record(id, { kind: 'job-referral', confirmation: { ...confirmation, code: wrong } }).expect(400);
    const notImage = await record(id, {
      kind: 'visit',
      confirmation: { method: 'signature', signatureImage: Buffer.from('not an image').toString('base64') },
    }).expect(400);
    expect(notImage.body.errors[0]).toMatchObject({ field: 'confirmation.signatureImage', rule: 'image' });
    const future = await record(id, { kind: 'callback', occurredAt: '2099-01-01T00:00:00+08:00' }).expect(
      400,
    );
    expect(future.body.errors[0]).toMatchObject({ field: 'occurredAt', rule: 'notInFuture' });
    await record(id, { kind: 'phone-call' }).expect(400);
    const listed = await as(http().get(`/persons/${id}/service-records`)).expect(200);
    expect(listed.body.total).toBe(0);
    // The right code still works after one wrong try.
    await record(id, { kind: 'job-referral', confirmation }).expect(201);
  });

  it('tracks "3+1" inside the person’s year counting confirmed records only, and lists who has not had it', async () => {
    // Registered unemployed 30 days ago: today's records fall inside their 3+1 year (three-plus-one-year.ts).
    const recently = {
      unemployment: {
        registeredOn: shanghaiDateOf(new Date(Date.now() - 30 * 86_400_000)),
        status: 'registered',
      },
    };
    const { id, phone } = await newPerson(mobile(), recently);
    const other = await newPerson(mobile(), recently);
    const pendingIds = async () =>
      (
        await as(http().get('/three-plus-one/worklist'))
          .query({ communityCode: COMMUNITY_B, includeEnded: 'true', limit: 100 })
          .expect(200)
      ).body.items.map((p: { personId: string }) => p.personId);
    expect(await pendingIds()).toEqual(expect.arrayContaining([id, other.id]));

    for (let i = 0; i < 3; i++) {
      await record(id, { kind: 'job-referral', confirmation: await otpConfirmation(id, phone) }).expect(201);
    }
    await record(id, { kind: 'training-referral' }).expect(201); // unconfirmed: does not count
    let progress = await as(http().get(`/persons/${id}/three-plus-one`)).expect(200);
    expect(progress.body).toMatchObject({
      jobReferrals: 3,
      trainingReferrals: 0,
      unconfirmedTrainingReferrals: 1,
      complete: false,
    });
    await record(id, {
      kind: 'training-referral',
      confirmation: { method: 'signature', signatureImage: PNG },
    }).expect(201);
    progress = await as(http().get(`/persons/${id}/three-plus-one`)).expect(200);
    expect(progress.body).toMatchObject({ jobReferrals: 3, trainingReferrals: 1, complete: true });
    expect(await pendingIds()).not.toContain(id);
    expect(await pendingIds()).toContain(other.id);

    // A referral made before the registration as unemployed is outside the 3+1 year.
    await service.dataSource.query(
      `UPDATE "${service.schema}".service_records SET occurred_at = now() - interval '13 months'
       WHERE id = (SELECT id FROM "${service.schema}".service_records WHERE person_id = $1 AND kind = 'job-referral' LIMIT 1)`,
      [id],
    );
    progress = await as(http().get(`/persons/${id}/three-plus-one`)).expect(200);
    expect(progress.body).toMatchObject({ jobReferrals: 2, complete: false });
    expect(await pendingIds()).toContain(id);
  });

  it('confirms a record afterwards with the person’s code, once, and limits wrong guesses', async () => {
    const { id, phone } = await newPerson();
    const made = await record(id, { kind: 'job-referral' }).expect(201);
    expect(made.body.confirmedByBoth).toBe(false);
    const confirm = (body: Record<string, unknown>) =>
      as(http().post(`/persons/${id}/service-records/${made.body.id}/confirmation`)).send(body);
    const { method, codeId, code } = await otpConfirmation(id, phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await confirm({ method, codeId, code: wrong }).expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'code', rule: 'otpValid' });
    const confirmed = await confirm({ method, codeId, code }).expect(200);
    expect(confirmed.body).toMatchObject({
      id: made.body.id,
      confirmation: { method: 'otp' },
      confirmedByBoth: true,
    });
    await confirm({ method: 'signature', signatureImage: PNG }).expect(409);
    const progress = await as(http().get(`/persons/${id}/three-plus-one`)).expect(200);
    expect(progress.body).toMatchObject({ jobReferrals: 1, unconfirmedJobReferrals: 0 });

    // Five wrong guesses use a code up, even for the right code afterwards.
    const second = await record(id, { kind: 'callback' }).expect(201);
    const fresh = await otpConfirmation(id, phone);
    const guess = String((Number(fresh.code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      await as(http().post(`/persons/${id}/service-records/${second.body.id}/confirmation`))
        .send({ ...fresh, code: guess })
        .expect(400);
    }
    await as(http().post(`/persons/${id}/service-records/${second.body.id}/confirmation`))
      .send(fresh)
      .expect(400);
  });

  it('keeps records and codes in the person’s area: another district gets 404 everywhere, admins see all', async () => {
    const { id, phone } = await newPerson();
    const made = await record(id, { kind: 'job-referral' }).expect(201);
    const code = await otpConfirmation(id, phone);
    const jinjiang = tokenFor(['operator'], '510100/510104', 'op-jinjiang');
    const admin = tokenFor(['admin'], '510100', 'admin-1');
    const by = <T extends request.Test>(token: string, test: T) =>
      test.set('authorization', `Bearer ${token}`);
    const body = {
      kind: 'callback',
      channel: 'phone',
      occurredAt: new Date().toISOString(),
      outcome: '回访',
    };

    await by(jinjiang, http().get(`/persons/${id}/service-records`)).expect(404);
    await by(jinjiang, http().get(`/persons/${id}/three-plus-one`)).expect(404);
    await by(jinjiang, http().post(`/persons/${id}/service-records`))
      .send(body)
      .expect(404);
    await by(jinjiang, http().post(`/persons/${id}/confirmation-codes`)).expect(404);
    await by(jinjiang, http().post(`/persons/${id}/service-records/${made.body.id}/confirmation`))
      .send(code)
      .expect(404);
    const theirPending = await by(jinjiang, http().get('/three-plus-one/worklist'))
      .query({ includeEnded: 'true', limit: 100 })
      .expect(200);
    expect(theirPending.body.items.map((p: { personId: string }) => p.personId)).not.toContain(id);
    expect(sms().lastTo(phone)).toContain(code.code); // no new code was sent for them

    // Nothing was written or used up: the same area still confirms with the code, and sees one record.
    const listed = await as(http().get(`/persons/${id}/service-records`)).expect(200);
    expect(listed.body.total).toBe(1);
    await as(http().post(`/persons/${id}/service-records/${made.body.id}/confirmation`))
      .send(code)
      .expect(200);
    const [{ attempts }] = await service.dataSource.query(
      `SELECT attempts FROM "${service.schema}".confirmation_codes WHERE id = $1`,
      [code.codeId],
    );
    expect(attempts).toBe(0);

    const asAdmin = await by(admin, http().get(`/persons/${id}/service-records`)).expect(200);
    expect(asAdmin.body.items.map((r: { id: string }) => r.id)).toEqual([made.body.id]);
    await by(admin, http().get(`/persons/${id}/three-plus-one`)).expect(200);
    const adminPending = await by(admin, http().get('/three-plus-one/worklist'))
      .query({ communityCode: COMMUNITY_B, includeEnded: 'true', limit: 100 })
      .expect(200);
    expect(adminPending.body.items.map((p: { personId: string }) => p.personId)).toContain(id);
    await by(tokenFor(['employer']), http().post(`/persons/${id}/service-records`))
      .send(body)
      .expect(403);
  });
});
