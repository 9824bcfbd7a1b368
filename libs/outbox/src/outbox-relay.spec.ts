import {
  KafkaJSConnectionError,
  KafkaJSError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { refusalOf } from './outbox-relay';

/** Kafka's answer with this error type, as kafkajs raises it. */
const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ type, code: 0, retriable, message: `${type} from the broker` } as never);

describe('refusalOf: what the relay isolates and what it backs off from', () => {
  it('names a refused message or topic, also wrapped in kafkajs retry errors', () => {
    expect(refusalOf(protocolError('MESSAGE_TOO_LARGE', false))).toBe('message');
    expect(refusalOf(protocolError('INVALID_TOPIC_EXCEPTION', false))).toBe('topic');
    const exhausted = new KafkaJSNumberOfRetriesExceeded(protocolError('UNKNOWN_TOPIC_OR_PARTITION', true), {
      retryCount: 8,
      retryTime: 30_000,
    });
    expect(refusalOf(exhausted)).toBe('topic');
  });

  it('treats the cluster failing as no refusal: the relay backs off instead of parking rows', () => {
    const unreachable = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:19092'),
      { retryCount: 8, retryTime: 30_000 },
    );
    expect(refusalOf(unreachable)).toBeUndefined();
    expect(refusalOf(new KafkaJSError('The producer is disconnected'))).toBeUndefined();
    expect(refusalOf(protocolError('LEADER_NOT_AVAILABLE', true))).toBeUndefined();
    expect(refusalOf(new Error('anything else'))).toBeUndefined();
  });
});
