import {
  beijingDateTime,
  beijingWallClockToIso,
  formatDeadline,
  newIdempotencyKey,
  slaTone,
  summaryTone,
} from './format';

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
      expect(slaTone({ remaining: { ms: 25 * HOUR }, breached: false, stopped: false })).toBe('onTrack');
      expect(slaTone({ remaining: { ms: 24 * HOUR }, breached: false, stopped: false })).toBe('atRisk');
    });

    it('is breached when flagged or when no time is left', () => {
      expect(slaTone({ remaining: { ms: 30 * HOUR }, breached: true, stopped: false })).toBe('breached');
      expect(slaTone({ remaining: { ms: -1 }, breached: false, stopped: false })).toBe('breached');
    });

    it('stops once the clock no longer runs, unless it was breached', () => {
      expect(slaTone({ remaining: null, breached: false, stopped: false })).toBe('stopped');
      expect(slaTone({ remaining: { ms: HOUR }, breached: false, stopped: true })).toBe('stopped');
      expect(slaTone({ remaining: null, breached: true, stopped: true })).toBe('breached');
    });

    it('reads a list row from the flags the hotline computed', () => {
      const row = { breached: false, atRisk: false, remaining: { ms: 40 * HOUR }, placedAt: null };
      expect(summaryTone(row)).toBe('onTrack');
      expect(summaryTone({ ...row, atRisk: true })).toBe('atRisk');
      expect(summaryTone({ ...row, atRisk: true, breached: true })).toBe('breached');
      expect(summaryTone({ ...row, placedAt: '2025-10-01T02:00:00Z' })).toBe('stopped');
      expect(summaryTone({ ...row, remaining: null })).toBe('stopped');
    });
  });
});
