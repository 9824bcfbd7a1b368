import { randomUUID } from 'node:crypto';
import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { kafkaTopicFields, kafkaTopicSettings, loadConfig } from '@platform/config';
import { kafkaBrokers } from '@platform/testing';
import { createKafka, createReliableProducer, ensureKafkaTopics, ensureTopics } from './kafka-client';

/**
 * Topics get the replication the configuration names, on the brokers the environment names: the dev broker
 * (defaults 1/1) or, with the cluster's env file (infra/local/README.md, cluster mode), three brokers and 3/2.
 * TEST_KAFKA_CLUSTER=1 adds the checks that only a three-broker cluster passes.
 */
describe('topics are created with the configured replication (real Kafka)', () => {
  const settings = kafkaTopicSettings(loadConfig(kafkaTopicFields, process.env));
  const created: string[] = [];
  let kafka: Kafka;
  let admin: Admin;
  const newTopic = () => {
    const topic = `test.topic-replication.${randomUUID()}`;
    created.push(topic);
    return topic;
  };

  beforeAll(async () => {
    kafka = createKafka('topic-replication-it', kafkaBrokers(), settings);
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    const ours = created.filter((topic) => existing.has(topic));
    if (ours.length) await admin.deleteTopics({ topics: ours });
    await admin.disconnect();
  });

  const minInsyncOf = async (topic: string) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    return resources[0].configEntries.find(({ configName }) => configName === 'min.insync.replicas');
  };

  it('creates a topic with the replication factor and min.insync.replicas of the configuration', async () => {
    const topic = newTopic();

    await ensureKafkaTopics(kafka, [topic]);

    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0].partitions).toHaveLength(3);
    for (const partition of topics[0].partitions) {
      expect(partition.replicas).toHaveLength(settings.replicationFactor);
    }
    // Set on the topic itself, not inherited from the broker.
    expect(await minInsyncOf(topic)).toMatchObject({
      configValue: String(settings.minInsyncReplicas),
      isDefault: false,
    });
    const producer = createReliableProducer(kafka);
    await producer.connect();
    try {
      const [sent] = await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v' }] });
      expect(sent.errorCode).toBe(0);
    } finally {
      await producer.disconnect();
    }
  });

  it('asks the broker for exactly the replicas configured: one more than there are brokers is refused', async () => {
    const { brokers } = await admin.describeCluster();

    await expect(
      ensureTopics(admin, [newTopic()], { replicationFactor: brokers.length + 1, minInsyncReplicas: 1 }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })] });
  });

  if (process.env.TEST_KAFKA_CLUSTER === '1') {
    describe('on the three-broker cluster (TEST_KAFKA_CLUSTER=1)', () => {
      it('runs with the cluster env: three brokers, topics 3/2', async () => {
        const { brokers } = await admin.describeCluster();
        expect(brokers.map(({ nodeId }) => nodeId).sort()).toEqual([1, 2, 3]);
        expect(settings).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
      });

      it('keeps every replica of a new topic in sync, each partition on all three brokers', async () => {
        const topic = newTopic();
        await ensureKafkaTopics(kafka, [topic]);

        const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
        for (const partition of topics[0].partitions) {
          expect([...partition.replicas].sort()).toEqual([1, 2, 3]);
          expect(partition.isr).toHaveLength(3);
        }
      });

      it('creates no topic on a producer’s request: the services must create theirs', async () => {
        const topic = newTopic();
        const impatient = new Kafka({
          clientId: 'topic-replication-it',
          brokers: kafkaBrokers().split(','),
          retry: { retries: 1, initialRetryTime: 100 },
          logLevel: 0,
        });
        const producer = impatient.producer({ allowAutoTopicCreation: true });
        await producer.connect();
        try {
          await expect(producer.send({ topic, acks: -1, messages: [{ value: 'v' }] })).rejects.toThrow();
        } finally {
          await producer.disconnect();
        }
        expect(await admin.listTopics()).not.toContain(topic);
      });
    });
  }
});
