import { z } from 'zod';
import { InvalidEventError, parseEvent } from './event-envelope';

const valid = {
  id: '8d2a7c1e-9a0b-4c3d-8e4f-5a6b7c8d9e0f',
  type: 'jobs.referral.accepted',
  version: 1,
  occurredAt: '2026-11-22T08:00:00+08:00',
  source: 'jobs',
  subject: 'referral-42',
  correlationId: 'call-1',
  causationId: null,
  data: { referralId: 'referral-42' },
};

describe('event envelope', () => {
  it('accepts a complete envelope and validates the payload when a schema is given', () => {
    const event = parseEvent(valid, z.object({ referralId: z.string() }));
    expect(event.data.referralId).toBe('referral-42');
  });

  it('names every broken envelope field', () => {
    try {
      parseEvent({ ...valid, id: 'not-a-uuid', type: 'Accepted', occurredAt: 'yesterday' });
      throw new Error('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventError);
      const fields = (error as InvalidEventError).problems.map((problem) => problem.split(':')[0]);
      expect(fields).toEqual(['id', 'type', 'occurredAt']);
    }
  });

  it('names broken payload fields under data', () => {
    expect(() => parseEvent(valid, z.object({ referralId: z.number() }))).toThrow(/data\.referralId/);
  });

  it('never quotes the value it refused (the problems reach logs and dead-letter headers)', () => {
    const secret = '51010719800101123X';
    try {
      parseEvent({ ...valid, type: secret }, z.object({ referralId: z.enum(['a', 'b']) }));
      throw new Error('should have failed');
    } catch (error) {
      expect((error as InvalidEventError).problems).toEqual(['type: invalid_string']);
      expect((error as Error).message).not.toContain(secret);
    }
    expect(() =>
      parseEvent({ ...valid, data: { referralId: secret } }, z.object({ referralId: z.enum(['a']) })),
    ).toThrow(/^Invalid event: data\.referralId: invalid_enum_value$/);
  });
});
