import { Logger } from '@nestjs/common';
import { type LogEntry, logLevel } from 'kafkajs';
import { setKafkaLogCreator } from '@platform/outbox';
import { redactLogArguments } from './log-redaction';

/**
 * A kafkajs log line as it may be logged. kafkajs adds the failing handler's error with every field (a failed
 * statement's parameters) and its `stack`, whose first line is the error's message (which may quote the
 * values): the stack is dropped and the error serialized by class and code, like every other log line.
 */
export function redactedKafkaLine({ namespace, log }: LogEntry): [Record<string, unknown>, string] {
  const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...fields } = log;
  const [safe, text] = redactLogArguments([fields, `${namespace}: ${message}`]);
  return [safe as Record<string, unknown>, text as string];
}

let routed = false;

/** Sends kafkajs' log lines of the clients created afterwards through the service's logger and its redaction. */
export function routeKafkaLogsThroughRedaction(): void {
  if (routed) return;
  routed = true;
  const logger = new Logger('kafkajs');
  setKafkaLogCreator(() => (entry) => {
    const [fields, text] = redactedKafkaLine(entry);
    if (entry.level <= logLevel.ERROR) logger.error(fields, text);
    else if (entry.level === logLevel.WARN) logger.warn(fields, text);
    else if (entry.level === logLevel.INFO) logger.log(fields, text);
    else logger.debug(fields, text);
  });
}
