import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { Topics } from '@platform/contracts';
import { createTestSchema, kafkaBrokers } from '@platform/testing';
import { enqueueEvent } from './enqueue-event';
import { createKafka, createReliableProducer, ensureTopics } from './kafka-client';
import { OutboxRelay } from './outbox-relay';
import { outboxParkingUp, outboxTablesUp } from './outbox-schema';

/**
 * The relay when things go wrong, against the real Postgres and Kafka: a cluster it cannot reach, a row Kafka
 * refuses for good (a poison row), and the pruning of published rows. Each test has a schema of its own.
 */
describe('outbox relay resilience (real Postgres and Kafka)', () => {
  const topic = Topics.platformProbe;
  let kafka: Kafka;
  let producer: Producer;
  type TestSchema = Awaited<ReturnType<typeof createTestSchema>>;
  const schemas: TestSchema[] = [];

  beforeAll(async () => {
    kafka = createKafka(`outbox-resilience-${randomUUID().slice(0, 8)}`, kafkaBrokers());
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic]);
    await admin.disconnect();
    producer = createReliableProducer(kafka);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    for (const schema of schemas) await schema.drop();
  });

  /** A schema with the outbox as the services' migrations leave it (first migration, then parking). */
  async function outboxSchema(): Promise<TestSchema> {
    const testSchema = await createTestSchema('outbox_res');
    schemas.push(testSchema);
    for (const statement of [...outboxTablesUp(testSchema.schema), ...outboxParkingUp(testSchema.schema)])
      await testSchema.dataSource.query(statement);
    return testSchema;
  }

  async function enqueue(testSchema: TestSchema, subject: string) {
    return testSchema.dataSource.transaction((manager) =>
      enqueueEvent(manager, testSchema.schema, topic, {
        type: 'platform.probe.sent',
        source: 'outbox-resilience',
        subject,
        correlationId: randomUUID(),
        data: {},
      }),
    );
  }

  type Row = {
    id: string;
    message_key: string;
    published: boolean;
    parked: boolean;
    attempts: number;
    last_error: string | null;
  };
  async function rows(testSchema: TestSchema): Promise<Row[]> {
    return testSchema.dataSource.query(
      `SELECT id, message_key, published_at IS NOT NULL AS published, parked_at IS NOT NULL AS parked,
              attempts, last_error FROM "${testSchema.schema}".outbox ORDER BY seq`,
    );
  }

  it('keeps the attempt and the error of a batch Kafka could not take (no longer rolled back)', async () => {
    const testSchema = await outboxSchema();
    await enqueue(testSchema, 'key-unreachable');
    // A producer that never connected: kafkajs refuses at once, as it does for a cluster that is gone.
    const unconnected = createReliableProducer(kafka);
    const relay = new OutboxRelay({
      dataSource: testSchema.dataSource,
      schema: testSchema.schema,
      producer: unconnected,
    });

    await expect(relay.publishBatch()).rejects.toThrow(/disconnected/);
    await expect(relay.publishBatch()).rejects.toThrow(/disconnected/);

    const [row] = await rows(testSchema);
    expect(row).toMatchObject({ published: false, parked: false, attempts: 2 });
    expect(row.last_error).toMatch(/disconnected/);
    // Once Kafka takes it, it goes out like any other row.
    const healthy = new OutboxRelay({
      dataSource: testSchema.dataSource,
      schema: testSchema.schema,
      producer,
    });
    expect(await healthy.publishBatch()).toBe(1);
  });

  it('rows of a topic Kafka refuses record the refusal, are parked after maxAttempts, hold back no other topic, and go out once fixed by hand', async () => {
    const testSchema = await outboxSchema();
    const { schema, dataSource } = testSchema;
    const badTopic = async (subject: string) => {
      const { id } = await enqueue(testSchema, subject);
      // A topic name Kafka refuses: the row cannot go out, however often it is sent.
      await dataSource.query(`UPDATE "${schema}".outbox SET topic = 'no such topic!' WHERE id = $1`, [id]);
    };
    await enqueue(testSchema, 'key-a');
    await badTopic('key-p');
    await badTopic('key-q');
    await enqueue(testSchema, 'key-b');
    const relay = new OutboxRelay({ dataSource, schema, producer, maxAttempts: 2 });
    const summary = async () =>
      (await rows(testSchema)).map(({ message_key, published, parked, attempts }) => [
        message_key,
        published,
        parked,
        attempts,
      ]);

    // First pass: a and b go out; both rows of the refused topic record the refusal.
    expect(await relay.publishBatch()).toBe(2);
    expect(await summary()).toEqual([
      ['key-a', true, false, 0],
      ['key-p', false, false, 1],
      ['key-q', false, false, 1],
      ['key-b', true, false, 0],
    ]);
    expect((await rows(testSchema))[1].last_error).toBeTruthy();

    // Second pass: the second refusal parks them.
    expect(await relay.publishBatch()).toBe(0);
    expect((await summary()).slice(1, 3)).toEqual([
      ['key-p', false, true, 2],
      ['key-q', false, true, 2],
    ]);

    // Parked rows are not sent again, while new rows go out at once.
    await enqueue(testSchema, 'key-c');
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(0);
    expect((await summary()).map(([, published]) => published)).toEqual([true, false, false, true, true]);

    // An operator fixes the topic and unparks them (docs/operations.md): both go out.
    await dataSource.query(`UPDATE "${schema}".outbox SET topic = $1 WHERE topic = 'no such topic!'`, [
      topic,
    ]);
    await dataSource.query(
      `UPDATE "${schema}".outbox SET parked_at = NULL, attempts = 0 WHERE parked_at IS NOT NULL AND published_at IS NULL`,
    );
    expect(await relay.publishBatch()).toBe(2);
    expect((await rows(testSchema)).every(({ published }) => published)).toBe(true);
  });

  it('a message too large for Kafka holds back only the later rows of its key, until an operator gives it up', async () => {
    const testSchema = await outboxSchema();
    const { schema, dataSource } = testSchema;
    const large = await enqueue(testSchema, 'key-large');
    // Over the broker's default message.max.bytes (about 1 MiB).
    await dataSource.query(
      `UPDATE "${schema}".outbox
          SET event = jsonb_set(event, '{data}', jsonb_build_object('blob', repeat('x', 2000000))) WHERE id = $1`,
      [large.id],
    );
    await enqueue(testSchema, 'key-large');
    await enqueue(testSchema, 'key-small');
    const relay = new OutboxRelay({ dataSource, schema, producer, maxAttempts: 1 });

    expect(await relay.publishBatch()).toBe(1);
    let state = await rows(testSchema);
    expect(
      state.map(({ message_key, published, parked, attempts }) => [message_key, published, parked, attempts]),
    ).toEqual([
      ['key-large', false, true, 1],
      ['key-large', false, false, 0],
      ['key-small', true, false, 0],
    ]);
    expect(state[0].last_error).toBeTruthy();
    // The row behind the parked one keeps its key's order: it waits.
    expect(await relay.publishBatch()).toBe(0);

    // Given up by hand (docs/operations.md): the row behind it goes out.
    await dataSource.query(
      `UPDATE "${schema}".outbox SET published_at = now(), last_error = 'given up by the spec' WHERE id = $1`,
      [large.id],
    );
    expect(await relay.publishBatch()).toBe(1);
    state = await rows(testSchema);
    expect(state.every(({ published }) => published)).toBe(true);
  });

  it('prunes published rows older than the retention in bounded batches, and nothing else', async () => {
    const testSchema = await outboxSchema();
    const { schema, dataSource } = testSchema;
    for (const subject of ['old-1', 'old-2', 'old-3', 'recent', 'pending-old'])
      await enqueue(testSchema, subject);
    await dataSource.query(
      `UPDATE "${schema}".outbox SET published_at = now() - interval '8 days' WHERE message_key LIKE 'old-%'`,
    );
    await dataSource.query(
      `UPDATE "${schema}".outbox SET published_at = now() - interval '1 day' WHERE message_key = 'recent'`,
    );
    // Never published (e.g. parked) rows stay, however old.
    await dataSource.query(
      `UPDATE "${schema}".outbox SET created_at = now() - interval '30 days' WHERE message_key = 'pending-old'`,
    );
    const relay = new OutboxRelay({
      dataSource,
      schema,
      producer,
      retainPublishedMs: 7 * 24 * 3600_000,
      pruneBatchSize: 2,
    });

    expect(await relay.prunePublished(1)).toBe(2); // one statement of at most two rows
    expect(await relay.prunePublished()).toBe(1);
    expect(await relay.prunePublished()).toBe(0);
    expect((await rows(testSchema)).map(({ message_key }) => message_key)).toEqual(['recent', 'pending-old']);
  });
});
