import { firstValueFrom, Subject, toArray } from 'rxjs';
import type { AuthenticatedUser } from '@platform/auth';
import { officialCalendar } from '@platform/calendar';
import { BoardNotifications, BoardChange } from './board-notifications';
import { BoardRow, BoardRowWithNames, boardFlags, isBreached, promiseNow, riskReasons } from './board-row';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
import { HouseholdsService } from '../households/households.service';
import { computeKpis } from './kpis';
import { reportCsv } from './monthly-report';

const calendar = officialCalendar();
const at = (text: string) => new Date(text);

const row = (overrides: Partial<BoardRow> = {}): BoardRow => ({
  caseId: 'c1',
  cycle: 1,
  state: 'matching',
  owner: 'operator.wuhou',
  districtCode: '510107',
  streetCode: '510107003',
  communityCode: '510107003001',
  orgPath: '510100/510107/510107003/510107003001',
  openedAt: at('2025-10-09T09:00:00+08:00'),
  slaStartedAt: at('2025-10-09T09:00:00+08:00'),
  deadline: at('2025-10-11T00:00:00+08:00'),
  dueDate: '2025-10-10',
  breached: false,
  promiseWaived: false,
  promise: 'active',
  placedAt: null,
  latePlacement: false,
  escalationKind: null,
  callbackDoneAt: null,
  satisfaction: null,
  callbackDueAt: null,
  nextFollowUpAt: null,
  referralProposedAt: null,
  referralAnsweredAt: null,
  personDeclinedAt: null,
  escalationFailedAt: null,
  registrationFailedAt: null,
  ...overrides,
});

const named = (overrides: Partial<BoardRowWithNames> = {}): BoardRowWithNames => ({
  ...row(overrides),
  ownerName: '王芳',
  ownerAvailable: true,
  communityName: '玉林北路社区',
  communityNameEn: null,
  ...overrides,
});

describe('at-risk reasons', () => {
  const policy = { employerSilentWorkingHours: 24 };
  /** A Wuhou case opened Monday 2025-10-13 09:00, due at the end of Wednesday 10-15. */
  const base = {
    openedAt: at('2025-10-13T09:00:00+08:00'),
    slaStartedAt: at('2025-10-13T09:00:00+08:00'),
    deadline: at('2025-10-16T00:00:00+08:00'),
    dueDate: '2025-10-15',
  };
  const reasonsAt = (now: string, overrides: Partial<BoardRowWithNames> = {}) => {
    const r = named({ ...base, ...overrides });
    return riskReasons(r, boardFlags(r, calendar, at(now)), calendar, at(now), policy);
  };

  it('says nothing for a case on track', () => {
    expect(reasonsAt('2025-10-13T12:00:00+08:00')).toEqual([]);
  });

  it('no-referral-yet once half the working time has gone with the person registered and nothing proposed', () => {
    // Working time Monday 09:00 → Thursday 00:00 is 63 h: half is gone at Tuesday 16:30.
    expect(reasonsAt('2025-10-14T16:00:00+08:00', { state: 'registered' })).toEqual([]);
    expect(reasonsAt('2025-10-14T17:00:00+08:00', { state: 'registered' })).toEqual(['no-referral-yet']);
    expect(reasonsAt('2025-10-14T17:00:00+08:00', { state: 'matching' })).toEqual([]);
    // A caller without a promise has no clock to be half through.
    expect(
      reasonsAt('2025-10-14T17:00:00+08:00', { state: 'registered', promise: 'not-applicable' }),
    ).toEqual([]);
  });

  it('employer-silent after the policy’s working hours without referral news; the weekend does not count', () => {
    const proposed = { referralProposedAt: at('2025-10-17T10:00:00+08:00') }; // a Friday
    const late = { ...proposed, deadline: at('2025-10-25T00:00:00+08:00') };
    expect(reasonsAt('2025-10-18T11:00:00+08:00', late)).toEqual([]); // Friday 14 h, Saturday not working
    expect(reasonsAt('2025-10-20T10:00:00+08:00', late)).toEqual(['employer-silent']);
    expect(
      reasonsAt('2025-10-20T10:00:00+08:00', {
        ...late,
        referralAnsweredAt: at('2025-10-17T15:00:00+08:00'),
      }),
    ).toEqual([]);
    // News of an older referral does not answer the latest one.
    expect(
      reasonsAt('2025-10-20T10:00:00+08:00', {
        ...late,
        referralAnsweredAt: at('2025-10-16T15:00:00+08:00'),
      }),
    ).toEqual(['employer-silent']);
  });

  it('person-declined until a new referral is proposed', () => {
    const declined = { personDeclinedAt: at('2025-10-13T11:00:00+08:00') };
    expect(reasonsAt('2025-10-13T12:00:00+08:00', declined)).toEqual(['person-declined']);
    expect(
      reasonsAt('2025-10-13T12:00:00+08:00', {
        ...declined,
        referralProposedAt: at('2025-10-13T11:30:00+08:00'),
      }),
    ).toEqual([]);
  });

  it('escalation-failed until an escalation succeeds; registration-failed until registered', () => {
    const failed = { escalationFailedAt: at('2025-10-13T11:00:00+08:00') };
    expect(reasonsAt('2025-10-13T12:00:00+08:00', failed)).toEqual(['escalation-failed']);
    expect(reasonsAt('2025-10-13T12:00:00+08:00', { ...failed, escalationKind: 'welfare_slot' })).toEqual([]);
    expect(
      reasonsAt('2025-10-13T12:00:00+08:00', {
        state: 'intake',
        registrationFailedAt: at('2025-10-13T09:01:00+08:00'),
      }),
    ).toEqual(['registration-failed']);
  });

  it('callback and follow-up overdue a working day after they fell due', () => {
    const placed = { state: 'callback' as const, placedAt: at('2025-10-13T10:00:00+08:00') };
    const due = { ...placed, callbackDueAt: at('2025-10-20T09:00:00+08:00') };
    expect(reasonsAt('2025-10-21T08:00:00+08:00', due)).toEqual([]);
    expect(reasonsAt('2025-10-21T09:00:00+08:00', due)).toEqual(['callback-overdue']);
    expect(
      reasonsAt('2025-10-21T09:00:00+08:00', { ...due, callbackDoneAt: at('2025-10-20T10:00:00+08:00') }),
    ).toEqual([]);
    expect(
      reasonsAt('2025-11-21T09:00:00+08:00', {
        ...placed,
        state: 'following-up',
        nextFollowUpAt: at('2025-11-19T09:00:00+08:00'),
      }),
    ).toEqual(['follow-up-overdue']);
  });

  it('owner-unavailable and deadline-near, several reasons in their fixed order', () => {
    expect(
      reasonsAt('2025-10-15T12:00:00+08:00', {
        ownerAvailable: false,
        escalationFailedAt: at('2025-10-15T09:00:00+08:00'),
      }),
    ).toEqual(['escalation-failed', 'deadline-near', 'owner-unavailable']);
    // An ended case needs nobody.
    expect(reasonsAt('2025-10-15T12:00:00+08:00', { state: 'withdrawn', ownerAvailable: false })).toEqual([]);
  });
});

describe('board flags', () => {
  const now = at('2025-10-10T12:00:00+08:00');

  it('is at risk with at most one working day left, counting the make-up Saturday 2025-10-11', () => {
    expect(boardFlags(row(), calendar, now)).toEqual({
      promise: 'active',
      remaining: { ms: 12 * 3_600_000, workingDays: 0.5 },
      breached: false,
      atRisk: true,
    });
    // 12 h of Friday + Saturday 10-11 (working) + Monday 10-13: 2.5 working days.
    expect(boardFlags(row({ deadline: at('2025-10-14T00:00:00+08:00') }), calendar, now)).toMatchObject({
      remaining: { workingDays: 2.5 },
      atRisk: false,
    });
  });

  it('is never at risk once placed or waived; breached past the deadline unless placed, waived or ended', () => {
    expect(boardFlags(row({ placedAt: now }), calendar, now).atRisk).toBe(false);
    expect(boardFlags(row({ promiseWaived: true }), calendar, now).atRisk).toBe(false);
    const later = at('2025-10-11T00:00:01+08:00');
    expect(isBreached(row(), later)).toBe(true);
    expect(isBreached(row({ placedAt: now }), later)).toBe(false);
    expect(isBreached(row({ promiseWaived: true }), later)).toBe(false);
    expect(isBreached(row({ state: 'withdrawn' }), later)).toBe(false);
    expect(isBreached(row({ breached: true, placedAt: now }), now)).toBe(true);
    expect(boardFlags(row({ breached: true }), calendar, now)).toMatchObject({
      breached: true,
      atRisk: false,
    });
  });

  it('derives the promise: late once the deadline passes unplaced, kept or late once placed, none for pickers', () => {
    const later = at('2025-10-11T00:00:01+08:00');
    expect(promiseNow(row(), now)).toBe('active');
    expect(promiseNow(row(), later)).toBe('late'); // before the workflow's breach event arrives
    expect(promiseNow(row({ placedAt: now }), later)).toBe('kept');
    expect(promiseNow(row({ placedAt: later, latePlacement: true, breached: true }), later)).toBe('late');
    expect(promiseNow(row({ promiseWaived: true }), later)).toBe('waived');
    expect(promiseNow(row({ promise: null }), now)).toBe('active'); // projected before events carried it
    const picky = row({ promise: 'not-applicable' });
    expect(promiseNow(picky, later)).toBe('not-applicable');
    expect(isBreached(picky, later)).toBe(false);
    expect(boardFlags(picky, calendar, now)).toEqual({
      promise: 'not-applicable',
      remaining: null,
      breached: false,
      atRisk: false,
    });
  });

  it('stops counting down once placed, waived or ended; keeps counting (overdue) while late and unplaced', () => {
    expect(boardFlags(row({ placedAt: now, state: 'placed' }), calendar, now)).toMatchObject({
      promise: 'kept',
      remaining: null,
    });
    expect(boardFlags(row({ promiseWaived: true }), calendar, now).remaining).toBeNull();
    expect(boardFlags(row({ state: 'withdrawn' }), calendar, now).remaining).toBeNull();
    const late = boardFlags(row(), calendar, at('2025-10-11T06:00:00+08:00'));
    expect(late).toMatchObject({ promise: 'late', breached: true, atRisk: false });
    expect(late.remaining!.ms).toBe(-6 * 3_600_000);
  });
});

describe('KPIs', () => {
  it('takes the median of an even count and rounds the share to one decimal', () => {
    const start = at('2025-10-09T00:00:00+08:00');
    const kpis = computeKpis(
      [
        row({ slaStartedAt: start, placedAt: at('2025-10-09T12:00:00+08:00') }),
        row({ slaStartedAt: start, placedAt: at('2025-10-10T00:00:00+08:00'), satisfaction: 4 }),
        row({ slaStartedAt: start, satisfaction: 5 }),
      ],
      calendar,
      at('2025-10-10T01:00:00+08:00'),
    );
    expect(kpis).toMatchObject({
      opened: 3,
      placedWithinSla: { count: 2, percent: 66.7 },
      medianWorkingDaysToPlacement: 0.75,
      satisfaction: { mean: 4.5, n: 2 },
      breaches: 0,
    });
    expect(computeKpis([], calendar, new Date())).toMatchObject({
      opened: 0,
      placedWithinSla: { count: 0, percent: null },
      medianWorkingDaysToPlacement: null,
    });
  });

  it('writes CSV cells safely: quotes, commas and formula-like text', () => {
    const kpis = computeKpis([], calendar, new Date());
    const households = {
      found: 2,
      solvedInTimeRate: 50,
      doubleInTimeRate: null,
      stableRate: null,
      atZeroNow: 1,
    };
    const text = reportCsv([{ code: '1', name: '=SUM(A1),"x"', kpis, households }]).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(`1,"'=SUM(A1),""x""",0,0,,,0,0,0,0,,0,2,50,,,1`);
  });
});

describe('board stream', () => {
  const wuhou = { orgPath: '510100/510107', roles: ['supervisor'] } as AuthenticatedUser;
  const change = (orgPath: string, seq: number): BoardChange => ({ caseId: 'c1', cycle: 1, seq, orgPath });

  afterEach(() => jest.useRealTimers());

  it('subscribes, pushes changes in scope only, sends a heartbeat comment every 15 s, and ends on shutdown', async () => {
    jest.useFakeTimers();
    const changes = new Subject<BoardChange>();
    const closed = new Subject<void>();
    const controller = new BoardController(
      {} as BoardService,
      {
        changes: () => changes.asObservable(),
        closed: () => closed.asObservable(),
      } as unknown as BoardNotifications,
      {} as HouseholdsService,
    );
    const received = firstValueFrom(controller.stream(wuhou).pipe(toArray()));
    changes.next(change('510100/510104/510104003', 1));
    changes.next(change('510100/510107/510107003', 2));
    jest.advanceTimersByTime(15_000);
    changes.next(change('510100/510107', 3));
    // Shutdown ends every open stream, so none holds the HTTP server open.
    closed.next();
    expect(await received).toEqual([
      { comment: 'subscribed' },
      { type: 'case-board', data: { caseId: 'c1', cycle: 1, seq: 2 } },
      { comment: 'heartbeat' },
      { type: 'case-board', data: { caseId: 'c1', cycle: 1, seq: 3 } },
    ]);
  });
});
