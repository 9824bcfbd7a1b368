import { Writable } from 'node:stream';
import request from 'supertest';
import { setLogDestination } from '@platform/nest-kit';
import { TestServiceApp } from '@platform/service-testing';
/* eslint-disable @nx/enforce-module-boundaries */
import { PeopleConfig } from '../../apps/people/src/config';
import { registration, startPeople, tokenFor } from '../../apps/people/src/testing/people-test-app';
/* eslint-enable @nx/enforce-module-boundaries */

/**
 * A real failed insert in a real service: the people service registers a person while Postgres refuses the row
 * (a check constraint added for the test). The request fails with a 500 and the log names the error's class,
 * SQLSTATE, constraint and correlation id, and nothing of the row.
 */
describe('a failed insert logs nothing of its row (people service, real Postgres)', () => {
  const lines: string[] = [];
  let people: TestServiceApp<PeopleConfig>;

  beforeAll(async () => {
    process.env.TEST_LOG_LEVEL = 'debug';
    setLogDestination(
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(...String(chunk).split('\n').filter(Boolean));
          done();
        },
      }),
    );
    people = await startPeople();
    // Nest buffers its log calls until an app listens; this one is only called through supertest.
    people.app.flushLogs();
    await people.dataSource.query(
      `ALTER TABLE "${people.schema}".persons ADD CONSTRAINT leak_probe_refuses_rows CHECK (false) NOT VALID`,
    );
  }, 120_000);

  afterAll(async () => {
    await people?.close();
    setLogDestination(undefined);
    delete process.env.TEST_LOG_LEVEL;
  });

  it('logs class, code, constraint and correlation id only', async () => {
    const person = registration({ name: '王小漏', residenceAddress: '武侯区泄漏测试路 9 号' });
    const response = await request(people.app.getHttpServer())
      .post('/persons')
      .set('Authorization', `Bearer ${tokenFor(['operator'])}`)
      .set('x-correlation-id', 'failed-insert-probe')
      .send(person)
      .expect(500);
    expect(response.text).not.toContain('leak_probe_refuses_rows');

    const failure = lines
      .map((line) => JSON.parse(line) as { msg?: string; req?: { correlationId?: string }; err?: object })
      .find((entry) => entry.msg === 'request failed');
    if (!failure) throw new Error(`no "request failed" line among:\n${lines.join('\n').slice(-3000)}`);
    expect(failure).toMatchObject({
      err: { type: 'QueryFailedError', code: '23514', constraint: 'leak_probe_refuses_rows' },
    });
    const logged = lines.join('\n');
    expect(logged).toContain('failed-insert-probe');
    for (const value of [
      String(person.idNumber),
      String(person.phone),
      '王小漏',
      '泄漏测试路',
      '四川省成都市武侯区',
      'Failing row',
      'parameters',
      'INSERT INTO',
    ]) {
      expect([value, logged.includes(value)]).toEqual([value, false]);
    }
  });
});
