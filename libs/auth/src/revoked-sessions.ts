import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Consumer, Kafka } from 'kafkajs';
import { z } from 'zod';
import { parseEvent, Topics } from '@platform/contracts';
import type { KafkaTopicSettings } from '@platform/config';
import { createKafka, ensureKafkaTopics, fetchSettledTopicOffsets } from '@platform/outbox';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** What the hotline publishes on `hotline.session.v1` when a session ends before its time. */
export const SESSION_REVOKED = 'hotline.session.revoked';
export const sessionRevokedSchema = z.object({
  sessionId: z.string().uuid(),
  /** After this instant no access token of the session is valid anyway: verifiers may forget it. */
  tokensValidUntil: z.string().datetime({ offset: true }),
  reason: z.enum(['logout', 'refresh-token-reuse', 'account-disabled']),
});
export type SessionRevoked = z.infer<typeof sessionRevokedSchema>;

/**
 * A verifier that has not heard from Kafka for this long refuses every token (503): it might be missing a
 * revocation. Kafka answers an idle fetch every 5 s, so a healthy feed is never near this.
 */
export const FEED_STALE_AFTER_MS = 30_000;
const CATCH_UP_TIMEOUT_MS = 30_000;
/** Long enough for any token that could still be valid (15 min), short enough to keep the topic small. */
const TOPIC_RETENTION_MS = 24 * 3600_000;

/** The issuer's own record of sessions: true if the session was revoked (or is unknown). */
export type SessionAuthority = (sessionId: string) => Promise<boolean>;

export interface RevocationFeedOptions {
  service: string;
  kafkaBrokers: string;
  /** Replication of the session topic if this process creates it (default: one replica). */
  topicSettings?: KafkaTopicSettings;
}

/**
 * The ids of revoked sessions whose access tokens could still be unexpired, fed by `hotline.session.v1`.
 * Each process reads the topic from its start (its own consumer group), so it knows every recent revocation
 * before it is ready, then follows the topic: a logout reaches every service within seconds
 * (docs/adr/0003-tokens-and-sessions.md).
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'session-revocations';
  private readonly logger = new Logger(RevokedSessions.name);
  /** Session id → epoch ms after which it need not be remembered. */
  private readonly revoked = new Map<string, number>();
  private consumer: Consumer | undefined;
  private caughtUp = false;
  private lastFetchAt = 0;
  private authority: SessionAuthority | undefined;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: RevocationFeedOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = createKafka(
      `${this.options.service}-auth`,
      this.options.kafkaBrokers,
      this.options.topicSettings,
    );
    const endOffsets = await this.prepareTopic(kafka);
    this.consumer = kafka.consumer({
      groupId: `${this.options.service}.session-revocations.${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    let resolveCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (resolveCaughtUp = resolve));
    // Caught up: every message that existed at start has been read, and Kafka has answered at least once.
    const settle = () => {
      if (endOffsets.size === 0 && this.lastFetchAt > 0) {
        this.caughtUp = true;
        resolveCaughtUp();
      }
    };
    this.consumer.on(this.consumer.events.FETCH, () => {
      this.lastFetchAt = Date.now();
      settle();
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.hotlineSession, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.apply(message.value?.toString());
        const end = endOffsets.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) {
          endOffsets.delete(partition);
          settle();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`session revocations not read within ${CATCH_UP_TIMEOUT_MS} ms`)),
        CATCH_UP_TIMEOUT_MS,
      );
    });
    await Promise.race([caughtUp, timeout]).finally(() => clearTimeout(timer));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /**
   * The hotline keeps the sessions: while the feed is stale it asks its own database instead of refusing every
   * token, so intake goes on through a Kafka outage. Set before the application bootstraps (module init).
   */
  useAuthority(authority: SessionAuthority): void {
    this.authority = authority;
  }

  /** Readiness: a verifier with an authority stays ready without the feed (reported as degraded). */
  get critical(): boolean {
    return this.authority === undefined;
  }

  /**
   * From the feed; while it is stale, from the authority if there is one, else 503: this process cannot be sure
   * it has heard of every revocation.
   */
  async isRevoked(sessionId: string, now = Date.now()): Promise<boolean> {
    if (!this.caughtUp || now - this.lastFetchAt > FEED_STALE_AFTER_MS) {
      if (this.authority) return this.authority(sessionId);
      throw new ServiceUnavailableException(
        'Sign-ins cannot be checked right now; try again shortly / 暂时无法校验登录状态，请稍后再试',
      );
    }
    const until = this.revoked.get(sessionId);
    if (until === undefined) return false;
    if (until < now) {
      this.revoked.delete(sessionId);
      return false;
    }
    return true;
  }

  /** The hotline records its own revocations at once, without waiting for the round trip through Kafka. */
  add(revocation: Pick<SessionRevoked, 'sessionId' | 'tokensValidUntil'>): void {
    this.revoked.set(revocation.sessionId, Date.parse(revocation.tokensValidUntil));
  }

  /** Readiness: the recent past has been read and Kafka answers. */
  async check(): Promise<void> {
    if (!this.caughtUp) throw new Error('still reading the recent session revocations');
    if (Date.now() - this.lastFetchAt > FEED_STALE_AFTER_MS) {
      throw new Error(`no answer from Kafka for over ${FEED_STALE_AFTER_MS / 1000} s`);
    }
  }

  private apply(raw: string | undefined): void {
    try {
      const event = parseEvent(JSON.parse(raw ?? 'null'), sessionRevokedSchema);
      if (event.type === SESSION_REVOKED) this.add(event.data);
    } catch (error) {
      // Ignoring one bad message is safer than stopping the feed, which would refuse every token.
      this.logger.error({ err: error }, 'unreadable message on the session topic skipped');
    }
  }

  /** Creates the topic if missing (with a short retention) and returns each non-empty partition's end. */
  private async prepareTopic(kafka: Kafka): Promise<Map<number, bigint>> {
    await ensureKafkaTopics(kafka, [Topics.hotlineSession], {
      configEntries: [{ name: 'retention.ms', value: String(TOPIC_RETENTION_MS) }],
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await fetchSettledTopicOffsets(admin, Topics.hotlineSession);
      return new Map(
        offsets
          .filter(({ high, low }) => BigInt(high) > BigInt(low))
          .map(({ partition, high }) => [partition, BigInt(high)]),
      );
    } finally {
      await admin.disconnect();
    }
  }
}
