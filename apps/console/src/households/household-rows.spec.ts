import { assistedEpisode, clockStateOf, doubleStateOf, dueFollowUp, formatRate } from './household-rows';

describe('household board rows', () => {
  const open = { status: 'open' as const, breached: false, warned: false, metAt: null };

  it('colours the 20-day clock: overdue before the warning, the warning before on track', () => {
    expect(clockStateOf({ ...open, warned: true, breached: true })).toBe('breached');
    expect(clockStateOf({ ...open, warned: true })).toBe('warning');
    expect(clockStateOf(open)).toBe('on-track');
    expect(clockStateOf({ ...open, status: 'resolved', breached: true, metAt: '2026-06-01T02:00:00Z' })).toBe(
      'met',
    );
    expect(clockStateOf({ ...open, status: 'closed' })).toBe('ended');
  });

  it('tells double employment apart: not asked, running, met, late', () => {
    const none = { doubleRequestedAt: null, doubleMetAt: null, doubleBreached: false };
    expect(doubleStateOf(none)).toBe('none');
    expect(doubleStateOf({ ...none, doubleRequestedAt: '2026-06-01T02:00:00Z' })).toBe('running');
    expect(doubleStateOf({ ...none, doubleRequestedAt: '2026-06-01T02:00:00Z', doubleBreached: true })).toBe(
      'breached',
    );
    expect(
      doubleStateOf({
        doubleRequestedAt: '2026-06-01T02:00:00Z',
        doubleMetAt: '2026-06-09T02:00:00Z',
        doubleBreached: false,
      }),
    ).toBe('met');
    expect(doubleStateOf({ ...none, doubleRequestedAt: '2026-06-01T02:00:00Z', status: 'closed' })).toBe(
      'ended',
    );
  });

  it('offers the earliest follow-up that is due and not done, none before its day', () => {
    const followUps = [
      { month: 3, dueAt: '2026-09-01T16:00:00Z', doneAt: null, stillEmployed: null },
      { month: 1, dueAt: '2026-07-01T16:00:00Z', doneAt: '2026-07-02T02:00:00Z', stillEmployed: true },
      { month: 6, dueAt: '2026-12-01T16:00:00Z', doneAt: null, stillEmployed: null },
    ];
    expect(dueFollowUp(followUps, new Date('2026-08-01T00:00:00Z'))).toBeNull();
    expect(dueFollowUp(followUps, new Date('2026-12-05T00:00:00Z'))?.month).toBe(3);
  });

  it('shows a rate with its percent sign, and a dash when nothing was counted', () => {
    expect(formatRate(87.5)).toBe('87.5%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });

  it('links a member’s case to the household’s newest episode still open or followed up, never a closed one', () => {
    expect(
      assistedEpisode([
        { status: 'closed' as const, id: 2 },
        { status: 'resolved' as const, id: 1 },
      ]),
    ).toEqual({
      status: 'resolved',
      id: 1,
    });
    expect(assistedEpisode([{ status: 'open' as const, id: 3 }])?.id).toBe(3);
    expect(assistedEpisode([{ status: 'closed' as const }])).toBeNull();
    expect(assistedEpisode([])).toBeNull();
  });
});
