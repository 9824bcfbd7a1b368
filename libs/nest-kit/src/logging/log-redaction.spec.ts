import { Writable } from 'node:stream';
import pino from 'pino';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { redactForLog, serializeError } from './log-redaction';
import { serviceLogOptions } from './logging.module';

const ID_NUMBER = '51010719800101901X';
const PHONE = '13912345678';
const FAILING_ROW = `Failing row contains (7c1e…, 张三, ${ID_NUMBER}, ${PHONE}, 低保, 四川省成都市武侯区).`;

/** The error pg and TypeORM raise for a failed insert, with the fields they really carry. */
function failedInsert(): QueryFailedError {
  const driverError = new DatabaseError(
    'new row for relation "persons" violates check constraint "persons_low_income_check"',
    212,
    'error',
  );
  Object.assign(driverError, {
    severity: 'ERROR',
    code: '23514',
    detail: FAILING_ROW,
    schema: 'people',
    table: 'persons',
    constraint: 'persons_low_income_check',
    routine: 'ExecConstraints',
  });
  return new QueryFailedError(
    'INSERT INTO "people"."persons"("name", "id_number", "phone", "low_income") VALUES ($1, $2, $3, $4)',
    ['张三', ID_NUMBER, PHONE, true],
    driverError,
  );
}

/** A pino logger with the services' options writing into `lines`. */
function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const options = serviceLogOptions('test', 'debug');
  return { logger: pino(options as pino.LoggerOptions, sink), lines };
}

describe('log redaction', () => {
  it('keeps class, SQLSTATE, constraint and table of a failed insert and nothing of its row', () => {
    const error = failedInsert();
    // The leak this guards against: the error itself carries the values.
    expect(JSON.stringify({ ...error })).toContain(ID_NUMBER);

    const logged = serializeError(error);
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      constraint: 'persons_low_income_check',
      table: 'persons',
      message: 'database error 23514 (constraint persons_low_income_check)',
    });
    const text = JSON.stringify(logged);
    for (const value of [ID_NUMBER, PHONE, '张三', '低保', 'Failing row', 'INSERT INTO', 'violates']) {
      expect(text).not.toContain(value);
    }
    expect(logged.stack).toMatch(/^\s+at /);
  });

  it('drops personal keys at any depth and masks ID and phone numbers in free text', () => {
    const redacted = redactForLog({
      caseId: 'c-1',
      outer: [{ deeper: { contactPhone: PHONE, idNumber: ID_NUMBER, household: { members: 3 } } }],
      note: `called back on ${PHONE} about ${ID_NUMBER.toLowerCase()}`,
      lowIncome: true,
      payload: Buffer.from(ID_NUMBER),
    });
    expect(redacted).toEqual({
      caseId: 'c-1',
      outer: [{ deeper: { contactPhone: '[redacted]', idNumber: '[redacted]', household: '[redacted]' } }],
      note: 'called back on [phone] about [id number]',
      lowIncome: '[redacted]',
      payload: '[18 bytes]',
    });
  });

  it('serializes nested errors and causes the same way', () => {
    const wrapped = new Error('registration failed', { cause: failedInsert() });
    const text = JSON.stringify(redactForLog({ context: { failure: wrapped } }));
    expect(text).toContain('"code":"23514"');
    expect(text).toContain('registration failed');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('Failing row');
  });

  it('applies to every way a service logs: Nest-style merge objects, bare errors and messages', () => {
    const { logger, lines } = capturingLogger();
    logger.error({ err: failedInsert(), context: 'ProblemDetails', status: 500 }, 'request failed');
    logger.error(failedInsert());
    logger.warn({ event: { person: { name: '张三' }, phone: PHONE } }, `retrying for ${ID_NUMBER}`);
    logger.child({ correlationId: 'corr-1' }).error({ err: failedInsert() }, 'consumer failed');

    expect(lines).toHaveLength(4);
    for (const line of lines) {
      for (const value of [ID_NUMBER, PHONE, '张三', '低保', 'Failing row', 'parameters', 'INSERT INTO']) {
        expect(line).not.toContain(value);
      }
    }
    const [first, second, third, fourth] = lines.map((line) => JSON.parse(line));
    expect(first).toMatchObject({
      msg: 'request failed',
      status: 500,
      err: { type: 'QueryFailedError', code: '23514', constraint: 'persons_low_income_check' },
    });
    expect(second).toMatchObject({ msg: 'database error 23514 (constraint persons_low_income_check)' });
    expect(third).toMatchObject({ msg: 'retrying for [id number]', event: { person: '[redacted]' } });
    expect(fourth).toMatchObject({ correlationId: 'corr-1', err: { code: '23514' } });
  });
});
