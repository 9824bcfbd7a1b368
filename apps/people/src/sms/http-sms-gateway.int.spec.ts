import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { HttpSmsGateway } from './http-sms-gateway';
import { SmsDeliveryError } from './sms-gateway';

/** The HTTP provider adapter against a real HTTP server started here, answering as each test needs. */
describe('HttpSmsGateway (local HTTP server)', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const received: Array<{
    method?: string;
    path?: string;
    headers: IncomingMessage['headers'];
    body: string;
  }> = [];
  const phone = '13912345678';
  const text = '【962110】您的服务确认码为 123456';
  const gateway = (timeoutMs = 2000) =>
    new HttpSmsGateway({
      url: `${url}/v1/messages`,
      apiKey: 'test-key-0123456789',
      sender: '962110',
      timeoutMs,
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, path: req.url, headers: req.headers, body });
        answer(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  it('POSTs JSON with the key as a bearer token and accepts a 2xx', async () => {
    answer = (_req, res) => res.writeHead(202, { 'content-type': 'application/json' }).end('{"id":"m1"}');
    await gateway().send(phone, text);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(received[0].headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer test-key-0123456789',
    });
    expect(JSON.parse(received[0].body)).toEqual({ to: phone, sender: '962110', text });
  });

  it('maps a refusal, a provider failure, a timeout and an unreachable provider, never quoting number or text', async () => {
    const warnings: string[] = [];
    const warn = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((...args: unknown[]) => void warnings.push(JSON.stringify(args)));
    try {
      const failure = async (send: Promise<void>) => {
        const error = await send.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SmsDeliveryError);
        expect(String((error as Error).message)).not.toContain(phone);
        expect(String((error as Error).message)).not.toContain('123456');
        return error as SmsDeliveryError;
      };
      // The provider echoes the number and text in its error body: it must not reach the error or a log.
      answer = (_req, res, body) => res.writeHead(400).end(`bad request: ${body}`);
      expect((await failure(gateway().send(phone, text))).reason).toBe('rejected');
      answer = (_req, res) => res.writeHead(503).end();
      expect((await failure(gateway().send(phone, text))).reason).toBe('provider-error');
      answer = (_req, res) => setTimeout(() => res.writeHead(200).end(), 1000);
      expect((await failure(gateway(150).send(phone, text))).reason).toBe('timeout');
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const unreachable = new HttpSmsGateway({
        url: `http://127.0.0.1:${port}/v1/messages`,
        apiKey: 'test-key-0123456789',
        sender: '962110',
        timeoutMs: 1000,
      });
      expect((await failure(unreachable.send(phone, text))).reason).toBe('unreachable');
      expect(warnings.length).toBeGreaterThanOrEqual(4);
      for (const line of warnings) {
        expect(line).not.toContain(phone);
        expect(line).not.toContain('123456');
        expect(line).toContain('139****5678');
      }
    } finally {
      warn.mockRestore();
    }
  });
});
