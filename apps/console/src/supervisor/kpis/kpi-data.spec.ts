import {
  formatDays,
  formatPercent,
  peakWeek,
  reasonRows,
  type WeeklyPoint,
  weeklyBreaches,
  weeklyPlacements,
} from './kpi-data';

const point = (
  weekStart: string,
  districtCode: string,
  placedWithinSla: number,
  breached: number,
): WeeklyPoint => ({
  weekStart,
  districtCode,
  districtName: districtCode === '510107' ? '武侯区' : '锦江区',
  districtNameEn: districtCode === '510107' ? 'Wuhou District' : null,
  opened: placedWithinSla + breached,
  placed: placedWithinSla,
  placedWithinSla,
  breached,
  escalations: { welfare_slot: 0, assistance_base: 0 },
});

describe('KPI chart data', () => {
  const series = [
    point('2026-11-09', '510107', 3, 1),
    point('2026-11-02', '510107', 2, 0),
    point('2026-11-09', '510104', 1, 2),
  ];

  it('stacks placements within the promise per week and district, weeks in order', () => {
    expect(weeklyPlacements(series, 'zh')).toEqual({
      weeks: ['2026-11-02', '2026-11-09'],
      districts: [
        { code: '510104', name: '锦江区', values: [0, 1] },
        { code: '510107', name: '武侯区', values: [2, 3] },
      ],
    });
  });

  it('names the districts in English where the org tree has an English name, else in Chinese', () => {
    expect(weeklyPlacements(series, 'en').districts.map(({ name }) => name)).toEqual([
      '锦江区',
      'Wuhou District',
    ]);
  });

  it('adds up the breaches of every district per week', () => {
    expect(weeklyBreaches(series)).toEqual([
      { week: '2026-11-02', breached: 0 },
      { week: '2026-11-09', breached: 3 },
    ]);
  });

  it('finds the peak week, and none when every week is zero', () => {
    expect(peakWeek(weeklyBreaches(series), (row) => row.breached)).toEqual({ week: '2026-11-09', value: 3 });
    expect(peakWeek([{ week: '2026-11-02', n: 0 }], (row) => row.n)).toBeNull();
  });

  it('formats percentages and working days, with a dash for no data', () => {
    expect(formatPercent(66.66)).toBe('66.7%');
    expect(formatPercent(null)).toBe('—');
    expect(formatDays(1.23456)).toBe('1.23');
    expect(formatDays(null)).toBe('—');
  });
});

describe('reasonRows', () => {
  const report = (byReason: Partial<Record<string, number>>) => {
    const counts = {
      skills_mismatch: 0,
      position_filled: 0,
      schedule_mismatch: 0,
      physical_mismatch: 0,
      unreachable: 0,
      other: 0,
      uncoded: 0,
      ...byReason,
    };
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { unit: '510107', from: '2026-11-01', to: '2026-11-23', total, byReason: counts };
  };

  it('lists the reasons that occurred, most frequent first, ties in the service order, with shares', () => {
    expect(reasonRows(report({ other: 1, schedule_mismatch: 4, skills_mismatch: 1, uncoded: 2 }))).toEqual([
      { code: 'schedule_mismatch', count: 4, percent: 50 },
      { code: 'uncoded', count: 2, percent: 25 },
      { code: 'skills_mismatch', count: 1, percent: 12.5 },
      { code: 'other', count: 1, percent: 12.5 },
    ]);
  });

  it('has no rows when nobody declined', () => {
    expect(reasonRows(report({}))).toEqual([]);
  });
});
