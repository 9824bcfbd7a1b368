import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Topics } from '@platform/contracts';
import { eventually } from '@platform/testing';
import { startTracing, type Tracing } from '@platform/tracing';
import { type ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver';
import { as, caseIntake, caseReader, Platform, startPlatform } from './support/platform';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/** The chain of names from a span up to its trace's root. */
function ancestry(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): string[] {
  const names = [span.name];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? ''))
    names.push(parent.name);
  return names;
}

// One help request yields ONE trace, across every process and hop: the operator's POST /cases (hotline,
// in-process here) → the Temporal client's start → the workflow run (worker process) → its activities → the case
// event through the outbox, published with a W3C traceparent header → the board projection's consumer. Every
// process exports by OTLP/HTTP to a receiver the spec starts, as they would to Jaeger (docs/operations.md, Traces).
describe('tracing, end to end on the real platform', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing;
  let platform: Platform;
  const hotline = () => request(platform.urls.hotline);

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // Before the services start: their Temporal clients, activity workers and consumers trace from the start.
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    tracing = startTracing('e2e-services')!;
    platform = await startPlatform({ workerEnv: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
    await tracing?.shutdown();
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    receiver?.stop();
  }, 60_000);

  it('follows a help request from the HTTP call to the board projection in one connected trace', async () => {
    const { operator, supervisor } = platform.tokens;
    const intake = caseIntake(7401);
    const opened = await hotline()
      .post('/cases')
      .set(as(operator))
      .set('Idempotency-Key', `e2e-${randomUUID()}`)
      .send(intake)
      .expect(201);
    const caseId: string = opened.body.caseId;
    const { caseUntil } = caseReader(platform);
    await caseUntil(caseId, 'the case is registered', (body) => body.state === 'registered');
    await eventually(
      'the board shows the case',
      async () => {
        const board = await hotline().get('/board').query({ limit: 100 }).set(as(supervisor));
        return ((board.body.items ?? []) as Array<{ caseId: string }>).some((row) => row.caseId === caseId);
      },
      60_000,
    );
    // The workflow's span ends (and leaves the worker) when its run completes: the operator closes the case.
    await hotline()
      .post(`/cases/${caseId}/close`)
      .set(as(operator))
      .send({ ending: 'withdrawn', reason: '求助人已自行找到工作' })
      .expect(201);
    await caseUntil(caseId, 'the case is closed', (body) => body.state === 'withdrawn');

    const boardConsumer = `process ${Topics.hotlineCase} [${platform.hotline.schema}.case-board]`;
    let all: ReceivedSpan[] = [];
    let trace: ReceivedSpan[] = [];
    await eventually(
      'the trace of the request reached the receiver, from every process',
      async () => {
        await tracing.flush();
        all = await receiver.spans();
        const run = all.find(
          (s) => s.name === 'RunWorkflow:helpRequest' && s.attributes.workflowId === caseId,
        );
        trace = run ? all.filter((s) => s.traceId === run.traceId) : [];
        return trace.some((s) => s.name === boardConsumer) && trace.some((s) => s.name === 'POST /cases');
      },
      60_000,
    );

    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const named = (name: string) => trace.filter((span) => span.name === name);
    // The request, in the hotline; the run and its activities, in the worker; the publish and the projection.
    expect(named('POST /cases')).toEqual([
      expect.objectContaining({ kind: SERVER, service: 'e2e-services' }),
    ]);
    expect(named('POST /cases')[0].attributes['http.route']).toBe('/cases');
    expect(named('StartWorkflow:helpRequest')).toHaveLength(1);
    expect(named('RunWorkflow:helpRequest')).toEqual([expect.objectContaining({ service: 'worker' })]);
    expect(trace.filter((s) => s.name.startsWith('StartActivity:')).length).toBeGreaterThan(0);
    expect(trace.filter((s) => s.name.startsWith('RunActivity:')).length).toBeGreaterThan(0);
    expect(named(`publish ${Topics.hotlineCase}`).every((s) => s.kind === PRODUCER)).toBe(true);
    expect(named(`publish ${Topics.hotlineCase}`).length).toBeGreaterThan(0);
    expect(named(boardConsumer).every((s) => s.kind === CONSUMER)).toBe(true);

    // A connected tree: one root (the test's own client call), every other span's parent in the trace.
    const roots = trace.filter((span) => !span.parentSpanId);
    expect(roots).toHaveLength(1);
    expect(trace.filter((span) => span.parentSpanId && !byId.has(span.parentSpanId))).toEqual([]);

    // The board's consumer descends from the request through each hop, in order.
    const chain = ancestry(named(boardConsumer)[0], byId);
    const hops = [
      boardConsumer,
      `publish ${Topics.hotlineCase}`,
      'RunActivity:',
      'StartActivity:',
      'RunWorkflow:helpRequest',
      'StartWorkflow:helpRequest',
      'POST /cases',
    ];
    let at = 0;
    for (const hop of hops) {
      const found = chain.findIndex((name, i) => i >= at && name.startsWith(hop));
      expect([hop, found >= 0 ? 'found' : `missing from ${chain.join(' ← ')}`]).toEqual([hop, 'found']);
      at = found + 1;
    }

    // No personal data in any span of any process: not the caller's name, ID number or phone.
    const exported = JSON.stringify(all);
    for (const value of [intake.person.name, intake.person.idNumber, intake.person.phone])
      expect(exported).not.toContain(value);
  });
});
