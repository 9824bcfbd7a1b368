import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { Topics } from '@platform/contracts';
import { createTestSchema, eventually, kafkaBrokers } from '@platform/testing';
import { enqueueEvent } from './enqueue-event';
import { EventConsumer } from './event-consumer';
import { createKafka, createReliableProducer, ensureTopics, prepareConsumerGroup } from './kafka-client';
import { OutboxRelay } from './outbox-relay';
import { outboxParkingUp, outboxTablesUp } from './outbox-schema';

describe('outbox → Kafka → inbox (real Postgres and Kafka)', () => {
  let testSchema: Awaited<ReturnType<typeof createTestSchema>>;
  let kafka: Kafka;
  let producer: Producer;
  let consumer: EventConsumer;
  const topic = Topics.platformProbe;

  beforeAll(async () => {
    testSchema = await createTestSchema('outbox_it');
    // As the services' migrations leave it: the first migration, then parking and pruning.
    for (const statement of [...outboxTablesUp(testSchema.schema), ...outboxParkingUp(testSchema.schema)])
      await testSchema.dataSource.query(statement);
    await testSchema.dataSource.query(
      `CREATE TABLE "${testSchema.schema}".probe_effect (subject text NOT NULL, event_id uuid NOT NULL)`,
    );
    kafka = createKafka(`outbox-it-${testSchema.schema}`, kafkaBrokers());
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic]);
    await admin.disconnect();
    producer = createReliableProducer(kafka);
    await producer.connect();
    consumer = new EventConsumer({
      kafka,
      dataSource: testSchema.dataSource,
      schema: testSchema.schema,
      name: `probe-consumer-${testSchema.schema}`,
      topics: [topic],
      fromBeginning: true,
      handle: async (event, manager) => {
        if (!event.subject.startsWith(testSchema.schema)) return; // other runs share the topic
        await manager.query(
          `INSERT INTO "${testSchema.schema}".probe_effect (subject, event_id) VALUES ($1, $2)`,
          [event.subject, event.id],
        );
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await testSchema?.drop();
  });

  /** A probe event for `subject`, committed in its own transaction. */
  const enqueue = (subject: string) =>
    testSchema.dataSource.transaction((manager) =>
      enqueueEvent(manager, testSchema.schema, topic, {
        type: 'platform.probe.sent',
        source: 'outbox-it',
        subject,
        correlationId: randomUUID(),
        data: {},
      }),
    );

  const effects = async (subject: string): Promise<number> => {
    const [{ count }] = await testSchema.dataSource.query(
      `SELECT count(*)::int AS count FROM "${testSchema.schema}".probe_effect WHERE subject = $1`,
      [subject],
    );
    return count;
  };

  it('publishes a committed event once and a duplicate delivery changes nothing', async () => {
    const subject = `${testSchema.schema}:${randomUUID()}`;
    const envelope = await testSchema.dataSource.transaction((manager) =>
      enqueueEvent(manager, testSchema.schema, topic, {
        type: 'platform.probe.sent',
        source: 'outbox-it',
        subject,
        correlationId: randomUUID(),
        data: { note: 'probe' },
      }),
    );

    const relay = new OutboxRelay({ dataSource: testSchema.dataSource, schema: testSchema.schema, producer });
    expect(await relay.publishBatch()).toBe(1);
    expect(await relay.publishBatch()).toBe(0);
    await eventually('the event is applied', async () => (await effects(subject)) === 1);

    // Redeliver the very same event, as Kafka may after a consumer crash before its offset commit.
    await producer.send({ topic, acks: -1, messages: [{ key: subject, value: JSON.stringify(envelope) }] });
    const [{ count: inboxBefore }] = await testSchema.dataSource.query(
      `SELECT count(*)::int AS count FROM "${testSchema.schema}".inbox WHERE event_id = $1`,
      [envelope.id],
    );
    expect(inboxBefore).toBe(1);
    // A later marker event proves the consumer has processed past the duplicate before we assert.
    const marker = `${testSchema.schema}:${randomUUID()}`;
    await testSchema.dataSource.transaction((manager) =>
      enqueueEvent(manager, testSchema.schema, topic, {
        type: 'platform.probe.sent',
        source: 'outbox-it',
        subject: marker,
        correlationId: randomUUID(),
        data: {},
      }),
    );
    await relay.publishBatch();
    await eventually('the marker is applied', async () => (await effects(marker)) === 1);
    expect(await effects(subject)).toBe(1);
  });

  describe('a running relay woken by LISTEN/NOTIFY', () => {
    // Polling once an hour: only a notification can make the relay publish within the test.
    const HOUR = 3_600_000;
    let relay: OutboxRelay;

    const published = async (subject: string): Promise<boolean> => {
      const [row] = await testSchema.dataSource.query(
        `SELECT published_at FROM "${testSchema.schema}".outbox WHERE message_key = $1`,
        [subject],
      );
      return Boolean(row?.published_at);
    };
    const listeners = async (): Promise<number[]> =>
      (
        await testSchema.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN outbox_committed'`,
        )
      ).map((row: { pid: number }) => row.pid);

    beforeAll(async () => {
      relay = new OutboxRelay({
        dataSource: testSchema.dataSource,
        schema: testSchema.schema,
        producer,
        pollIntervalMs: HOUR,
      });
      relay.start();
      await eventually('the relay listens', async () => (await listeners()).length > 0);
      // Let the start-up batch finish so the relay is waiting on its hour-long poll.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    afterAll(() => relay.stop());

    it('publishes a committed event at once, without waiting for the poll', async () => {
      const subject = `${testSchema.schema}:${randomUUID()}`;
      const started = Date.now();
      await enqueue(subject);
      await eventually('the row is published', () => published(subject), 10_000);
      expect(Date.now() - started).toBeLessThan(10_000);
      await eventually('the event is applied', async () => (await effects(subject)) === 1);
    });

    it('publishes a row committed while a batch that was not full is out: the commit wakes it again', async () => {
      // Each batch takes 300 ms to send, so the second row commits while the first row's batch is out.
      const slowSends: Producer = {
        ...producer,
        sendBatch: async (batch) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return producer.sendBatch(batch);
        },
      };
      const slow = new OutboxRelay({
        dataSource: testSchema.dataSource,
        schema: testSchema.schema,
        producer: slowSends,
        pollIntervalMs: HOUR,
      });
      await relay.stop(); // one relay at a time takes the schema's batches
      slow.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 400)); // its start-up batch is done
        const first = `${testSchema.schema}:${randomUUID()}`;
        const second = `${testSchema.schema}:${randomUUID()}`;
        await enqueue(first);
        await new Promise((resolve) => setTimeout(resolve, 100)); // the first row's batch is being sent
        await enqueue(second);
        await eventually(
          'both rows are published',
          async () => (await published(first)) && (await published(second)),
          5_000,
        );
      } finally {
        await slow.stop();
        relay.start();
      }
    });

    it('listens again after its connection is killed, and publishes what was committed meanwhile', async () => {
      const [pid] = await listeners();
      await testSchema.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      const subject = `${testSchema.schema}:${randomUUID()}`;
      await enqueue(subject);
      await eventually(
        'a new listener publishes the row',
        async () => (await published(subject)) && !(await listeners()).includes(pid),
        15_000,
      );
    });
  });

  it('passes over, without a transaction or an inbox row, an event its handler says it is not concerned with', async () => {
    const skipped = `${testSchema.schema}:skip:${randomUUID()}`;
    const applied = `${testSchema.schema}:${randomUUID()}`;
    const choosy = new EventConsumer({
      kafka,
      dataSource: testSchema.dataSource,
      schema: testSchema.schema,
      name: `choosy-consumer-${testSchema.schema}`,
      topics: [topic],
      fromBeginning: true,
      concerns: async (event) => event.subject === applied,
      handle: async () => undefined,
    });
    await choosy.start();
    try {
      const relay = new OutboxRelay({
        dataSource: testSchema.dataSource,
        schema: testSchema.schema,
        producer,
      });
      for (const subject of [skipped, applied]) await enqueue(subject);
      await relay.publishBatch();
      const inboxOf = async (subject: string): Promise<number> => {
        const [{ count }] = await testSchema.dataSource.query(
          `SELECT count(*)::int AS count FROM "${testSchema.schema}".inbox i
             JOIN "${testSchema.schema}".outbox o ON o.id = i.event_id
            WHERE i.consumer = $1 AND o.message_key = $2`,
          [`choosy-consumer-${testSchema.schema}`, subject],
        );
        return count;
      };
      // The later event applied: the consumer is past the earlier one, which left no row.
      await eventually('the concerned event is applied', async () => (await inboxOf(applied)) === 1, 30_000);
      expect(await inboxOf(skipped)).toBe(0);
    } finally {
      await choosy.stop();
    }
  });

  describe('a batched consumer (one transaction per fetch)', () => {
    /** The transactions each event's effect was written in, by event id. */
    const transactionsOf = async (eventIds: string[]): Promise<Map<string, string[]>> => {
      const rows: Array<{ event_id: string; tx: string }> = await testSchema.dataSource.query(
        `SELECT event_id, tx::text AS tx FROM "${testSchema.schema}".batch_effect WHERE event_id = ANY($1)`,
        [eventIds],
      );
      const byEvent = new Map<string, string[]>();
      for (const { event_id, tx } of rows) byEvent.set(event_id, [...(byEvent.get(event_id) ?? []), tx]);
      return byEvent;
    };

    /**
     * Starts a batched consumer whose handler throws for the events `fails` names, publishes one event per
     * subject in one produce (a subject twice: the same partition, in order), and answers their ids.
     */
    const publishToBatched = async (
      subjects: string[],
      fails: (eventId: string, ids: string[]) => boolean,
    ) => {
      const name = `batched-consumer-${testSchema.schema}-${randomUUID().slice(0, 8)}`;
      await prepareConsumerGroup(kafka, { groupId: name, topic, startAtEnd: true });
      const batched = new EventConsumer({
        kafka,
        dataSource: testSchema.dataSource,
        schema: testSchema.schema,
        name,
        topics: [topic],
        batched: true,
        handle: async (event, manager) => {
          if (!subjects.includes(event.subject)) return; // other runs share the topic
          if (fails(event.id, ids)) throw new Error('this event cannot be applied');
          await manager.query(
            `INSERT INTO "${testSchema.schema}".batch_effect (event_id, tx) VALUES ($1, txid_current())`,
            [event.id],
          );
        },
      });
      const ids: string[] = [];
      await batched.start();
      for (const subject of subjects) ids.push((await enqueue(subject)).id);
      const relay = new OutboxRelay({
        dataSource: testSchema.dataSource,
        schema: testSchema.schema,
        producer,
      });
      expect(await relay.publishBatch()).toBe(subjects.length);
      return { ids, stop: () => batched.stop() };
    };

    beforeAll(async () => {
      await testSchema.dataSource.query(
        `CREATE TABLE "${testSchema.schema}".batch_effect (event_id uuid NOT NULL, tx bigint NOT NULL)`,
      );
    });

    it('applies the events of one fetch in one transaction, each once', async () => {
      const subjects = Array.from({ length: 20 }, () => `${testSchema.schema}:batch:${randomUUID()}`);
      const { ids, stop } = await publishToBatched(subjects, () => false);
      try {
        await eventually(
          'every event is applied',
          async () => (await transactionsOf(ids)).size === 20,
          30_000,
        );
      } finally {
        await stop();
      }
      const transactions = await transactionsOf(ids);
      expect([...transactions.values()].map((txs) => txs.length)).toEqual(Array(20).fill(1));
      // Published in one produce: fetched together, one batch (and transaction) per partition, not per event.
      const admin = kafka.admin();
      await admin.connect();
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.disconnect();
      const partitions = topics[0].partitions.length;
      expect(partitions).toBeLessThan(subjects.length);
      expect(new Set([...transactions.values()].flat()).size).toBeLessThanOrEqual(partitions);
    });

    it('keeps the events before one that fails (applied one by one) and nothing after it', async () => {
      // One subject: one partition, in this order; the third event always fails.
      const subject = `${testSchema.schema}:stuck:${randomUUID()}`;
      const { ids, stop } = await publishToBatched(Array(5).fill(subject), (id, all) => id === all[2]);
      try {
        await eventually(
          'the two events before the failing one are applied',
          async () => (await transactionsOf(ids)).size === 2,
          30_000,
        );
        // Retried meanwhile: the failing event still holds back the ones after it.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const transactions = await transactionsOf(ids);
        expect([...transactions.keys()].sort()).toEqual([ids[0], ids[1]].sort());
        expect([...transactions.values()].map((txs) => txs.length)).toEqual([1, 1]);
      } finally {
        await stop();
      }
    });
  });

  it('writes nothing to the outbox when the transaction rolls back', async () => {
    const subject = `${testSchema.schema}:${randomUUID()}`;
    await expect(
      testSchema.dataSource.transaction(async (manager) => {
        await enqueueEvent(manager, testSchema.schema, topic, {
          type: 'platform.probe.sent',
          source: 'outbox-it',
          subject,
          correlationId: randomUUID(),
          data: {},
        });
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await testSchema.dataSource.query(
      `SELECT 1 FROM "${testSchema.schema}".outbox WHERE message_key = $1`,
      [subject],
    );
    expect(rows).toHaveLength(0);
  });

  it('adds nothing when an event with the same caller-given id is enqueued again', async () => {
    const subject = `${testSchema.schema}:${randomUUID()}`;
    const id = randomUUID();
    for (const attempt of [1, 2]) {
      await testSchema.dataSource.transaction((manager) =>
        enqueueEvent(manager, testSchema.schema, topic, {
          id,
          type: 'platform.probe.sent',
          source: 'outbox-it',
          subject,
          correlationId: randomUUID(),
          data: { attempt },
        }),
      );
    }
    const rows = await testSchema.dataSource.query(
      `SELECT id, event->'data' AS data FROM "${testSchema.schema}".outbox WHERE message_key = $1`,
      [subject],
    );
    expect(rows).toEqual([{ id, data: { attempt: 1 } }]);
  });

  it('rejects an event that breaks the envelope schema before it reaches the outbox', async () => {
    await expect(
      testSchema.dataSource.transaction((manager) =>
        enqueueEvent(manager, testSchema.schema, topic, {
          type: 'NotDotted',
          source: 'outbox-it',
          subject: 'x',
          correlationId: 'c',
          data: {},
        }),
      ),
    ).rejects.toThrow(/type/);
  });
});
