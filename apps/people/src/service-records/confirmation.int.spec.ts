import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { PeopleActivities, PeopleActivityActor } from '@platform/contracts';
import { shanghaiDateOf } from '@platform/calendar';
import { FixedClock } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
import { createPeopleActivities } from '../activities/people.activities';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { PersonsService } from '../persons/persons.service';
import { UnmaskService } from '../persons/unmask.service';
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
import { ServiceRecordsService } from './service-records.service';

/** The case workflow's staff member, as the hotline passes them to the people activities. */
const caseOperator: PeopleActivityActor = {
  userId: 'op-case',
  username: 'op.case',
  roles: ['operator'],
  orgPath: '510100/510107',
};

describe('the person confirms the records the case wrote; only confirmed ones count toward "3+1" (real stack)', () => {
  let service: TestServiceApp<PeopleConfig>;
  let activities: PeopleActivities;
  // Codes expire by the service's clock: the test moves it instead of waiting ten minutes.
  const clock = new FixedClock(new Date());
  const operator = tokenFor(['operator'], '510100/510107', 'staff-21');
  const http = () => request(service.app.getHttpServer());
  const as = <T extends request.Test>(test: T, token = operator) =>
    test.set('authorization', `Bearer ${token}`);
  const sms = () => service.app.get<DevSinkSmsGateway>(SMS_GATEWAY);
  let sequence = 700;

  const newPerson = async () => {
    const phone = mobile();
    const response = await as(http().post('/persons'))
      .send(
        registration({
          idNumber: idNumber('19900303', sequence++),
          phone,
          communityCode: COMMUNITY_B,
          // Registered unemployed 30 days before the service clock's today: its records fall inside the 3+1 year.
          unemployment: {
            registeredOn: shanghaiDateOf(new Date(clock.now().getTime() - 30 * 86_400_000)),
            status: 'registered',
          },
        }),
      )
      .expect(201);
    return { id: response.body.person.id as string, phone };
  };
  /** A referral as the case workflow writes it: through the people activity, unconfirmed. */
  const caseReferral = async (personId: string, kind: 'job-referral' | 'training-referral') => {
    const written = await activities.recordService({
      actor: caseOperator,
      personId,
      kind,
      channel: 'phone',
      occurredAt: clock.now().toISOString(),
      outcome: kind === 'job-referral' ? '推荐岗位：仓库管理员' : '推荐培训：中式烹调',
    });
    expect(written.confirmed).toBe(false);
    return written.serviceRecordId;
  };
  /** Sends a code; what the operator types back: the code's id and the code the person read out. */
  const requestCode = async (personId: string, phone: string) => {
    const sent = await as(http().post(`/persons/${personId}/confirmation-codes`)).expect(201);
    expect(new Date(sent.body.expiresAt).getTime()).toBe(clock.now().getTime() + 10 * 60_000);
    const code = /code is (\d{6})/.exec(sms().lastTo(phone)!)![1];
    return { codeId: sent.body.codeId as string, code };
  };
  const confirm = (personId: string, recordId: string, body: Record<string, unknown>, token = operator) =>
    as(http().post(`/persons/${personId}/service-records/${recordId}/confirmation`), token).send(body);
  const progress = async (personId: string) =>
    (await as(http().get(`/persons/${personId}/three-plus-one`)).expect(200)).body;
  const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  beforeAll(async () => {
    service = await startPeople({}, clock);
    activities = createPeopleActivities({
      persons: service.app.get(PersonsService),
      categories: service.app.get(CategoriesService),
      records: service.app.get(ServiceRecordsService),
      unmasking: service.app.get(UnmaskService),
      dataSource: service.app.get(DataSource),
    });
  });
  afterAll(() => service?.close());
  beforeEach(() => clock.set(new Date()));

  it('code flow: request, a wrong code refused, the right one confirms; the case referrals then count', async () => {
    const { id, phone } = await newPerson();
    const jobs = [];
    for (let i = 0; i < 3; i++) jobs.push(await caseReferral(id, 'job-referral'));
    const training = await caseReferral(id, 'training-referral');
    expect(await progress(id)).toMatchObject({
      jobReferrals: 0,
      trainingReferrals: 0,
      unconfirmedJobReferrals: 3,
      unconfirmedTrainingReferrals: 1,
      complete: false,
    });

    const first = await requestCode(id, phone);
    const wrong = await confirm(id, jobs[0], {
      method: 'otp',
      codeId: first.codeId,
      code: wrongOf(first.code),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'code', rule: 'otpValid' });
    expect(wrong.body.errors[0].message.zh).toContain('确认码');
    expect(wrong.body.errors[0].message.en).toContain('wrong');
    const confirmed = await confirm(id, jobs[0], { method: 'otp', ...first }).expect(200);
    expect(confirmed.body).toMatchObject({
      confirmedByBoth: true,
      confirmation: { method: 'otp', confirmedBy: 'staff-21', witnessMasked: null },
    });
    expect(confirmed.body.confirmation.confirmedAt).toBe(clock.now().toISOString());

    for (const recordId of [jobs[1], jobs[2], training]) {
      await confirm(id, recordId, { method: 'otp', ...(await requestCode(id, phone)) }).expect(200);
    }
    expect(await progress(id)).toMatchObject({
      jobReferrals: 3,
      trainingReferrals: 1,
      unconfirmedJobReferrals: 0,
      unconfirmedTrainingReferrals: 0,
      complete: true,
    });

    // The year runs from the registration: a year on, it has ended and still shows what the person was given.
    const today = clock.now();
    // Day 31 of 365: 334 days left.
    expect(await progress(id)).toMatchObject({ status: 'served', daysLeft: 334 });
    clock.set(new Date(today.getTime() + 396 * 86_400_000));
    expect(await progress(id)).toMatchObject({
      jobReferrals: 3,
      trainingReferrals: 1,
      status: 'served',
      daysLeft: 334 - 396,
    });
    clock.set(today);

    // Audited: every code sent, the refused one and each confirmation, with who did it.
    const audit: Array<{ action: string; actor_id: string; method: string | null }> =
      await service.dataSource.query(
        `SELECT action, actor_id, method FROM "${service.schema}".confirmation_audit WHERE person_id = $1`,
        [id],
      );
    const count = (action: string) => audit.filter((a) => a.action === action).length;
    expect([count('code-sent'), count('code-refused'), count('confirmed')]).toEqual([4, 1, 4]);
    expect(audit.every((a) => a.actor_id === 'staff-21')).toBe(true);
    // Only the hash of a code is kept.
    const [stored] = await service.dataSource.query(
      `SELECT encode(code_hash, 'hex') AS hash FROM "${service.schema}".confirmation_codes WHERE id = $1`,
      [first.codeId],
    );
    expect(stored.hash).not.toContain(first.code);
    expect(stored.hash).toHaveLength(64);
    // Keyed: not the plain SHA-256 of what it binds, which a copy of the table could be searched against.
    const plain = createHash('sha256').update(`${id}:${first.code}`).digest('hex');
    expect(stored.hash).not.toBe(plain);
  });

  it('a code expires after ten minutes by the service clock', async () => {
    const { id, phone } = await newPerson();
    const record = await caseReferral(id, 'job-referral');
    const code = await requestCode(id, phone);
    clock.set(new Date(clock.now().getTime() + 10 * 60_000 + 1000));
    const late = await confirm(id, record, { method: 'otp', ...code }).expect(400);
    expect(late.body.errors[0]).toMatchObject({ field: 'code', rule: 'otpValid' });
    expect((await progress(id)).jobReferrals).toBe(0);
    // A fresh code still works.
    await confirm(id, record, { method: 'otp', ...(await requestCode(id, phone)) }).expect(200);
    expect((await progress(id)).jobReferrals).toBe(1);
  });

  it('five wrong tries use a code up; the right code is then refused too', async () => {
    const { id, phone } = await newPerson();
    const record = await caseReferral(id, 'training-referral');
    const code = await requestCode(id, phone);
    for (let i = 0; i < 5; i++) {
      await confirm(id, record, { method: 'otp', codeId: code.codeId, code: wrongOf(code.code) }).expect(400);
    }
    await confirm(id, record, { method: 'otp', ...code }).expect(400);
    const [{ attempts }] = await service.dataSource.query(
      `SELECT attempts FROM "${service.schema}".confirmation_codes WHERE id = $1`,
      [code.codeId],
    );
    expect(attempts).toBe(6); // every refused try is counted, the last one too
    expect((await progress(id)).trainingReferrals).toBe(0);
  });

  it('limits the codes sent to one person to five an hour', async () => {
    const { id, phone } = await newPerson();
    for (let i = 0; i < 5; i++) await requestCode(id, phone);
    const refused = await as(http().post(`/persons/${id}/confirmation-codes`)).expect(429);
    expect(refused.body.detail).toMatch(/codes an hour.*每人每小时/);
    clock.set(new Date(clock.now().getTime() + 61 * 60_000));
    await requestCode(id, phone);
  });

  it('holds the hourly limit when eight codes are asked for at once: five sent, three refused', async () => {
    const { id } = await newPerson();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => as(http().post(`/persons/${id}/confirmation-codes`))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const [{ codes }] = await service.dataSource.query(
      `SELECT count(*)::int AS codes FROM "${service.schema}".confirmation_codes WHERE person_id = $1`,
      [id],
    );
    expect(codes).toBe(5);
  });

  it('signature at the station: the operator names the witness (kept encrypted, shown masked); then it counts', async () => {
    const { id } = await newPerson();
    const record = await caseReferral(id, 'training-referral');
    const noWitness = await confirm(id, record, { method: 'station' }).expect(400);
    expect(noWitness.body.errors[0]).toMatchObject({ field: 'witnessName', rule: 'requiredForStation' });
    expect(noWitness.body.errors[0].message.zh).toContain('见证人');
    expect(noWitness.body.errors[0].message.en).toContain('witness');
    const blank = await confirm(id, record, { method: 'station', witnessName: '   ' }).expect(400);
    expect(blank.body.errors[0].field).toBe('witnessName');

    const signed = await confirm(id, record, { method: 'station', witnessName: '李见证' }).expect(200);
    expect(signed.body).toMatchObject({
      confirmedByBoth: true,
      confirmation: { method: 'station', confirmedBy: 'staff-21', witnessMasked: '李**' },
    });
    expect(JSON.stringify(signed.body)).not.toContain('李见证');
    const [row] = await service.dataSource.query(
      `SELECT witness_enc FROM "${service.schema}".service_records WHERE id = $1`,
      [record],
    );
    expect(row.witness_enc).not.toContain('李见证');
    expect(await progress(id)).toMatchObject({ trainingReferrals: 1, unconfirmedTrainingReferrals: 0 });
    await confirm(id, record, { method: 'station', witnessName: '李见证' }).expect(409);
    const listed = await as(http().get(`/persons/${id}/service-records`)).expect(200);
    expect(listed.body.items[0].confirmation).toMatchObject({ method: 'station', witnessMasked: '李**' });
  });

  it('another district gets 404 for the person, the record and the code, and uses nothing up', async () => {
    const { id, phone } = await newPerson();
    const record = await caseReferral(id, 'job-referral');
    const code = await requestCode(id, phone);
    const jinjiang = tokenFor(['operator'], '510100/510104', 'op-jinjiang');
    await as(http().post(`/persons/${id}/confirmation-codes`), jinjiang).expect(404);
    await confirm(
      id,
      record,
      { method: 'otp', codeId: code.codeId, code: wrongOf(code.code) },
      jinjiang,
    ).expect(404);
    await confirm(id, record, { method: 'station', witnessName: '王五' }, jinjiang).expect(404);
    const [{ attempts }] = await service.dataSource.query(
      `SELECT attempts FROM "${service.schema}".confirmation_codes WHERE id = $1`,
      [code.codeId],
    );
    expect(attempts).toBe(0);
    await confirm(id, record, { method: 'otp', ...code }).expect(200);
  });

  it('the dev sink page: admins read the texts with numbers masked, others may not', async () => {
    const { id, phone } = await newPerson();
    await requestCode(id, phone);
    const admin = tokenFor(['admin'], '510100', 'admin-1');
    const page = await as(http().get('/dev/sms-messages').query({ limit: 5 }), admin).expect(200);
    const mine = page.body.items.find(
      (m: { phoneMasked: string }) => m.phoneMasked === `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    );
    expect(mine.text).toContain('962110');
    expect(JSON.stringify(page.body)).not.toContain(phone);
    await as(http().get('/dev/sms-messages')).expect(403);
  });
});
