import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RegisterForCaseResult } from '@platform/contracts';
import { HotlineConfig } from '../config';
import { CaseRegistrationRequest, PersonRegistrations } from './person-registration';

const REGISTERED: RegisterForCaseResult = {
  person: {
    personId: '6f1c1f2e-5d4b-4a6e-9a57-1b2c3d4e5f60',
    name: '王建国',
    idNumberMasked: '510***********001X',
    phoneMasked: '138****0000',
    orgPath: '510100/510107/510107003/510107003001',
    communityCode: '510107003001',
    categories: ['low-income'],
  },
  categories: ['low-income'],
  serviceRecordId: '9a1c1f2e-5d4b-4a6e-9a57-1b2c3d4e5f61',
};
const REQUEST: CaseRegistrationRequest = {
  caseId: '0b1c1f2e-5d4b-4a6e-9a57-1b2c3d4e5f62',
  occurredAt: '2026-03-02T09:00:00.000Z',
  person: {
    name: '王建国',
    idNumber: '510107197405060019',
    phone: '13800000000',
    hukouType: 'urban',
    hukouPlace: '成都',
    communityCode: '510107003001',
  },
};

describe('PersonRegistrations (hotline → people during the call)', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const received: Array<{ headers: IncomingMessage['headers']; url?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, url: req.url, body });
        answer(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections(); // fetch keeps its connections alive
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (received.length = 0));

  const registrations = (config: Partial<HotlineConfig>) =>
    new PersonRegistrations({ PEOPLE_REGISTRATION_TIMEOUT_MS: 2_000, ...config } as HotlineConfig);
  const json = (status: number, body: unknown) => (_: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  it("sends the case's caller with the operator's own token and answers people's registration", async () => {
    answer = json(200, REGISTERED);
    const result = await registrations({ PEOPLE_URL: url }).register('Bearer operator-token', REQUEST);
    expect(result).toEqual(REGISTERED);
    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/persons/case-registrations');
    expect(received[0].headers.authorization).toBe('Bearer operator-token');
    expect(received[0].headers['x-correlation-id']).toBe(REQUEST.caseId);
    expect(JSON.parse(received[0].body)).toEqual(REQUEST);
  });

  it('asks nobody without a people URL or without the caller’s token: the workflow registers', async () => {
    answer = json(200, REGISTERED);
    expect(await registrations({}).register('Bearer operator-token', REQUEST)).toBeNull();
    expect(await registrations({ PEOPLE_URL: url }).register(undefined, REQUEST)).toBeNull();
    expect(received).toHaveLength(0);
  });

  it('answers null when people refuses, fails or answers something else: the workflow registers', async () => {
    for (const reply of [
      json(422, { title: 'Invalid', errors: [{ field: 'person.name', rule: 'isLength' }] }),
      json(503, { title: 'Unavailable' }),
      json(200, { person: { personId: 42 } }),
    ]) {
      answer = reply;
      expect(await registrations({ PEOPLE_URL: url }).register('Bearer t', REQUEST)).toBeNull();
    }
    expect(received).toHaveLength(3);
  });

  it('gives up after its timeout when people is slow', async () => {
    answer = (_, res) => setTimeout(() => json(200, REGISTERED)(_, res), 1_500);
    const started = Date.now();
    const result = await registrations({ PEOPLE_URL: url, PEOPLE_REGISTRATION_TIMEOUT_MS: 300 }).register(
      'Bearer t',
      REQUEST,
    );
    expect(result).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_400);
  });

  it('answers null when nothing listens at the people URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(
      await registrations({ PEOPLE_URL: `http://127.0.0.1:${port}` }).register('Bearer t', REQUEST),
    ).toBeNull();
  });
});
