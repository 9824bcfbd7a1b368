import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import type { HandOffCandidate } from '@platform/contracts';
import { PiiCipher } from '@platform/pii';
import { TestServiceApp } from '@platform/service-testing';
import { encryptedDataConverter } from '@platform/temporal-kit';
import { temporalAddress } from '@platform/testing';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import { CaseStartSweeper } from './case-start-sweeper';
import { CaseRow } from './case.entity';
import { canonicalJson, CasesService, intakeContext } from './cases.service';
import { idempotencyKey, intakeBody, JINJIANG_COMMUNITY, YULIN_COMMUNITY } from './testing/case-fixtures';

/**
 * The case API up to the workflow boundary, on real Postgres, Kafka and the Temporal dev server. No worker
 * polls this app's workflow queue here: workflows are started (and terminated afterwards), never run.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('case API: intake, idempotency, scope (real Postgres, Kafka, Temporal)', () => {
  let service: TestServiceApp<HotlineConfig>;
  let temporal: Connection;
  let client: Client;
  let operator: string;
  let otherOperator: string;
  let jinjiangOperator: string;
  let supervisor: string;
  let cityAdmin: string;
  const startedCases: string[] = [];
  const http = () => request(service.app.getHttpServer());

  const open = (token: string, body: unknown, key: string | null = idempotencyKey()) => {
    const call = http().post('/cases').set('authorization', `Bearer ${token}`);
    return (key === null ? call : call.set('idempotency-key', key)).send(body as object);
  };
  const caseRows = (): Promise<Array<Record<string, unknown>>> =>
    service.dataSource.query(`SELECT * FROM "${service.schema}".cases ORDER BY opened_at`);

  beforeAll(async () => {
    service = await startHotline();
    temporal = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection: temporal, dataConverter: encryptedDataConverter(service.config) });
    cityAdmin = await tokenFor(service, 'admin');
    for (const [username, orgCode] of [
      ['operator.yulin2', '510107003'],
      ['operator.jinjiang', '510104003'],
    ]) {
      await http()
        .post('/users')
        .set('authorization', `Bearer ${cityAdmin}`)
        .send({ username, displayName: '测试接线员', password: DEMO_PASSWORD, roles: ['operator'], orgCode })
        .expect(201);
    }
    [operator, otherOperator, jinjiangOperator, supervisor] = await Promise.all([
      tokenFor(service, 'operator.wuhou'),
      tokenFor(service, 'operator.yulin2'),
      tokenFor(service, 'operator.jinjiang'),
      tokenFor(service, 'supervisor.wuhou'),
    ]);
  });
  afterAll(async () => {
    // Nothing polls their queue: end them so the dev server does not keep them running.
    await Promise.all(
      startedCases.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
    await temporal?.close();
    await service?.close();
  });

  const expectBilingual = (body: {
    errors?: Array<{ field: string; message: { zh: string; en: string } }>;
  }) => {
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) {
      expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.message.en).toMatch(/[a-z]/);
    }
  };

  describe('POST /cases refuses bad input with a bilingual 400 and writes nothing', () => {
    it.each([
      ['no Idempotency-Key header', null, 'Idempotency-Key', 'isDefined'],
      ['a too short Idempotency-Key', 'short', 'Idempotency-Key', 'matches'],
      ['an Idempotency-Key with spaces', 'call with spaces 123', 'Idempotency-Key', 'matches'],
      ['an ID number as Idempotency-Key', '11010519491231002X', 'Idempotency-Key', 'notPersonalData'],
      ['a phone number as Idempotency-Key', '13912345678', 'Idempotency-Key', 'notPersonalData'],
    ])('%s', async (_what, key, field, rule) => {
      const response = await open(operator, intakeBody(), key).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
      expectBilingual(response.body);
      expect(await caseRows()).toHaveLength(0);
    });

    it.each([
      ['a wrong ID check character', intakeBody({}, { idNumber: '510107199001011230' }), 'person.idNumber'],
      ['a 15-digit ID number', intakeBody({}, { idNumber: '510107900101123' }), 'person.idNumber'],
      ['a landline phone', intakeBody({}, { phone: '028-85551234' }), 'person.phone'],
      ['a 51-character name', intakeBody({}, { name: '张'.repeat(51) }), 'person.name'],
      ['an unknown hukou type', intakeBody({}, { hukouType: 'foreign' }), 'person.hukouType'],
      [
        'an 11-digit community code',
        intakeBody({}, { communityCode: '51010700300' }),
        'person.communityCode',
      ],
      ['empty wants', intakeBody({ wants: '' }), 'wants'],
      ['501 characters of wants', intakeBody({ wants: 'x'.repeat(501) }), 'wants'],
      ['acceptsAnyJob as a string', intakeBody({ acceptsAnyJob: 'yes' }), 'acceptsAnyJob'],
      ['21 skills', intakeBody({ skills: Array.from({ length: 21 }, (_, i) => `技能${i}`) }), 'skills'],
      ['maxDistanceKm 201', intakeBody({ constraints: { maxDistanceKm: 201 } }), 'constraints.maxDistanceKm'],
      ['an unknown hours value', intakeBody({ constraints: { hours: ['nights'] } }), 'constraints.hours'],
      ['a negative minimum wage', intakeBody({ constraints: { minWageFen: -1 } }), 'constraints.minWageFen'],
      ['a latitude of 91', intakeBody({ location: { lat: 91, lng: 104 } }), 'location.lat'],
      [
        'a place outside the Chengdu area',
        intakeBody({ location: { lat: 39.9, lng: 116.4 } }),
        'location.lat',
      ],
      ['a skill longer than 30 characters', intakeBody({ skills: ['技'.repeat(31)] }), 'skills'],
      ['no person', intakeBody({ person: undefined }), 'person'],
      ['an unknown field', intakeBody({ vip: true }), 'vip'],
      ['receivedAt as a number', intakeBody({ receivedAt: Date.now() }), 'receivedAt'],
      [
        'an unknown unemployment status',
        intakeBody({}, { unemployment: { registeredOn: '2025-03-01', status: 'laid-off' } }),
        'person.unemployment.status',
      ],
      [
        'a registration date with a time',
        intakeBody({}, { unemployment: { registeredOn: '2025-03-01T00:00', status: 'registered' } }),
        'person.unemployment.registeredOn',
      ],
      ['unemployment as null', intakeBody({}, { unemployment: null }), 'person.unemployment'],
      [
        '低保 as a string',
        intakeBody({}, { circumstances: { minimumLivingAllowance: 'yes' } }),
        'person.circumstances.minimumLivingAllowance',
      ],
      [
        'an unknown poverty status',
        intakeBody({}, { circumstances: { povertyStatus: 'poor' } }),
        'person.circumstances.povertyStatus',
      ],
      [
        '1201 months insured as a returning migrant',
        intakeBody({}, { circumstances: { returningMigrantInsuredMonths: 1201 } }),
        'person.circumstances.returningMigrantInsuredMonths',
      ],
      [
        'a disability certificate number with punctuation',
        intakeBody({}, { disabilityCertificateNo: '5101-0719' }),
        'person.disabilityCertificateNo',
      ],
    ])('%s', async (_what, body, field) => {
      const response = await open(operator, body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expectBilingual(response.body);
      // Messages never echo the personal data that was sent.
      const idNumber = (body.person as { idNumber?: string } | undefined)?.idNumber;
      if (idNumber) expect(response.text).not.toContain(idNumber);
      expect(await caseRows()).toHaveLength(0);
    });

    it.each([
      ['without an offset', () => '2025-10-09T14:30:00', 'isInstant'],
      ['that is not a date', () => '2025-02-30T10:00:00+08:00', 'isInstant'],
      ['in the future', () => new Date(Date.now() + 5 * MINUTE).toISOString(), 'notInFuture'],
      ['31 days ago', () => new Date(Date.now() - 31 * DAY).toISOString(), 'withinLast30Days'],
    ])('receivedAt %s', async (_what, receivedAt, rule) => {
      const response = await open(operator, intakeBody({ receivedAt: receivedAt() })).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'receivedAt', rule })]);
      expectBilingual(response.body);
      expect(await caseRows()).toHaveLength(0);
    });

    it.each([
      ['that is not a calendar day', () => '2025-02-30', 'isDate'],
      ['after today', () => new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10), 'notInFuture'],
    ])('an unemployment registration date %s', async (_what, registeredOn, rule) => {
      const body = intakeBody({}, { unemployment: { registeredOn: registeredOn(), status: 'registered' } });
      const response = await open(operator, body).expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'person.unemployment.registeredOn', rule }),
      ]);
      expectBilingual(response.body);
      expect(await caseRows()).toHaveLength(0);
    });

    it('null, arrays or wrong types anywhere are a 400 or treated as absent, never a 500', async () => {
      const bodies = [
        intakeBody({ person: null }),
        intakeBody({ person: [] }),
        intakeBody({ constraints: null }),
        intakeBody({ skills: null }),
        intakeBody({ skills: [1, 2] }),
        intakeBody({ location: 'here' }),
        intakeBody({}, { idNumber: 5101071990 }),
        intakeBody({}, { phone: null }),
        [intakeBody()],
        'just a string',
      ];
      for (const body of bodies) {
        const response = await open(operator, body);
        expect({ body, status: response.status }).toEqual({ body, status: 400 });
      }
      expect(await caseRows()).toHaveLength(0);
    });

    it('a body that is not JSON is a 400, not a 500', async () => {
      const response = await http()
        .post('/cases')
        .set('authorization', `Bearer ${operator}`)
        .set('idempotency-key', idempotencyKey())
        .set('content-type', 'application/json')
        .send('{"person": ');
      expect(response.status).toBe(400);
      expect(await caseRows()).toHaveLength(0);
    });

    it('a community code that is not a community of the org tree is a 400', async () => {
      for (const communityCode of ['510107003999', '510107003000']) {
        const response = await open(operator, intakeBody({}, { communityCode })).expect(400);
        expect(response.body.errors).toContainEqual(
          expect.objectContaining({ field: 'person.communityCode', rule: 'exists' }),
        );
      }
      expect(await caseRows()).toHaveLength(0);
    });

    it("a community outside the caller's area is a 403", async () => {
      const response = await open(operator, intakeBody({}, { communityCode: JINJIANG_COMMUNITY })).expect(
        403,
      );
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ field: 'person.communityCode', rule: 'inScope' }),
      );
      expect(await caseRows()).toHaveLength(0);
    });

    it('only operators and supervisors may open cases', async () => {
      await open(cityAdmin, intakeBody()).expect(403);
      await open(await tokenFor(service, 'employer.demo'), intakeBody()).expect(403);
      await http().post('/cases').set('idempotency-key', idempotencyKey()).send(intakeBody()).expect(401);
      expect(await caseRows()).toHaveLength(0);
    });
  });

  describe('opening a case', () => {
    it('answers 201 with the deadline at once, stores no personal data and starts the workflow', async () => {
      const body = intakeBody();
      const response = await open(operator, body).expect(201);
      startedCases.push(response.body.caseId);
      expect(response.body).toEqual({
        caseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        openedAt: expect.any(String),
        state: 'intake',
        owner: 'operator.wuhou',
        deadline: expect.any(String),
        dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        provisional: expect.any(Boolean),
      });
      // The same deadline the calendar API (and the workflow's SLA activity) computes from the opening instant.
      const expected = await http()
        .get('/calendar/deadline')
        .query({ start: response.body.openedAt, days: 2 })
        .set('authorization', `Bearer ${operator}`)
        .expect(200);
      expect(new Date(response.body.deadline).toISOString()).toBe(
        new Date(expected.body.deadline).toISOString(),
      );
      expect(response.body.dueDate).toBe(expected.body.dueDate);

      const [row] = await caseRows();
      expect(row).toMatchObject({
        id: response.body.caseId,
        opened_by: 'operator.wuhou',
        org_path: `510100/510107/510107003/${YULIN_COMMUNITY}`,
        district_code: '510107',
        street_code: '510107003',
        community_code: YULIN_COMMUNITY,
        intake_encrypted: null,
      });
      expect(row.workflow_started_at).not.toBeNull();
      const stored = JSON.stringify(row);
      for (const value of [body.person.name, body.person.idNumber, body.person.phone, body.wants]) {
        expect(stored).not.toContain(value);
      }
      const description = await client.workflow.getHandle(response.body.caseId).describe();
      expect(description).toMatchObject({
        type: 'helpRequest',
        taskQueue: service.config.HOTLINE_WORKFLOW_TASK_QUEUE,
      });
      // The input in Temporal's history is encrypted by the codec: no plaintext personal data there either.
      const history = historyAsText(await client.workflow.getHandle(response.body.caseId).fetchHistory());
      expect(history).toContain('binary/encrypted');
      for (const value of [body.person.name, body.person.idNumber, body.person.phone]) {
        expect(history).not.toContain(value);
      }
    });

    it('takes the unemployment registration, circumstances and certificate into the encrypted workflow input', async () => {
      const certificate = '51010719720315123442';
      const body = intakeBody(
        {},
        {
          disabilityCertificateNo: certificate,
          unemployment: { registeredOn: '2025-01-10', status: 'registered' },
          circumstances: { minimumLivingAllowance: true, singleParentOfMinor: false },
        },
      );
      const response = await open(operator, body).expect(201);
      startedCases.push(response.body.caseId);
      const handle = client.workflow.getHandle(response.body.caseId);
      const started = (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes;
      const { payloadConverter, payloadCodecs } = client.options.loadedDataConverter;
      const input = payloadConverter.fromPayload<{ intake: { person: unknown } }>(
        (await payloadCodecs[0].decode(started!.input!.payloads!))[0],
      );
      expect(input.intake.person).toMatchObject({
        disabilityCertificateNo: certificate,
        unemployment: { registeredOn: '2025-01-10', status: 'registered' },
        circumstances: { minimumLivingAllowance: true, singleParentOfMinor: false },
      });
      const history = historyAsText(await handle.fetchHistory());
      for (const value of [certificate, 'minimumLivingAllowance', '2025-01-10']) {
        expect(history).not.toContain(value);
      }
    });

    it('treats null optional fields as absent', async () => {
      const nulls = intakeBody(
        { location: null, constraints: { hours: null, maxDistanceKm: null, minWageFen: null } },
        { residenceAddress: null },
      );
      const accepted = await open(operator, nulls);
      expect(accepted.status).toBe(201);
      startedCases.push(accepted.body.caseId);
    });

    it('the same key and the same body (any key order) answer 200 with the same case', async () => {
      const key = idempotencyKey();
      const body = intakeBody();
      const first = await open(operator, body, key).expect(201);
      startedCases.push(first.body.caseId);
      const reordered = JSON.parse(canonicalJson(body));
      const again = await open(operator, { ...reordered, person: { ...body.person } }, key).expect(200);
      expect(again.body).toEqual(first.body);
      // The ID number's check character as lower-case x, or a +86 phone, is still the same request.
      const samePhone = await open(
        operator,
        { ...body, person: { ...body.person, phone: `+86 ${body.person.phone}` } },
        key,
      );
      expect(samePhone.status).toBe(200);
      expect((await caseRows()).filter((row) => row.idempotency_key === key)).toHaveLength(1);
    });

    it('the same key with a different body is a 422 and changes nothing', async () => {
      const key = idempotencyKey();
      const first = await open(operator, intakeBody(), key).expect(201);
      startedCases.push(first.body.caseId);
      const before = await caseRows();
      const response = await open(operator, intakeBody({ wants: '别的工作' }), key).expect(422);
      expect(response.body.errors).toContainEqual(
        expect.objectContaining({ field: 'Idempotency-Key', rule: 'sameRequest' }),
      );
      expect(await caseRows()).toEqual(before);
    });

    it('a call keyed in later opens at receivedAt: the deadline runs from it, and receivedAt is part of the request', async () => {
      const key = idempotencyKey();
      const received = new Date(Date.now() - 26 * HOUR);
      const body = intakeBody({ receivedAt: received.toISOString() });
      const first = await open(operator, body, key).expect(201);
      startedCases.push(first.body.caseId);
      expect(Date.parse(first.body.openedAt)).toBe(received.getTime());
      const expected = await http()
        .get('/calendar/deadline')
        .query({ start: received.toISOString(), days: 2 })
        .set('authorization', `Bearer ${operator}`)
        .expect(200);
      expect(Date.parse(first.body.deadline)).toBe(Date.parse(expected.body.deadline));
      const [row] = await service.dataSource.query(
        `SELECT opened_at FROM "${service.schema}".cases WHERE id = $1`,
        [first.body.caseId],
      );
      expect(row.opened_at.getTime()).toBe(received.getTime());

      // The same instant written in Shanghai time is the same request.
      const shanghai = new Date(received.getTime() + 8 * HOUR).toISOString().replace('Z', '+08:00');
      const again = await open(operator, { ...body, receivedAt: shanghai }, key).expect(200);
      expect(again.body).toEqual(first.body);
      // Another instant, or none, under the same key is another request.
      const moved = { ...body, receivedAt: new Date(received.getTime() - HOUR).toISOString() };
      await open(operator, moved, key).expect(422);
      await open(operator, { ...body, receivedAt: undefined }, key).expect(422);
    });

    it('keys are scoped per opener: another operator may use the same key for their own case', async () => {
      const key = idempotencyKey();
      const mine = await open(operator, intakeBody(), key).expect(201);
      const theirs = await open(otherOperator, intakeBody(), key).expect(201);
      startedCases.push(mine.body.caseId, theirs.body.caseId);
      expect(theirs.body.caseId).not.toBe(mine.body.caseId);
      expect(theirs.body.owner).toBe('operator.yulin2');
    });

    it('a retry finds a row whose start was not recorded: 200, marked started, still one workflow run', async () => {
      const key = idempotencyKey();
      const body = intakeBody();
      const first = await open(operator, body, key).expect(201);
      const caseId = first.body.caseId;
      startedCases.push(caseId);
      const { runId } = await client.workflow.getHandle(caseId).describe();
      // As if the process died after starting the workflow but before recording it.
      await service.dataSource.query(
        `UPDATE "${service.schema}".cases SET workflow_started_at = NULL, intake_encrypted = $2 WHERE id = $1`,
        [caseId, new PiiCipher(service.config).encrypt(JSON.stringify(body), intakeContext(caseId))],
      );
      const again = await open(operator, body, key).expect(200);
      expect(again.body.caseId).toBe(caseId);
      const [row] = await service.dataSource.query(
        `SELECT workflow_started_at, intake_encrypted FROM "${service.schema}".cases WHERE id = $1`,
        [caseId],
      );
      expect(row).toEqual({ workflow_started_at: expect.any(Date), intake_encrypted: null });
      expect((await client.workflow.getHandle(caseId).describe()).runId).toBe(runId);
    });

    it('concurrent retries of one request open exactly one case', async () => {
      const key = idempotencyKey();
      const body = intakeBody();
      const answers = await Promise.all([1, 2, 3, 4].map(() => open(operator, body, key)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
      startedCases.push(answers[0].body.caseId);
    });
  });

  describe('scope', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await open(operator, intakeBody()).expect(201)).body.caseId;
      startedCases.push(caseId);
    });

    it("a case outside the caller's area is a 404, like a case that does not exist", async () => {
      const outside = await http()
        .get(`/cases/${caseId}`)
        .set('authorization', `Bearer ${jinjiangOperator}`)
        .expect(404);
      const missing = await http()
        .get(`/cases/${randomUUID()}`)
        .set('authorization', `Bearer ${jinjiangOperator}`)
        .expect(404);
      expect(outside.body.title).toBe(missing.body.title);
      await http()
        .post(`/cases/${caseId}/contacts`)
        .set('authorization', `Bearer ${jinjiangOperator}`)
        .send({ channel: 'phone', reached: true, note: '已联系' })
        .expect(404);
    });

    it('offers as handoff targets the staff whose area holds the case, nearest first; nobody else', async () => {
      const answer = await http()
        .get(`/cases/${caseId}/handoff-candidates`)
        .set('authorization', `Bearer ${operator}`)
        .expect(200);
      const candidates = answer.body as HandOffCandidate[];
      expect(candidates.map(({ username }) => username)).toEqual([
        'operator.wuhou',
        'operator.yulin2',
        'supervisor.wuhou',
        'supervisor.city',
      ]);
      expect(candidates[1]).toEqual({
        username: 'operator.yulin2',
        displayName: '测试接线员',
        roles: ['operator'],
        orgCode: '510107003',
        orgNameZh: expect.stringMatching(/[\u4e00-\u9fff]/),
        orgNameEn: expect.any(String),
      });
      // Every one of them passes the handoff's own check.
      const row = await service.dataSource.getRepository(CaseRow).findOneByOrFail({ id: caseId });
      for (const { username } of candidates) {
        await expect(
          service.app.get(CasesService).checkHandOffTarget(row, username),
        ).resolves.toBeUndefined();
      }
      await http()
        .get(`/cases/${caseId}/handoff-candidates`)
        .set('authorization', `Bearer ${jinjiangOperator}`)
        .expect(404);
    });

    it('answers 503 (not a hanging request) when no worker answers the workflow query', async () => {
      const started = Date.now();
      const response = await http().get(`/cases/${caseId}`).set('authorization', `Bearer ${operator}`);
      expect({ status: response.status, detail: response.body.detail }).toEqual({
        status: 503,
        detail: expect.stringMatching(/案件流程未及时响应/),
      });
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 30_000);

    it('a case id that is not a UUID is a 400', async () => {
      const response = await http()
        .get('/cases/not-a-uuid')
        .set('authorization', `Bearer ${operator}`)
        .expect(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'id' }));
    });

    it('actions validate their body before anything else (bilingual 400)', async () => {
      const cases: Array<[string, object, string]> = [
        ['contacts', { channel: 'fax', reached: true, note: 'x' }, 'channel'],
        ['contacts', { channel: 'phone', reached: true, note: '' }, 'note'],
        ['referrals', { vacancyId: 'v-1' }, 'vacancyId'],
        [`referrals/${randomUUID()}/person-answer`, { answer: 'declined' }, 'reasonCode'],
        [`referrals/${randomUUID()}/start`, { startedOn: '2025-02-30' }, 'startedOn'],
        [`referrals/${randomUUID()}/start`, { startedOn: '30/01/2025' }, 'startedOn'],
        ['callback', { reached: true, note: '回访' }, 'satisfaction'],
        ['callback', { reached: true, satisfaction: 6, note: '回访' }, 'satisfaction'],
        ['follow-ups', { reached: true, note: '跟踪' }, 'stillEmployed'],
        ['handoff', { toOwner: 'Not A User!', reason: '转交' }, 'toOwner'],
        ['handoff', { toOwner: 'nobody.here', reason: '转交' }, 'toOwner'],
        ['handoff', { toOwner: 'operator.jinjiang', reason: '转交' }, 'toOwner'],
        ['handoff', { toOwner: 'employer.demo', reason: '转交' }, 'toOwner'],
        ['close', { ending: 'placed', reason: '结案' }, 'ending'],
        ['close', { ending: 'withdrawn' }, 'reason'],
      ];
      for (const [path, body, field] of cases) {
        const response = await http()
          .post(`/cases/${caseId}/${path}`)
          .set('authorization', `Bearer ${supervisor}`)
          .send(body);
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        expectBilingual(response.body);
      }
    });
  });

  describe('recovery sweeper', () => {
    it('starts the workflow of a case whose row committed but whose start never happened', async () => {
      // What a crash between the commit and the start leaves behind: the row with its encrypted intake.
      const caseId = randomUUID();
      const intake = intakeBody();
      const cipher = new PiiCipher(service.config);
      const [account] = await service.dataSource.query(
        `SELECT id FROM "${service.schema}".user_accounts WHERE username = 'operator.wuhou'`,
      );
      await service.dataSource.query(
        `INSERT INTO "${service.schema}".cases (id, idempotency_key, request_hash, opened_by, opened_by_user_id,
           org_path, district_code, street_code, community_code, opened_at, recorded_at, intake_encrypted)
         VALUES ($1, $2, $3, 'operator.wuhou', $4, $5, '510107', '510107003', $6, now() - interval '1 minute', now() - interval '1 minute', $7)`,
        [
          caseId,
          idempotencyKey(),
          'a'.repeat(64),
          account.id,
          `510100/510107/510107003/${YULIN_COMMUNITY}`,
          YULIN_COMMUNITY,
          cipher.encrypt(JSON.stringify(intake), intakeContext(caseId)),
        ],
      );
      startedCases.push(caseId);
      const [waiting] = await service.dataSource.query(
        `SELECT intake_encrypted FROM "${service.schema}".cases WHERE id = $1`,
        [caseId],
      );
      expect(waiting.intake_encrypted).not.toContain(intake.person.idNumber);
      expect(JSON.parse(cipher.decrypt(waiting.intake_encrypted, intakeContext(caseId)))).toEqual(intake);

      expect(await service.app.get(CaseStartSweeper).sweep()).toBeGreaterThanOrEqual(1);

      const [row] = await service.dataSource.query(
        `SELECT workflow_started_at, intake_encrypted FROM "${service.schema}".cases WHERE id = $1`,
        [caseId],
      );
      expect(row.workflow_started_at).not.toBeNull();
      expect(row.intake_encrypted).toBeNull();
      const description = await client.workflow.getHandle(caseId).describe();
      expect(description).toMatchObject({ type: 'helpRequest', status: { name: 'RUNNING' } });
      // A second pass finds nothing left to do.
      expect(await service.app.get(CaseStartSweeper).sweep()).toBe(0);
    });

    it('backs off a row that cannot be started and still starts the rows behind it', async () => {
      const cipher = new PiiCipher(service.config);
      const [account] = await service.dataSource.query(
        `SELECT id FROM "${service.schema}".user_accounts WHERE username = 'operator.wuhou'`,
      );
      const insert = (caseId: string, intake: string, age: string) =>
        service.dataSource.query(
          `INSERT INTO "${service.schema}".cases (id, idempotency_key, request_hash, opened_by, opened_by_user_id,
             org_path, district_code, street_code, community_code, opened_at, recorded_at, intake_encrypted)
           VALUES ($1, $2, $3, 'operator.wuhou', $4, $5, '510107', '510107003', $6, now() - $7::interval, now() - $7::interval, $8)`,
          [
            caseId,
            idempotencyKey(),
            'c'.repeat(64),
            account.id,
            `510100/510107/510107003/${YULIN_COMMUNITY}`,
            YULIN_COMMUNITY,
            age,
            intake,
          ],
        );
      const broken = randomUUID(); // older: first in line, and its intake cannot be decrypted
      const good = randomUUID();
      await insert(broken, 'k1:not:a:ciphertext', '2 minutes');
      await insert(good, cipher.encrypt(JSON.stringify(intakeBody()), intakeContext(good)), '1 minute');
      startedCases.push(good);
      const sweeper = service.app.get(CaseStartSweeper);
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
      expect(sweeper.isBackingOff(broken)).toBe(true);
      const rows = await service.dataSource.query(
        `SELECT id, workflow_started_at IS NOT NULL AS started FROM "${service.schema}".cases WHERE id = ANY($1)`,
        [[broken, good]],
      );
      expect(
        Object.fromEntries(rows.map((r: { id: string; started: boolean }) => [r.id, r.started])),
      ).toEqual({
        [broken]: false,
        [good]: true,
      });
      await service.dataSource.query(`DELETE FROM "${service.schema}".cases WHERE id = $1`, [broken]);
    });

    it('leaves rows younger than 10 s to the request that is starting them', async () => {
      const caseId = randomUUID();
      const cipher = new PiiCipher(service.config);
      const [account] = await service.dataSource.query(
        `SELECT id FROM "${service.schema}".user_accounts WHERE username = 'operator.wuhou'`,
      );
      await service.dataSource.query(
        `INSERT INTO "${service.schema}".cases (id, idempotency_key, request_hash, opened_by, opened_by_user_id,
           org_path, district_code, street_code, community_code, intake_encrypted)
         VALUES ($1, $2, $3, 'operator.wuhou', $4, $5, '510107', '510107003', $6, $7)`,
        [
          caseId,
          idempotencyKey(),
          'b'.repeat(64),
          account.id,
          `510100/510107/510107003/${YULIN_COMMUNITY}`,
          YULIN_COMMUNITY,
          cipher.encrypt(JSON.stringify(intakeBody()), intakeContext(caseId)),
        ],
      );
      expect(await service.app.get(CaseStartSweeper).sweep()).toBe(0);
      await service.dataSource.query(`DELETE FROM "${service.schema}".cases WHERE id = $1`, [caseId]);
    });
  });
});

/** The history as text, with every byte array and base64 string also decoded, so plaintext anywhere shows. */
function historyAsText(history: unknown): string {
  const decoded: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') decoded.push(Buffer.from(value, 'base64').toString('utf8'));
    else if (value instanceof Uint8Array) decoded.push(Buffer.from(value).toString('utf8'));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(history);
  return `${JSON.stringify(history)}\n${decoded.join('\n')}`;
}
