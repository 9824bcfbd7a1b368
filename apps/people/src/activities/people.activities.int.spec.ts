import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { PeopleActivities, PeopleActivityActor } from '@platform/contracts';
import { PiiCipher, shanghaiToday } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { CategoriesService } from '../categories/categories.service';
import { PeopleConfig } from '../config';
import { Actor } from '../people-actor';
import { PersonsService } from '../persons/persons.service';
import { RegisterPersonDto } from '../persons/register-person.dto';
import { UnmaskService } from '../persons/unmask.service';
import { personField } from '../pii/encrypted-columns';
import { ServiceRecordsService } from '../service-records/service-records.service';
import { COMMUNITY_A, idNumber, mobile, startPeople } from '../testing/people-test-app';
import { createPeopleActivities } from './people.activities';
import { runPeopleProbe } from './testing/temporal-probe';

const operator: PeopleActivityActor = {
  userId: 'op-1',
  username: 'op.wuhou',
  roles: ['operator'],
  orgPath: '510100/510107',
};

const person = (id: string, phone: string) => ({
  name: '赵六',
  idNumber: id,
  phone,
  hukouType: 'urban' as const,
  hukouPlace: '四川省成都市',
  communityCode: COMMUNITY_A,
});

describe('people activities (real Postgres, Kafka and Temporal dev server)', () => {
  let service: TestServiceApp<PeopleConfig>;
  let activities: PeopleActivities;

  beforeAll(async () => {
    service = await startPeople();
    const app = service.app;
    activities = createPeopleActivities({
      persons: app.get(PersonsService),
      categories: app.get(CategoriesService),
      records: app.get(ServiceRecordsService),
      unmasking: app.get(UnmaskService),
      dataSource: app.get(DataSource),
    });
  });
  afterAll(() => service?.close());

  it('register-or-find is idempotent and answers masked', async () => {
    const id = idNumber('19760707', 11);
    const phone = mobile();
    const first = await activities.registerOrFindPerson({
      actor: operator,
      correlationId: 'case-1',
      person: person(id, phone),
    });
    const second = await activities.registerOrFindPerson({
      actor: operator,
      correlationId: 'case-1',
      person: person(id, phone),
    });
    expect(first.outcome).toBe('created');
    expect(second).toMatchObject({ outcome: 'updated', person: { personId: first.person.personId } });
    expect(JSON.stringify(first)).not.toContain(id);
    expect(JSON.stringify(first)).not.toContain(phone);
    expect(first.person.categories).toEqual([]);
  });

  it('registers for a case in one call: person, categories and one registration record, also when retried', async () => {
    const input = {
      actor: operator,
      correlationId: 'case-intake-1',
      caseId: 'case-intake-1',
      occurredAt: '2025-09-30T10:00:00+08:00',
      person: person(idNumber('19750505', 41), mobile()),
    };
    const first = await activities.registerForCase(input);
    const retried = await activities.registerForCase(input);
    expect(retried).toEqual(first);
    expect(first).toMatchObject({ categories: expect.any(Array), serviceRecordId: expect.any(String) });
    const records = await service.dataSource.query(
      `SELECT kind, request_id FROM "${service.schema}".service_records WHERE person_id = $1`,
      [first.person.personId],
    );
    expect(records).toEqual([{ kind: 'registration', request_id: 'case-intake-1:registration' }]);
    expect(JSON.stringify(first)).not.toContain(input.person.idNumber);
  });

  it('registering for a case keeps what the intake does not carry (unemployment, circumstances), so categories survive', async () => {
    const phone = mobile();
    const known = person(idNumber('19760303', 31), phone);
    // Registered earlier by a station with the full profile: unemployed since spring, on 低保.
    const full = Object.assign(new RegisterPersonDto(), {
      ...known,
      unemployment: { registeredOn: '2025-03-01', status: 'registered' },
      circumstances: { minimumLivingAllowance: true, localHukou: true },
    });
    const before = await service.app.get(PersonsService).register(full, operator as Actor, 'station-1');
    const categoriesBefore = before.person.categories.map((c: { code: string }) => c.code).sort();
    expect(categoriesBefore.length).toBeGreaterThan(0);

    const registered = await activities.registerForCase({
      actor: operator,
      correlationId: 'case-keep-1',
      caseId: 'case-keep-1',
      occurredAt: '2025-09-30T10:00:00+08:00',
      person: known,
    });
    expect(registered.person.personId).toBe(before.person.id);
    expect([...registered.categories].sort()).toEqual(categoriesBefore);
    const [row] = await service.dataSource.query(
      `SELECT id, circumstances_enc, to_char(unemployment_registered_on, 'YYYY-MM-DD') AS since
         FROM "${service.schema}".persons WHERE id = $1`,
      [before.person.id],
    );
    expect(row.since).toBe('2025-03-01');
    const circumstances = service.app
      .get(PiiCipher)
      .decrypt(row.circumstances_enc, personField('circumstances_enc', row.id));
    expect(JSON.parse(circumstances)).toMatchObject({ minimumLivingAllowance: true });
  });

  it('registers what the intake says makes a hardship case (低保, disability certificate), so the categories follow', async () => {
    // 40 years old whatever the day the spec runs: working age, which every category requires.
    const born = `${Number(shanghaiToday().slice(0, 4)) - 40}0101`;
    const certificate = '51010719860101123442';
    const caller = {
      ...person(idNumber(born, 61), mobile()),
      disabilityCertificateNo: certificate,
      unemployment: { registeredOn: '2025-01-10', status: 'registered' as const },
      circumstances: { minimumLivingAllowance: true },
    };
    const registered = await activities.registerForCase({
      actor: operator,
      correlationId: 'case-hardship-1',
      caseId: 'case-hardship-1',
      occurredAt: '2025-09-30T10:00:00+08:00',
      person: caller,
    });
    expect(registered.categories).toEqual(expect.arrayContaining(['minimum-living-allowance', 'disabled']));
    expect(JSON.stringify(registered)).not.toContain(certificate);
    const [row] = await service.dataSource.query(
      `SELECT id, disability_certificate_enc, to_char(unemployment_registered_on, 'YYYY-MM-DD') AS since
         FROM "${service.schema}".persons WHERE id = $1`,
      [registered.person.personId],
    );
    expect(row.since).toBe('2025-01-10');
    expect(row.disability_certificate_enc).not.toContain(certificate);
    expect(
      service.app
        .get(PiiCipher)
        .decrypt(row.disability_certificate_enc, personField('disability_certificate_enc', row.id)),
    ).toBe(certificate);
  });

  it("an intake's certificate number leaves the person's other constraints (hours, distance) as registered", async () => {
    const known = person(idNumber('19790404', 71), mobile());
    const full = Object.assign(new RegisterPersonDto(), {
      ...known,
      constraints: { hours: '白班', maxDistanceKm: 8 },
    });
    const before = await service.app.get(PersonsService).register(full, operator as Actor, 'station-2');
    await activities.registerForCase({
      actor: operator,
      correlationId: 'case-cert-1',
      caseId: 'case-cert-1',
      occurredAt: '2025-09-30T10:00:00+08:00',
      person: { ...known, disabilityCertificateNo: 'ab1234567' },
    });
    const [row] = await service.dataSource.query(
      `SELECT available_hours, max_distance_km, disability_certificate_masked
         FROM "${service.schema}".persons WHERE id = $1`,
      [before.person.id],
    );
    expect(row).toMatchObject({ available_hours: '白班', max_distance_km: 8 });
    expect(row.disability_certificate_masked).toEqual(expect.any(String));
  });

  it('turns bad input into a non-retryable failure that names the rule and not the value', async () => {
    const bad = '110105194912310029';
    const error = await activities
      .registerOrFindPerson({ actor: operator, correlationId: 'case-2', person: person(bad, mobile()) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    expect(JSON.stringify((error as ApplicationFailure).details)).toContain('checkChar');
    expect(JSON.stringify((error as ApplicationFailure).details)).not.toContain(bad);
  });

  it('fails bad registrations at once (non-retryable Problem400 naming field and rule), writing nothing', async () => {
    const phone = mobile();
    const failureOf = (input: unknown) =>
      activities.registerForCase(input as Parameters<PeopleActivities['registerForCase']>[0]).then(
        () => null,
        (e: unknown) => e as ApplicationFailure,
      );
    const base = {
      actor: operator,
      correlationId: 'case-bad',
      caseId: 'case-bad-1',
      occurredAt: '2025-09-30T10:00:00+08:00',
    };
    const good = person(idNumber('19770707', 51), phone);
    const cases: Array<[unknown, string, string]> = [
      [{ ...base, person: { ...good, name: '   ' } }, 'person.name', 'isLength'],
      [{ ...base, person: { ...good, hukouType: undefined } }, 'person.hukouType', 'isIn'],
      [{ ...base, person: { ...good, unemployment: [] } }, 'person.unemployment', 'isObject'],
      [
        { ...base, person: { ...good, circumstances: { minimumLivingAllowance: 'yes' } } },
        'person.circumstances.minimumLivingAllowance',
        'isBoolean',
      ],
      [
        { ...base, person: { ...good, disabilityCertificateNo: '12-34' } },
        'person.disabilityCertificateNo',
        'matches',
      ],
      [{ ...base, person: { ...good, communityCode: 12 } }, 'person.communityCode', 'matches'],
      [{ ...base, caseId: 'case with spaces' }, 'caseId', 'matches'],
      [{ ...base, person: good, actor: { ...operator, roles: ['employer'] } }, 'actor.roles', 'isIn'],
    ];
    for (const [input, field, rule] of cases) {
      const failure = await failureOf(input);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'Problem400', nonRetryable: true });
      const errors = (failure!.details as Array<Array<{ field: string; rule: string }>>)[0];
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field,
            rule,
            message: { zh: expect.any(String), en: expect.any(String) },
          }),
        ]),
      );
      expect(JSON.stringify(failure)).not.toContain(phone);
    }
    const [{ n }] = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM "${service.schema}".persons WHERE phone_bidx = $1`,
      [service.app.get(PiiCipher).blindIndex('phone', phone)],
    );
    expect(n).toBe(0);
    await expect(
      activities.evaluatePersonCategories({ personId: 'not-a-uuid', correlationId: 'c' }),
    ).rejects.toMatchObject({ type: 'Problem400', nonRetryable: true });
    await expect(
      activities.getContactForCallback({ actor: operator, personId: 'x', reason: '   ' }),
    ).rejects.toMatchObject({ type: 'Problem400', nonRetryable: true });
  });

  it('evaluates categories, records a service, and gives the callback phone only to permitted roles, audited', async () => {
    const phone = mobile();
    const { person: p } = await activities.registerOrFindPerson({
      actor: operator,
      correlationId: 'case-3',
      person: { ...person(idNumber('19800202', 12), phone) },
    });
    const categories = await activities.evaluatePersonCategories({
      personId: p.personId,
      correlationId: 'case-3',
    });
    expect(categories.personId).toBe(p.personId);
    const record = await activities.recordService({
      actor: operator,
      personId: p.personId,
      kind: 'job-referral',
      channel: 'phone',
      occurredAt: new Date().toISOString(),
      outcome: '推荐岗位',
    });
    expect(record).toEqual({ serviceRecordId: expect.any(String), confirmed: false });
    const contact = await activities.getContactForCallback({
      actor: operator,
      personId: p.personId,
      reason: '安置后回访',
    });
    expect(contact).toMatchObject({ phone, masked: false });
    const audits = await service.dataSource.query(
      `SELECT actor_id, fields, reason, channel FROM "${service.schema}".pii_access_audit WHERE person_id = $1`,
      [p.personId],
    );
    expect(audits).toEqual([
      { actor_id: 'op-1', fields: ['phone'], reason: '安置后回访', channel: 'activity' },
    ]);
    const elsewhere = { ...operator, orgPath: '510100/510104' };
    await expect(
      activities.getContactForCallback({ actor: elsewhere, personId: p.personId, reason: '安置后回访' }),
    ).rejects.toMatchObject({ type: 'Problem404', nonRetryable: true });
  });

  it('records a service once per requestId, also when the same request arrives twice at once', async () => {
    const { person: p } = await activities.registerOrFindPerson({
      actor: operator,
      correlationId: 'case-5',
      person: person(idNumber('19810303', 14), mobile()),
    });
    const callback = (requestId: string) =>
      activities.recordService({
        actor: operator,
        personId: p.personId,
        kind: 'callback',
        channel: 'phone',
        occurredAt: new Date().toISOString(),
        outcome: '已回访',
        requestId,
      });
    const rows = (requestId: string) =>
      service.dataSource.query(
        `SELECT id FROM "${service.schema}".service_records WHERE person_id = $1 AND request_id = $2`,
        [p.personId, requestId],
      );

    const first = await callback('case-5:1:callback');
    const again = await callback('case-5:1:callback');
    expect(again).toEqual(first);
    expect(await rows('case-5:1:callback')).toEqual([{ id: first.serviceRecordId }]);

    const together = await Promise.all([callback('case-5:2:callback'), callback('case-5:2:callback')]);
    expect(together[1].serviceRecordId).toBe(together[0].serviceRecordId);
    expect(await rows('case-5:2:callback')).toEqual([{ id: together[0].serviceRecordId }]);
    expect(together[0].serviceRecordId).not.toBe(first.serviceRecordId);

    const error = await callback('case-5 1 callback').catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'Problem400', nonRetryable: true });
    expect(JSON.stringify((error as ApplicationFailure).details)).toContain('requestIdFormat');
    expect(await rows('case-5 1 callback')).toEqual([]);
    await expect(callback('x'.repeat(201))).rejects.toMatchObject({ type: 'Problem400' });
  });

  it('runs through the real Temporal dev server with encrypted payloads: history holds no plaintext', async () => {
    const id = idNumber('19790909', 13);
    const phone = mobile();
    const { result, historyJson } = await runPeopleProbe(service.config, {
      actor: operator,
      registration: { actor: operator, correlationId: 'case-4', person: person(id, phone) },
    });
    expect(result).toMatchObject({
      registered: {
        outcome: 'created',
        person: { idNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}` },
      },
      record: { confirmed: false },
      contact: { phone, masked: false },
    });
    expect(historyJson).toContain('binary/encrypted');
    expect(historyJson).not.toContain(id);
    expect(historyJson).not.toContain(phone);
    expect(historyJson).not.toContain('赵六');
  }, 120_000);
});
