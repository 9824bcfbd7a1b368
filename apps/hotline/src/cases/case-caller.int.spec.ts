import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ApplicationFailure, Client, Connection } from '@temporalio/client';
import type { CaseDetail, CaseList, RegisterForCaseInput, RegisterForCaseResult } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import { caseLocalActivities } from '@platform/case-events';
import { encryptedDataConverter, workflowBundleOptions } from '@platform/temporal-kit';
import { eventually, temporalAddress } from '@platform/testing';
import { CaseBoardProjector } from '../board/case-board-projector';
import { HotlineConfig } from '../config';
import { DEMO_PASSWORD } from '../identity/demo-accounts';
import { startHotline, tokenFor } from '../identity/testing/hotline-test-app';
import {
  idempotencyKey,
  intakeBody,
  validIdNumber,
  validPhone,
  YULIN_COMMUNITY,
} from './testing/case-fixtures';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/;
/** The place the fake people service refuses, as it refuses bad data: non-retryable, naming the field. */
const REFUSED_PLACE = '无法识别的户籍地';

/**
 * The caller's card on the case page and in the lists, the search by name, phone, ID number or case number,
 * the timeline's sentences and the retry of a refused registration, against the real `helpRequest` workflow
 * (a Worker on this app's queue) and a fake people service that registers everyone except callers whose
 * hukou place it cannot read.
 */
describe('the person on the case page, lists and search, timeline sentences, registration retry', () => {
  let service: TestServiceApp<HotlineConfig>;
  let nativeConnection: NativeConnection;
  let workers: Worker[];
  let running: Promise<unknown>;
  let connection: Connection;
  let client: Client;
  const tokens: Record<string, string> = {};
  const opened: string[] = [];
  const http = () => request(service.app.getHttpServer());

  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    service = await startHotline({
      PEOPLE_TASK_QUEUE: `people-fake-${suffix}`,
      JOBS_TASK_QUEUE: `jobs-unpolled-${suffix}`,
      EMPLOYERS_TASK_QUEUE: `employers-unpolled-${suffix}`,
    });
    const dataConverter = encryptedDataConverter(service.config);
    nativeConnection = await NativeConnection.connect({ address: temporalAddress() });
    const registerForCase = async (input: RegisterForCaseInput): Promise<RegisterForCaseResult> => {
      if (input.person.hukouPlace === REFUSED_PLACE) {
        throw ApplicationFailure.nonRetryable('Validation failed / 校验失败', 'Problem400', [
          {
            field: 'hukouPlace',
            rule: 'knownPlace',
            message: { zh: 'hukouPlace：无法识别的户籍地', en: 'hukouPlace: not a known place' },
          },
        ]);
      }
      return {
        person: {
          personId: randomUUID(),
          name: input.person.name,
          idNumberMasked: '510**********1234',
          phoneMasked: '139****5678',
          orgPath: `510100/510107/510107003/${input.person.communityCode}`,
          communityCode: input.person.communityCode,
          categories: ['older-urban-unemployed'],
        },
        categories: ['older-urban-unemployed'],
        serviceRecordId: randomUUID(),
      };
    };
    workers = await Promise.all([
      Worker.create({
        connection: nativeConnection,
        taskQueue: service.config.HOTLINE_WORKFLOW_TASK_QUEUE,
        dataConverter,
        ...workflowBundleOptions(),
        // The case events, as the platform's worker writes them (local activity).
        activities: caseLocalActivities(service.dataSource),
      }),
      Worker.create({
        connection: nativeConnection,
        taskQueue: service.config.PEOPLE_TASK_QUEUE,
        dataConverter,
        activities: { registerForCase },
      }),
    ]);
    running = Promise.all(workers.map((worker) => worker.run()));
    connection = await Connection.connect({ address: temporalAddress() });
    client = new Client({ connection, dataConverter });
    const admin = await tokenFor(service, 'admin');
    for (const [username, displayName, roles, orgCode] of [
      ['operator.yulin5', '周敏', ['operator'], '510107003'],
      ['supervisor.jinjiang5', '锦江督导', ['supervisor'], '510104'],
    ] as const) {
      await http()
        .post('/users')
        .set('authorization', `Bearer ${admin}`)
        .send({ username, displayName, password: DEMO_PASSWORD, roles, orgCode })
        .expect(201);
    }
    await service.app.get(CaseBoardProjector).whenStarted();
    for (const username of [
      'operator.wuhou',
      'operator.yulin5',
      'supervisor.wuhou',
      'supervisor.jinjiang5',
    ]) {
      tokens[username] = await tokenFor(service, username);
    }
    tokens.employer = await tokenFor(service, 'employer.demo');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      opened.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
    for (const worker of workers ?? []) worker.shutdown();
    await running;
    await connection?.close();
    await nativeConnection?.close();
    await service?.close();
  });

  const owner = () => tokens['operator.wuhou'];
  const openCase = async (body: ReturnType<typeof intakeBody>): Promise<string> => {
    const response = await http()
      .post('/cases')
      .set('authorization', `Bearer ${owner()}`)
      .set('idempotency-key', idempotencyKey())
      .send(body)
      .expect(201);
    opened.push(response.body.caseId);
    return response.body.caseId;
  };
  const detail = async (caseId: string, token = owner()) =>
    (await http().get(`/cases/${caseId}`).set('authorization', `Bearer ${token}`).expect(200))
      .body as CaseDetail;
  const search = (term: unknown, token = owner()) =>
    http().post('/cases/search').set('authorization', `Bearer ${token}`).send({ term });
  const found = async (term: string, token = owner()) =>
    ((await search(term, token).expect(200)).body as CaseList).items.map((item) => item.caseId);
  const sql = (text: string, params: unknown[] = []) =>
    service.dataSource.query(text.replaceAll('$schema', `"${service.schema}"`), params);

  describe('a registered caller', () => {
    const name = '王德明';
    const phone = validPhone();
    const idNumber = validIdNumber();
    let caseId: string;

    beforeAll(async () => {
      caseId = await openCase(
        intakeBody(
          { wants: '小区保安或门卫，白班' },
          { name, phone, idNumber, hukouPlace: '四川省成都市武侯区' },
        ),
      );
      await eventually('the person is registered', async () => (await detail(caseId)).view?.personId != null);
      await eventually('the case is on the board', async () => (await found(name)).includes(caseId));
    }, 60_000);

    it('the case page shows the person: name, masked phone, age, community, wishes; the owner by name', async () => {
      const page = await detail(caseId);
      const [community] = await sql(`SELECT name_zh, name_en FROM $schema.org_units WHERE code = $1`, [
        YULIN_COMMUNITY,
      ]);
      expect(page.caller).toEqual({
        name,
        phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
        // Born in January 1990 (the fixture's ID numbers); the test app's clock says 2026-06-15.
        age: 36,
        wants: '小区保安或门卫，白班',
        acceptsAnyJob: true,
        constraints: {
          hours: ['full_time'],
          maxDistanceKm: 10,
          maxPhysicalDemand: 'moderate',
          minWageFen: 300000,
        },
      });
      expect(page.communityName).toEqual({ zh: community.name_zh, en: community.name_en });
      const [account] = await sql(`SELECT display_name FROM $schema.user_accounts WHERE username = $1`, [
        'operator.wuhou',
      ]);
      expect(page.ownerName).toBe(account.display_name);
      expect(page.openedByName).toBe(account.display_name);
      expect(page.registrationRetryable).toBe(false);
      // Nothing of the person in clear in the hotline's tables.
      const stored = JSON.stringify(
        await sql(`SELECT * FROM $schema.case_callers WHERE case_id = $1`, [caseId]),
      );
      for (const secret of [name, phone, idNumber, '小区保安']) expect(stored).not.toContain(secret);
      // Registered: the intake's person is no longer kept.
      const [row] = await sql(`SELECT person_encrypted FROM $schema.case_callers WHERE case_id = $1`, [
        caseId,
      ]);
      expect(row.person_encrypted).toBeNull();
    });

    it('every timeline entry has a plain sentence in both languages, without ids or codes', async () => {
      const { timeline } = await detail(caseId);
      expect(timeline.length).toBeGreaterThan(1);
      for (const entry of timeline) {
        expect(entry.text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(entry.text.en.length).toBeGreaterThan(5);
        for (const text of [entry.text.zh, entry.text.en]) {
          expect(text).not.toMatch(UUID);
          expect(text).not.toMatch(/operator\.wuhou|calendar v|\d{4}-\d{2}-\d{2}T/);
        }
      }
      expect(timeline.map((entry) => entry.text.zh)).toContain('求助人已完成实名登记');
    });

    it('lists show the name, the masked phone and the community', async () => {
      const { items } = (await http().get('/cases').set('authorization', `Bearer ${owner()}`).expect(200))
        .body as CaseList;
      expect(items.find((item) => item.caseId === caseId)).toMatchObject({
        caller: { name, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` },
        communityName: { zh: expect.stringMatching(/社区$/) },
      });
    });

    it('POST /cases/search finds the case by the whole name, the phone, the ID number or the case number', async () => {
      expect(await found(name)).toContain(caseId);
      expect(await found(` ${name} `)).toContain(caseId);
      expect(await found(phone)).toContain(caseId);
      expect(await found(`+86 ${phone}`)).toContain(caseId);
      expect(await found(idNumber)).toContain(caseId);
      expect(await found(idNumber.toLowerCase())).toContain(caseId);
      expect(await found(caseId.slice(0, 8))).toEqual([caseId]);
      // Whole names only: part of a name lists no strangers.
      expect(await found('王德')).not.toContain(caseId);
      expect(await found(validPhone())).toEqual([]);
    });

    it('keeps the search to the caller’s area: another district’s supervisor finds nothing', async () => {
      const jinjiang = tokens['supervisor.jinjiang5'];
      for (const term of [name, phone, idNumber, caseId.slice(0, 8)]) {
        const answer = (await search(term, jinjiang).expect(200)).body as CaseList;
        expect(answer).toEqual({ items: [], total: 0 });
      }
      await http().get(`/cases/${caseId}`).set('authorization', `Bearer ${jinjiang}`).expect(404);
      await search(name, tokens.employer).expect(403);
      await http().post('/cases/search').send({ term: name }).expect(401);
    });

    it('answers 400 naming the term for a missing or too short one', async () => {
      for (const body of [{}, { term: 'x' }, { term: 12345678 }]) {
        const response = await http()
          .post('/cases/search')
          .set('authorization', `Bearer ${owner()}`)
          .send(body)
          .expect(400);
        expect(JSON.stringify(response.body.errors)).toContain('"field":"term"');
      }
    });

    it('a registered case offers no retry (409)', async () => {
      await http()
        .post(`/cases/${caseId}/registration-retry`)
        .set('authorization', `Bearer ${owner()}`)
        .send({ person: { hukouPlace: '四川省成都市' } })
        .expect(409);
    });
  });

  describe('a registration the people service refused', () => {
    let stuck: string;

    beforeAll(async () => {
      stuck = await openCase(intakeBody({}, { name: '赵小红', hukouPlace: REFUSED_PLACE }));
      await eventually(
        'the registration is refused',
        async () => (await detail(stuck)).view?.registrationFailure != null,
      );
    }, 60_000);

    it('is shown as stuck, retryable, with a plain sentence', async () => {
      const page = await detail(stuck);
      expect(page.state).toBe('intake');
      expect(page.registrationRetryable).toBe(true);
      expect(page.timeline.map((entry) => entry.text.zh)).toContain(
        '人员信息登记被拒绝，需更正受理信息后重新登记',
      );
    });

    it('only the owner or a supervisor of the area may retry; bad corrections are a 400 naming the field', async () => {
      const send = (token: string, person: Record<string, unknown>) =>
        http()
          .post(`/cases/${stuck}/registration-retry`)
          .set('authorization', `Bearer ${token}`)
          .send({ person });
      await send(tokens['operator.yulin5'], { hukouPlace: '四川省成都市武侯区' }).expect(403);
      await send(tokens['supervisor.jinjiang5'], { hukouPlace: '四川省成都市武侯区' }).expect(404);
      await send(tokens.employer, { hukouPlace: '四川省成都市武侯区' }).expect(403);
      const bad = await send(owner(), { idNumber: '110101199003070000' }).expect(400);
      expect(JSON.stringify(bad.body.errors)).toContain('person.idNumber');
      expect((await detail(stuck)).state).toBe('intake');
    });

    it('registers the corrected person on the same case, keeping its number and clock; a second send is a 409', async () => {
      const before = await detail(stuck);
      const response = await http()
        .post(`/cases/${stuck}/registration-retry`)
        .set('authorization', `Bearer ${owner()}`)
        .send({ person: { name: '赵晓红', hukouPlace: '四川省成都市武侯区' } })
        .expect(201);
      expect(response.body).toMatchObject({ caseId: stuck });
      await eventually('the corrected person is registered', async () => {
        const page = await detail(stuck);
        return page.view?.personId != null;
      });
      const page = await detail(stuck);
      expect(page.state).toBe('registered');
      expect(page.openedAt).toBe(before.openedAt);
      expect(page.view!.sla!.deadline).toBe(before.view!.sla!.deadline);
      expect(page.registrationRetryable).toBe(false);
      // The card and the search follow the corrections.
      expect(page.caller).toMatchObject({ name: '赵晓红' });
      expect(await found('赵晓红')).toContain(stuck);
      expect(await found('赵小红')).not.toContain(stuck);
      expect(page.timeline.map((entry) => entry.text.zh)).toEqual(
        expect.arrayContaining([
          '人员信息登记被拒绝，需更正受理信息后重新登记',
          expect.stringMatching(/更正了登记信息，重新提交登记$/),
          '求助人已完成实名登记',
        ]),
      );
      // Sent once more (a double click): nothing left to retry.
      await http()
        .post(`/cases/${stuck}/registration-retry`)
        .set('authorization', `Bearer ${owner()}`)
        .send({ person: { hukouPlace: '四川省成都市武侯区' } })
        .expect(409);
    }, 60_000);
  });
});
