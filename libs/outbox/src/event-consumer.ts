import { Logger } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, InvalidEventError, parseEvent } from '@platform/contracts';
import { inboxDuplicates, trackConsumerGroup, untrackConsumerGroup } from '@platform/metrics';
import { consumeInSpan } from '@platform/tracing';
import { handleOnce, handleOnceIn } from './inbox';

export interface EventConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  schema: string;
  /** Consumer name: the Kafka group id and the inbox's `consumer` column. */
  name: string;
  topics: string[];
  fromBeginning?: boolean;
  handle: (event: EventEnvelope, manager: EntityManager, topic: string) => Promise<void>;
  /**
   * The event types the handler acts on; the others are passed over without a transaction or an inbox row
   * (applying them would change nothing). Default: every type.
   */
  types?: readonly string[];
  /**
   * Whether the handler would change anything for this event, asked on the pool before the inbox transaction:
   * false passes the event over like a type not in `types`. For a handler most events leave untouched (it
   * finds nothing of its own for them), so only the events it acts on pay for a transaction and an inbox row.
   * It must read what the handler's own check reads: an event it passes over is never seen again.
   */
  concerns?: (event: EventEnvelope) => Promise<boolean>;
  /**
   * Applies the events of one fetch in one transaction: one commit for many events under load. Only for a
   * handler whose effects are all in this database (a projection): should one event fail, the batch is rolled
   * back and applied again one event at a time, so the events before the failing one still apply and it is
   * retried on its own, as without batches. Not with `concerns` (it reads outside the transaction).
   */
  batched?: boolean;
  /** Where events that fail validation go, so nothing acknowledged disappears silently. */
  deadLetterProducer?: Producer;
}

/**
 * How a consumer fetches: the broker answers once this many bytes wait or this long has passed. Under load a
 * fetch brings many events, and the group's offset is committed once per fetch (kafkajs commits after every
 * batch it fetched), not once per event; when quiet, an event waits at most `maxWaitTimeInMs` longer.
 */
const CONSUMER_FETCH = { minBytes: 64 * 1024, maxWaitTimeInMs: 200 } as const;

/**
 * Kafka consumer with the inbox: at-least-once delivery, exactly-once effect. The offset is committed only
 * after the handler's transaction commits (kafkajs commits what eachMessage or eachBatch resolved).
 */
export class EventConsumer {
  private readonly logger: Logger;
  private consumer: Consumer | undefined;

  constructor(private readonly options: EventConsumerOptions) {
    this.logger = new Logger(`EventConsumer(${options.name})`);
  }

  async start(): Promise<void> {
    const { kafka, name, topics } = this.options;
    if (this.options.batched && this.options.concerns)
      throw new Error(`consumer ${name}: a batched consumer cannot have \`concerns\``);
    this.consumer = kafka.consumer({ groupId: name, allowAutoTopicCreation: false, ...CONSUMER_FETCH });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    // Its lag is shown on the service's /metrics.
    trackConsumerGroup(this.options.schema, name, topics);
    // Each event in a span continuing the publisher's trace (the message's traceparent header) when tracing is on.
    await this.consumer.run(
      this.options.batched
        ? { eachBatchAutoResolve: false, eachBatch: (payload) => this.applyBatch(payload) }
        : {
            eachMessage: consumeInSpan(name, async ({ topic, message }) => {
              const event = await this.eventOf(topic, message);
              if (event && (await this.wanted(event))) await this.applyOnce(topic, event);
            }),
          },
    );
  }

  /** The batch in one transaction; on a failure, again one event at a time (see `batched`). */
  private async applyBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const { topic, partition } = batch;
    const inSpan = (message: KafkaMessage, work: () => Promise<void>) =>
      consumeInSpan(this.options.name, work)({ topic, partition, message });
    const events: Array<{ event: EventEnvelope; message: KafkaMessage }> = [];
    for (const message of batch.messages) {
      const event = await this.eventOf(topic, message);
      if (event && (await this.wanted(event))) events.push({ event, message });
    }
    try {
      if (events.length) {
        await this.options.dataSource.transaction(async (manager) => {
          for (const { event, message } of events)
            await inSpan(message, () => this.applyOnce(topic, event, manager));
        });
      }
    } catch (error) {
      this.logger.warn({ topic, partition, err: error }, 'batch failed; applying its events one at a time');
      for (const { event, message } of events) {
        if (!isRunning() || isStale()) return;
        await inSpan(message, () => this.applyOnce(topic, event));
        resolveOffset(message.offset);
        await heartbeat();
      }
    }
    resolveOffset(batch.lastOffset());
    await heartbeat();
  }

  /** The event in a message; null when it is invalid (then it is in the dead-letter topic). */
  private async eventOf(topic: string, message: KafkaMessage): Promise<EventEnvelope | null> {
    try {
      return parseEvent(JSON.parse(message.value?.toString() ?? 'null'));
    } catch (error) {
      await this.deadLetter(topic, message.key, message.value, error);
      return null;
    }
  }

  private async wanted(event: EventEnvelope): Promise<boolean> {
    if (this.options.types && !this.options.types.includes(event.type)) return false;
    return !this.options.concerns || this.options.concerns(event);
  }

  /** Applies the event through the inbox: in `manager`'s transaction, or in one of its own. */
  private async applyOnce(topic: string, event: EventEnvelope, manager?: EntityManager): Promise<void> {
    const { dataSource, schema, name, handle } = this.options;
    const effect = (inTx: EntityManager) => handle(event, inTx, topic);
    const inbox = { id: event.id, topic };
    const applied = manager
      ? await handleOnceIn(manager, schema, name, inbox, effect)
      : await handleOnce(dataSource, schema, name, inbox, effect);
    if (!applied) {
      inboxDuplicates.inc({ consumer: name });
      this.logger.debug({ eventId: event.id }, 'duplicate delivery skipped');
    }
  }

  async stop(): Promise<void> {
    untrackConsumerGroup(this.options.schema, this.options.name);
    await this.consumer?.disconnect();
  }

  private async deadLetter(
    topic: string,
    key: Buffer | null,
    value: Buffer | null,
    error: unknown,
  ): Promise<void> {
    // Never the error's own text: JSON.parse quotes the bytes it choked on, which may be personal data.
    const reason =
      error instanceof InvalidEventError
        ? error.message
        : error instanceof SyntaxError
          ? 'not valid JSON'
          : error instanceof Error
            ? error.name
            : 'unreadable event';
    this.logger.error({ topic, reason }, 'invalid event sent to the dead-letter topic');
    if (!this.options.deadLetterProducer) throw error;
    await this.options.deadLetterProducer.send({
      topic: `${topic}.dead-letter`,
      acks: -1,
      messages: [
        { key, value, headers: { 'dead-letter-reason': reason.slice(0, 500), consumer: this.options.name } },
      ],
    });
  }
}
