import { setTimeout as sleep } from 'node:timers/promises';
import {
  Admin,
  Kafka,
  type KafkaJSProtocolError,
  type logCreator,
  logLevel,
  Partitioners,
  Producer,
} from 'kafkajs';
import type { KafkaTopicSettings } from '@platform/config';

export const EVENT_ID_HEADER = 'event-id';
export const EVENT_TYPE_HEADER = 'event-type';
export const CORRELATION_ID_HEADER = 'correlation-id';

/** One dev broker: one replica, one in sync (libs/config kafkaTopicFields' defaults). */
const SINGLE_BROKER: KafkaTopicSettings = { replicationFactor: 1, minInsyncReplicas: 1 };
const topicSettingsByClient = new WeakMap<Kafka, KafkaTopicSettings>();

let kafkaLogCreator: logCreator | undefined;

/**
 * Where the clients created afterwards send kafkajs' own log lines (a service's redacting logger; see nest-kit's
 * `routeKafkaLogsThroughRedaction`). Default: kafkajs' console output.
 */
export function setKafkaLogCreator(creator: logCreator): void {
  kafkaLogCreator = creator;
}

/** A Kafka client; the topics created through it (ensureKafkaTopics, prepareConsumerGroup) get `topicSettings`. */
export function createKafka(clientId: string, brokers: string, topicSettings?: KafkaTopicSettings): Kafka {
  const kafka = new Kafka({
    clientId,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.WARN,
    ...(kafkaLogCreator ? { logCreator: kafkaLogCreator } : {}),
    retry: { retries: 8, initialRetryTime: 200 },
  });
  if (topicSettings) topicSettingsByClient.set(kafka, topicSettings);
  return kafka;
}

/** The replication the client's topics are created with (given to createKafka; else one replica). */
export function topicSettingsOf(kafka: Kafka): KafkaTopicSettings {
  return topicSettingsByClient.get(kafka) ?? SINGLE_BROKER;
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

export interface EnsureTopicsOptions extends Partial<KafkaTopicSettings> {
  partitions?: number;
  /** Further topic configs, e.g. a short `retention.ms`. */
  configEntries?: Array<{ name: string; value: string }>;
  leaderTimeoutMs?: number;
}

/**
 * Creates missing topics and waits until every partition has a leader. The services create every topic they
 * publish to or read at start (a cluster disables auto-creation), with the replication factor and
 * `min.insync.replicas` of their config (default 1/1, the dev broker); a topic that exists is left as it is.
 */
export async function ensureTopics(
  admin: Admin,
  topics: string[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length) {
    // Always set on the topic: a broker-wide min.insync.replicas above this topic's replicas would refuse every send.
    const minInsync = { name: 'min.insync.replicas', value: String(options.minInsyncReplicas ?? 1) };
    await admin.createTopics({
      waitForLeaders: false, // kafkajs' wait gives up on a KRaft broker's "unknown topic"; see waitForLeaders
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 3,
        replicationFactor: options.replicationFactor ?? 1,
        configEntries: [minInsync, ...(options.configEntries ?? [])],
      })),
    });
  }
  // Also when the topics were listed: another process may have just created them and be waiting itself.
  await waitForLeaders(admin, topics, options.leaderTimeoutMs ?? 30_000);
}

/** ensureTopics through the client's own admin, with the replication it was created with (createKafka). */
export async function ensureKafkaTopics(
  kafka: Kafka,
  topics: string[],
  options: Omit<EnsureTopicsOptions, keyof KafkaTopicSettings> = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topics, { ...topicSettingsOf(kafka), ...options });
  } finally {
    await admin.disconnect();
  }
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
    await ensureTopics(admin, [options.topic], topicSettingsOf(kafka));
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
