import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';

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

/** Creates missing topics; production clusters set the replication factor through config. */
export async function ensureTopics(
  admin: Admin,
  topics: string[],
  options: { partitions?: number; replicationFactor?: number } = {},
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (!missing.length) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: options.partitions ?? 3,
      replicationFactor: options.replicationFactor ?? 1,
    })),
  });
}
