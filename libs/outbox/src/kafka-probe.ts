import { Kafka, logLevel } from 'kafkajs';

/** The Kafka client that health checks and the relay's start ask "does Kafka answer?" with. */
export const KAFKA_PROBE = Symbol('KAFKA_PROBE');

/**
 * A client that gives up at the first failed connection: asking it while Kafka is down answers at once, and
 * leaves no client retrying in the background for a minute (the service clients' connect retries do).
 */
export function createProbeKafka(clientId: string, brokers: string): Kafka {
  return new Kafka({
    clientId: `${clientId}-probe`,
    brokers: brokers.split(',').map((broker) => broker.trim()),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
}

/** Resolves when a broker answers with the cluster's description; throws why not. */
export async function probeKafka(probe: Kafka): Promise<void> {
  const admin = probe.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
