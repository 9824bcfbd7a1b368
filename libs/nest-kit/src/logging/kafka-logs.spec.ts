import { logLevel } from 'kafkajs';
import { QueryFailedError } from 'typeorm';
import { redactedKafkaLine } from './kafka-logs';

describe('redactedKafkaLine', () => {
  it("keeps where kafkajs failed, and none of the failed statement's values", () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "13812345678"'), {
      code: '22P02',
      severity: 'ERROR',
    });
    const error = new QueryFailedError(
      'UPDATE persons SET phone = $1 WHERE id = $2',
      ['13812345678', '110101199003074578'],
      driverError,
    );
    const [fields, text] = redactedKafkaLine({
      namespace: 'Runner',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: {
        timestamp: '2026-12-07T20:00:00.000Z',
        message: 'Error when calling eachMessage',
        topic: 'people.person.v1',
        partition: 0,
        offset: '121',
        stack: error.stack,
        error,
      },
    });
    expect(text).toBe('Runner: Error when calling eachMessage');
    expect(fields).toMatchObject({
      topic: 'people.person.v1',
      partition: 0,
      offset: '121',
      error: { type: 'QueryFailedError', code: '22P02', message: 'database error 22P02' },
    });
    expect(fields).not.toHaveProperty('stack');
    const logged = JSON.stringify(fields);
    for (const value of ['13812345678', '110101199003074578', 'UPDATE persons']) {
      expect(logged).not.toContain(value);
    }
  });
});
