import {
  formatDays,
  formatPercent,
  peakWeek,
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
