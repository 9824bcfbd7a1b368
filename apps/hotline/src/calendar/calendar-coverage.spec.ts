import { coverageStatus } from './calendar-coverage';

describe('calendar coverage', () => {
  const loaded = [2024, 2025, 2026];

  it('is quiet until the end of November when next year is missing', () => {
    // 2026-11-30 23:30 in Shanghai
    expect(coverageStatus(loaded, new Date('2026-11-30T15:30:00Z')).warning).toBe(false);
  });

  it('warns from 1 December (Shanghai time) when next year is missing, naming the year', () => {
    // 2026-12-01 00:30 in Shanghai is still 30 November in UTC
    const status = coverageStatus(loaded, new Date('2026-11-30T16:30:00Z'));
    expect(status).toMatchObject({
      asOf: '2026-12-01',
      nextYear: 2027,
      nextYearLoaded: false,
      warning: true,
    });
    expect(status.message?.en).toContain('2027');
    expect(status.message?.zh).toContain('2027 年工作日历尚未导入');
  });

  it('is quiet in December when next year is loaded', () => {
    expect(coverageStatus([...loaded, 2027], new Date('2026-12-15T04:00:00Z')).warning).toBe(false);
  });

  it('warns at any time of year when the current year is missing', () => {
    const status = coverageStatus(loaded, new Date('2027-03-01T04:00:00Z'));
    expect(status).toMatchObject({ currentYear: 2027, currentYearLoaded: false, warning: true });
    expect(status.message?.en).toContain('2027');
  });
});
