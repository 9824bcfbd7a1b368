import { beijingDateTime, beijingWallClockToIso, formatDeadline, newIdempotencyKey, slaTone } from './format';

const HOUR = 3600_000;

describe('operator formatting', () => {
  it('shows a deadline as the instant in Beijing time and as 24:00 of the due day', () => {
    expect(formatDeadline('2025-10-10T16:00:00.000Z', '2025-10-10')).toBe('2025-10-11 00:00 (10-10 24:00)');
  });

  it('formats instants in Beijing time whatever the zone', () => {
    expect(beijingDateTime('2025-12-31T17:30:00Z')).toBe('2026-01-01 01:30');
  });

  it('reads a picked wall-clock time as Beijing time', () => {
    const iso = beijingWallClockToIso('2025-09-26 09:15');
    expect(iso).toBe('2025-09-26T09:15:00+08:00');
    expect(new Date(iso).toISOString()).toBe('2025-09-26T01:15:00.000Z');
    expect(() => beijingWallClockToIso('26/09/2025')).toThrow();
  });

  it('makes idempotency keys the hotline accepts, different each time', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(newIdempotencyKey()).not.toBe(key);
    expect(newIdempotencyKey((bytes) => bytes.fill(255))).toBe(`intake-${'ff'.repeat(16)}`);
  });

  describe('clock tone', () => {
    it('is at risk with one working day or less left, on track before', () => {
      expect(slaTone({ promise: 'active', remaining: { ms: 25 * HOUR } })).toBe('onTrack');
      expect(slaTone({ promise: 'active', remaining: { ms: 24 * HOUR } })).toBe('atRisk');
    });

    it('is breached when the promise is late or no time is left', () => {
      expect(slaTone({ promise: 'late', remaining: null })).toBe('breached');
      expect(slaTone({ promise: 'active', remaining: { ms: -1 } })).toBe('breached');
    });

    it('follows the promise once it is settled: kept is never red, late never green', () => {
      expect(slaTone({ promise: 'kept', remaining: null })).toBe('kept');
      // A stale remaining time cannot turn a settled promise back into a countdown.
      expect(slaTone({ promise: 'kept', remaining: { ms: -HOUR } })).toBe('kept');
      expect(slaTone({ promise: 'late', remaining: { ms: 10 * HOUR } })).toBe('breached');
      expect(slaTone({ promise: 'waived', remaining: { ms: HOUR } })).toBe('waived');
      expect(slaTone({ promise: 'not-applicable', remaining: { ms: HOUR } })).toBe('notApplicable');
      expect(slaTone({ promise: 'active', remaining: null })).toBe('stopped');
    });
  });
});
