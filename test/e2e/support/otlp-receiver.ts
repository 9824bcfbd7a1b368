/**
 * A tiny OTLP/HTTP trace receiver (JSON encoding, as @opentelemetry/exporter-trace-otlp-http sends it) for the
 * tracing spec: keeps every span it is sent, from every process, and lists them on GET /spans. It runs as a
 * process of its own (`startOtlpReceiver`), so that the spec's own HTTP instrumentation does not trace the
 * exports it receives (which would be exported in turn, without end).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, unknown>;
  status?: { code?: number; message?: string };
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
}

interface OtlpKeyValue {
  key: string;
  value: Record<string, unknown>;
}

const valueOf = (value: Record<string, unknown>): unknown => {
  const [kind, inner] = Object.entries(value)[0] ?? [];
  if (kind === 'arrayValue')
    return ((inner as { values?: Array<Record<string, unknown>> }).values ?? []).map(valueOf);
  return inner;
};
const flatten = (attributes: OtlpKeyValue[] = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, valueOf(value)]));

function received(body: Buffer): ReceivedSpan[] {
  const { resourceSpans = [] } = JSON.parse(body.toString()) as {
    resourceSpans?: Array<{
      resource?: { attributes?: OtlpKeyValue[] };
      scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }>;
    }>;
  };
  return resourceSpans.flatMap(({ resource, scopeSpans = [] }) => {
    const service = String(flatten(resource?.attributes)['service.name']);
    return scopeSpans.flatMap(({ spans = [] }) =>
      spans.map((span) => ({
        service,
        traceId: String(span.traceId),
        spanId: String(span.spanId),
        parentSpanId: span.parentSpanId ? String(span.parentSpanId) : undefined,
        name: String(span.name),
        kind: Number(span.kind),
        attributes: flatten(span.attributes as OtlpKeyValue[]),
        status: span.status as ReceivedSpan['status'],
        events: ((span.events ?? []) as Array<{ name: string; attributes?: OtlpKeyValue[] }>).map(
          (event) => ({
            name: event.name,
            attributes: flatten(event.attributes),
          }),
        ),
      })),
    );
  });
}

function serve(): void {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        const body = Buffer.concat(chunks);
        spans.push(...received(req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else if (req.method === 'GET' && req.url === '/spans') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(spans));
      } else {
        res.writeHead(404).end();
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

/** Starts the receiver process; resolves with its base URL (the OTLP endpoint) and a way to stop it. */
export async function startOtlpReceiver(): Promise<{
  url: string;
  spans: () => Promise<ReceivedSpan[]>;
  stop: () => void;
}> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', __filename], {
    cwd: join(__dirname, '../../..'),
    env: { PATH: process.env.PATH ?? '', OTLP_RECEIVER: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the OTLP receiver exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    spans: async () => (await (await fetch(`${url}/spans`)).json()) as ReceivedSpan[],
    stop: () => void child.kill(),
  };
}

if (process.env.OTLP_RECEIVER === '1' && require.main === module) serve();
