import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, Kafka, type KafkaJSProtocolError, logLevel, Partitioners, Producer } from 'kafkajs';

export const EVENT_ID_HEADER = 'event-id';
export const EVENT_TYPE_HEADER = 'event-type';
export const CORRELATION_ID_HEADER = 'correlation-id';

export function createKafka(clientId: string, brokers: string): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

/**
 * acks=all (set per send) so an acknowledged batch survives a broker failover, one request in flight so
 * retries cannot reorder a key's events. Not kafkajs' idempotent mode: it needs unbounded retries, which
 * would hold the relay's transaction open while a broker is down; duplicates from a retry are absorbed by
 * the consumers' inbox instead.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Creates missing topics and waits until every partition has a leader; production clusters set the replication factor through config. */
export async function ensureTopics(
  admin: Admin,
  topics: string[],
  options: { partitions?: number; replicationFactor?: number; leaderTimeoutMs?: number } = {},
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length) {
    await admin.createTopics({
      waitForLeaders: false, // kafkajs' wait gives up on a KRaft broker's "unknown topic"; see waitForLeaders
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 3,
        replicationFactor: options.replicationFactor ?? 1,
      })),
    });
  }
  // Also when the topics were listed: another process may have just created them and be waiting itself.
  await waitForLeaders(admin, topics, options.leaderTimeoutMs ?? 30_000);
}

/** Errors a broker answers while a new topic's metadata is still spreading (KRaft updates its cache first). */
const SETTLING_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * A topic's partition offsets. Right after a topic is created its partitions may have a leader in the metadata
 * before that broker serves it ("not the leader for that topic-partition"): such answers are waited out.
 */
export async function fetchSettledTopicOffsets(
  admin: Admin,
  topic: string,
  timeoutMs = 30_000,
): ReturnType<Admin['fetchTopicOffsets']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      const type = (error as KafkaJSProtocolError).type;
      if (!(SETTLING_ERRORS.has(type) || type === 'NOT_LEADER_FOR_PARTITION') || Date.now() > deadline)
        throw error;
      await sleep(200);
    }
  }
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waitingFor = 'metadata';
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata
        .filter(({ partitions }) => !partitions.length || partitions.some(({ leader }) => leader < 0))
        .map(({ name }) => name);
      if (!leaderless.length) return;
      waitingFor = `leaders of ${leaderless.join(', ')}`;
    } catch (error) {
      if (!SETTLING_ERRORS.has((error as KafkaJSProtocolError).type)) throw error;
      waitingFor = `${(error as Error).message} (${topics.join(', ')})`;
    }
    if (Date.now() > deadline) throw new Error(`Kafka topics not ready after ${timeoutMs} ms: ${waitingFor}`);
    await sleep(100);
  }
}

/**
 * Before a projection's consumer joins: creates its topic if missing and, for a throwaway test schema
 * (`startAtEnd`), sets the group's offsets to the topic's end now, so it reads only what is published after it
 * started (earlier runs' events never leak in) and misses nothing published meanwhile, however long the join
 * takes. A real projection keeps its group's offsets, or starts from the beginning.
 */
export async function prepareConsumerGroup(
  kafka: Kafka,
  options: { groupId: string; topic: string; startAtEnd: boolean },
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [options.topic]);
    if (options.startAtEnd) {
      const offsets = await fetchSettledTopicOffsets(admin, options.topic);
      await admin.setOffsets({
        groupId: options.groupId,
        topic: options.topic,
        partitions: offsets.map(({ partition, offset }) => ({ partition, offset })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
