import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { Topics } from '@platform/contracts';
import { TestServiceApp } from '@platform/service-testing';
import {
  createKafka,
  createReliableProducer,
  enqueueEvent,
  EventConsumer,
  prepareConsumerGroup,
} from '@platform/outbox';
import { eventually, kafkaBrokers } from '@platform/testing';
import { HotlineConfig } from '../config';
import { startHotline, TEST_TODAY } from '../identity/testing/hotline-test-app';

const HOUR = 3_600_000;

/** One sample of the Prometheus text: the value of `name` with exactly these labels (undefined: no such series). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '')
      .split(/,(?=[a-z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    if (have === wanted) return Number(match[3]);
  }
  return undefined;
}

describe("the hotline's /metrics (real Postgres and Kafka)", () => {
  let service: TestServiceApp<HotlineConfig>;
  let kafka: Kafka;
  let producer: Producer;
  const scrape = async () => (await request(service.app.getHttpServer()).get('/metrics').expect(200)).text;

  beforeAll(async () => {
    service = await startHotline();
    kafka = createKafka(`metrics-it-${service.schema}`, kafkaBrokers());
    producer = createReliableProducer(kafka);
    await producer.connect();
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
  });

  it('answers without a token, in the Prometheus text format, with the process metrics', async () => {
    const response = await request(service.app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;/);
    expect(response.headers['content-type']).toContain('version=0.0.4');
    expect(response.text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('shows the outbox backlog, the age of its oldest row and the parked rows while the relay cannot publish, then its drain', async () => {
    const { schema, dataSource } = service;
    const labels = { schema };
    const probe = (name: string) =>
      dataSource.transaction((manager) =>
        enqueueEvent(manager, schema, Topics.platformProbe, {
          type: 'platform.metrics-probe',
          source: 'metrics-it',
          subject: `${schema}-${name}`,
          correlationId: randomUUID(),
          data: {},
        }),
      );
    // The relays of a schema take turns by this advisory lock: holding it stands for a relay that cannot publish.
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let refused = '';
    try {
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`outbox-relay:${schema}`]);
      await probe('waiting');
      // A row the relay parked after Kafka refused it (as the relay marks one).
      refused = (await probe('refused')).id;
      await dataSource.query(`UPDATE "${schema}".outbox SET parked_at = now(), attempts = 5 WHERE id = $1`, [
        refused,
      ]);
      let firstAge = 0;
      await eventually('the backlog on /metrics', async () => {
        const text = await scrape();
        firstAge = sample(text, 'outbox_oldest_unpublished_age_seconds', labels) ?? 0;
        return (sample(text, 'outbox_unpublished_events', labels) ?? 0) >= 2;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const text = await scrape();
      expect(sample(text, 'outbox_unpublished_events', labels)).toBeGreaterThanOrEqual(2);
      expect(sample(text, 'outbox_parked_events', labels)).toBe(1);
      expect(sample(text, 'outbox_oldest_unpublished_age_seconds', labels)).toBeGreaterThanOrEqual(
        firstAge + 1,
      );
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    // The relay publishes the waiting row; the parked one stays until an operator decides.
    await eventually('only the parked row left', async () => {
      const text = await scrape();
      return (
        sample(text, 'outbox_unpublished_events', labels) === 1 &&
        sample(text, 'outbox_parked_events', labels) === 1
      );
    });
    await dataSource.query(`UPDATE "${schema}".outbox SET published_at = now() WHERE id = $1`, [refused]);
    const drained = await scrape();
    expect(sample(drained, 'outbox_unpublished_events', labels)).toBe(0);
    expect(sample(drained, 'outbox_oldest_unpublished_age_seconds', labels)).toBe(0);
    expect(sample(drained, 'outbox_parked_events', labels)).toBe(0);
  }, 60_000);

  it('shows the lag of a consumer group of the hotline that is behind, and the duplicates its inbox skipped', async () => {
    const topic = `metrics-it-${randomUUID()}`;
    const groupId = `${service.schema}.metrics-probe`;
    await prepareConsumerGroup(kafka, { groupId, topic, startAtEnd: true });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const consumer = new EventConsumer({
      kafka,
      dataSource: service.dataSource,
      schema: service.schema,
      name: groupId,
      topics: [topic],
      // Holds the first event: nothing is committed, so the group lags by all that was sent.
      handle: () => gate,
    });
    await consumer.start();
    const envelope = (id: string) => ({
      key: `${service.schema}-lag`,
      value: JSON.stringify({
        id,
        type: 'platform.metrics-probe',
        version: 1,
        occurredAt: new Date(TEST_TODAY.getTime() - HOUR).toISOString(),
        source: 'metrics-it',
        subject: `${service.schema}-lag`,
        correlationId: randomUUID(),
        causationId: null,
        data: {},
      }),
    });
    const first = randomUUID();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: [envelope(first), envelope(randomUUID()), envelope(randomUUID())],
      });
      const lag = async () => sample(await scrape(), 'kafka_consumer_group_lag', { group: groupId, topic });
      await eventually('a lag of 3 on /metrics', async () => (await lag()) === 3);
      open();
      await eventually('no lag once the consumer went on', async () => (await lag()) === 0);
      // The first event again (a redelivery): its inbox row is there, so it is skipped and counted.
      await producer.send({ topic, acks: -1, messages: [envelope(first)] });
      await eventually(
        'the duplicate counted',
        async () => sample(await scrape(), 'inbox_duplicate_deliveries_total', { consumer: groupId }) === 1,
      );
      expect(sample(await scrape(), 'kafka_consumer_lag_fetch_ok', {})).toBe(1);
    } finally {
      open();
      await consumer.stop();
    }
  }, 90_000);

  it('counts open cases by state and those past their promise by district, at the clock of the service', async () => {
    const { schema, dataSource } = service;
    const row = async (state: string, deadline: Date, cycle = 1, caseId = randomUUID()) => {
      await dataSource.query(
        `INSERT INTO "${schema}".case_board (case_id, cycle, last_seq, state, owner, district_code, street_code,
           community_code, org_path, opened_at, sla_started_at, deadline, provisional, breached, promise_waived,
           late_placement, promise, last_event_type)
         VALUES ($1, $2, 1, $3, 'operator.wuhou', '510107', '510107003', '510107003001',
                 '510100/510107/510107003/510107003001', $4, $4, $5, false, false, false, false, 'active', 'probe')`,
        [caseId, cycle, state, new Date(deadline.getTime() - 48 * HOUR), deadline],
      );
      return caseId;
    };
    await row('matching', new Date(TEST_TODAY.getTime() - HOUR)); // past its deadline at the service's clock
    await row('matching', new Date(TEST_TODAY.getTime() + HOUR));
    await row('closed', new Date(TEST_TODAY.getTime() - HOUR)); // ended: neither open nor breached
    // A reopened case counts once, by its latest cycle.
    const reopened = await row('closed', new Date(TEST_TODAY.getTime() - 200 * HOUR));
    await row('intake', new Date(TEST_TODAY.getTime() + 2 * HOUR), 2, reopened);
    const text = await scrape();
    expect(sample(text, 'hotline_open_cases', { state: 'matching' })).toBe(2);
    expect(sample(text, 'hotline_open_cases', { state: 'intake' })).toBe(1);
    expect(sample(text, 'hotline_open_cases', { state: 'closed' })).toBeUndefined();
    expect(sample(text, 'hotline_open_cases_sla_breached', { district_code: '510107' })).toBe(1);
  });
});
