import { officialCalendar } from '@platform/calendar';
import { caseEventId } from '@platform/case-events';
import { caseSla, placementSchedule } from './case-schedule';

describe('case SLA and placement schedule (official calendar)', () => {
  const calendar = officialCalendar();

  it('counts the 2 working days across National Day 2025: taken 09-30, due 24:00 on 10-10', () => {
    const sla = caseSla(calendar, '2025-09-30T10:00:00+08:00', 2);
    expect(sla).toMatchObject({
      startedAt: '2025-09-30T10:00:00+08:00',
      deadline: '2025-10-11T00:00:00+08:00',
      dueDate: '2025-10-10',
      provisional: false,
      missingYears: [],
    });
    // 62 working hours (14 h of 09-30, then all of 10-09 and 10-10): half at 31 h, three quarters at 46.5 h.
    expect(sla.milestones).toEqual({
      half: '2025-10-09T17:00:00+08:00',
      threeQuarters: '2025-10-10T08:30:00+08:00',
      oneWorkingDayLeft: '2025-10-10T00:00:00+08:00',
    });
  });

  it('normalises the start to Shanghai time and flags a year that is not loaded', () => {
    const sla = caseSla(calendar, '2027-12-30T02:00:00Z', 2);
    expect(sla.startedAt).toBe('2027-12-30T10:00:00+08:00');
    expect(sla).toMatchObject({ provisional: true, missingYears: [2027, 2028] });
  });

  it('schedules the callback on the next working day after National Day and follow-ups on working days', () => {
    expect(placementSchedule(calendar, '2025-09-30', 1, [1, 3, 6])).toEqual({
      callbackAt: '2025-10-09T00:00:00+08:00',
      followUpsAt: ['2025-10-30T00:00:00+08:00', '2025-12-30T00:00:00+08:00', '2026-03-30T00:00:00+08:00'],
      calendarVersion: calendar.version,
    });
    // 09-01 + 1 month = 10-01 (holiday): moved to 10-09; + 2 months = 11-01 (Saturday): moved to Monday 11-03.
    expect(placementSchedule(calendar, '2025-09-01', 2, [1, 2]).followUpsAt).toEqual([
      '2025-10-09T00:00:00+08:00',
      '2025-11-03T00:00:00+08:00',
    ]);
  });

  it('clamps the day to the end of a shorter month', () => {
    // 2024-12-31 + 2 months = 2025-02-28 (Friday); 2025-08-31 + 1 month = 2025-09-30 (Tuesday).
    expect(placementSchedule(calendar, '2024-12-31', 1, [2]).followUpsAt).toEqual([
      '2025-02-28T00:00:00+08:00',
    ]);
    expect(placementSchedule(calendar, '2025-08-31', 1, [1]).followUpsAt).toEqual([
      '2025-09-30T00:00:00+08:00',
    ]);
    // 2024-01-31 + 1 month = 2024-02-29 (leap year, Thursday).
    expect(placementSchedule(calendar, '2024-01-31', 1, [1]).followUpsAt).toEqual([
      '2024-02-29T00:00:00+08:00',
    ]);
  });

  it('derives the same UUID-shaped, version-5 event id from (caseId, seq), and another for another seq', () => {
    const caseId = '6f1c2a52-3f7e-4c1b-9a55-2d9b4c7e8f10';
    const id = caseEventId(caseId, 3);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(caseEventId(caseId.toUpperCase(), 3)).toBe(id);
    expect(caseEventId(caseId, 4)).not.toBe(id);
  });
});
