import type { Admin } from 'kafkajs';

export interface GroupTopicLag {
  groupId: string;
  topic: string;
  /** Messages on the topic's partitions after the group's committed offsets. */
  lag: number;
}

export interface ConsumerLagOptions {
  /** A connected admin client, or one to connect (called again after a failure). */
  admin: () => Promise<Admin>;
  /** Called when a fetch failed, so the next one starts on a new connection. */
  dropAdmin: () => Promise<void>;
  groups: () => Array<{ groupId: string; topics: readonly string[] }>;
  /** How long an answer is reused: a scrape every few seconds asks Kafka at most this often. */
  cacheMs?: number;
  /** A fetch that takes longer is given up on for this scrape (a Kafka outage must not hang /metrics). */
  timeoutMs?: number;
  now?: () => number;
}

export interface LagReading {
  lags: GroupTopicLag[];
  /** Whether the last fetch answered in time; false: `lags` is the last good answer (or empty). */
  ok: boolean;
}

/**
 * Kafka consumer lag per group and topic: the topic's end offsets minus the group's committed offsets, summed
 * over partitions (a partition the group never committed counts from the partition's start). Read when
 * Prometheus scrapes, cached briefly, one fetch at a time, bounded by a timeout.
 */
export class ConsumerLagReader {
  private cached: { at: number; reading: LagReading } | undefined;
  private inFlight: Promise<GroupTopicLag[]> | undefined;
  private lastGood: GroupTopicLag[] = [];

  constructor(private readonly options: ConsumerLagOptions) {}

  async read(): Promise<LagReading> {
    const now = this.options.now ?? Date.now;
    if (this.cached && now() - this.cached.at < (this.options.cacheMs ?? 10_000)) return this.cached.reading;
    // A fetch still running from an earlier scrape (Kafka slow) is awaited again, never started twice.
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    let reading: LagReading;
    try {
      this.lastGood = await withTimeout(this.inFlight, this.options.timeoutMs ?? 2_000);
      reading = { lags: this.lastGood, ok: true };
    } catch {
      void this.options.dropAdmin().catch(() => undefined);
      reading = { lags: this.lastGood, ok: false };
    }
    this.cached = { at: now(), reading };
    return reading;
  }

  private async fetch(): Promise<GroupTopicLag[]> {
    const groups = this.options.groups();
    if (!groups.length) return [];
    const admin = await this.options.admin();
    const topics = [...new Set(groups.flatMap(({ topics }) => topics))];
    const ends = new Map(
      await Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)),
    );
    const lags: GroupTopicLag[] = [];
    for (const { groupId, topics: groupTopics } of groups) {
      const committed = await admin.fetchOffsets({ groupId, topics: [...groupTopics] });
      for (const { topic, partitions } of committed) {
        const offsets = new Map(partitions.map(({ partition, offset }) => [partition, Number(offset)]));
        let lag = 0;
        for (const { partition, high, low } of ends.get(topic) ?? []) {
          const at = offsets.get(partition) ?? -1;
          lag += Math.max(0, Number(high) - (at < 0 ? Number(low) : at));
        }
        lags.push({ groupId, topic, lag });
      }
    }
    return lags;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
