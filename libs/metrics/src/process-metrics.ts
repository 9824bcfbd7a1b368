import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * What belongs to the process rather than to one service: Node's own metrics (CPU, memory, event loop, GC) and
 * the inbox's duplicate counter. Created once per process (test processes run several services in one), and
 * shown on every service's /metrics beside the service's own registry.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

/** A delivery whose event the consumer's inbox already had (Kafka's at-least-once redelivery, or a re-send). */
export const inboxDuplicates = new Counter({
  name: 'inbox_duplicate_deliveries_total',
  help: 'Events a consumer received again and skipped because its inbox already had them.',
  labelNames: ['consumer'] as const,
  registers: [processRegistry],
});

/** The consumer groups running in this process, by the schema of the service they belong to. */
const consumerGroups = new Map<string, Map<string, readonly string[]>>();

/** Called by a consumer when it joins: its group's lag is reported on its service's /metrics. */
export function trackConsumerGroup(schema: string, groupId: string, topics: readonly string[]): void {
  const groups = consumerGroups.get(schema) ?? new Map<string, readonly string[]>();
  groups.set(groupId, [...topics]);
  consumerGroups.set(schema, groups);
}

export function untrackConsumerGroup(schema: string, groupId: string): void {
  consumerGroups.get(schema)?.delete(groupId);
}

/** The groups of one service's schema, with their topics. */
export function trackedConsumerGroups(schema: string): Array<{ groupId: string; topics: readonly string[] }> {
  return [...(consumerGroups.get(schema) ?? new Map<string, readonly string[]>())].map(
    ([groupId, topics]) => ({ groupId, topics }),
  );
}
