import { firstValueFrom, Subject, toArray } from 'rxjs';
import type { AuthenticatedUser } from '@platform/auth';
import { officialCalendar } from '@platform/calendar';
import { BoardNotifications, BoardChange } from './board-notifications';
import { BoardRow, boardFlags, isBreached, promiseNow } from './board-row';
import { BoardController } from './board.controller';
import { BoardService } from './board.service';
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
  ...overrides,
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
    const text = reportCsv([{ code: '1', name: '=SUM(A1),"x"', kpis }]).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(`1,"'=SUM(A1),""x""",0,0,,,0,0,0,0,,0`);
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
