import ExcelJS from 'exceljs';
import type { Kpis } from '@platform/contracts';

/** The zero-employment household figures of a unit for the month (see the household episodes' KPIs). */
export interface HouseholdReportFigures {
  found: number;
  solvedInTimeRate: number | null;
  doubleInTimeRate: number | null;
  stableRate: number | null;
  atZeroNow: number;
}

export interface ReportLine {
  code: string;
  name: string;
  kpis: Kpis;
  households: HouseholdReportFigures;
}

/** Chinese and English in every header, so the same file serves the bureau and the English tooling. */
export const REPORT_HEADERS = [
  '单位代码 Unit code',
  '单位名称 Unit',
  '受理数 Opened',
  '时限内安置数 Placed within SLA',
  '时限内安置率(%) Placed within SLA (%)',
  '安置用时中位数(工作日) Median working days to placement',
  '公益性岗位兜底 Escalations: welfare slot',
  '援助基地兜底 Escalations: assistance base',
  '超时数 Breaches',
  '已回访数 Callbacks done',
  '满意度均值 Satisfaction (mean)',
  '满意度样本数 Satisfaction (n)',
  '新发现零就业家庭 Zero-employment households found',
  '20天内一人就业率(%) One member in work within 20 days (%)',
  '一个月内双就业率(%) Double employment within a month (%)',
  '6个月稳定就业率(%) Stable at 6 months (%)',
  '现有零就业家庭(报表生成时) Households at zero employment (when generated)',
];

export function reportCells(line: ReportLine): Array<string | number | null> {
  const k = line.kpis;
  return [
    line.code,
    line.name,
    k.opened,
    k.placedWithinSla.count,
    k.placedWithinSla.percent,
    k.medianWorkingDaysToPlacement,
    k.escalations.welfare_slot,
    k.escalations.assistance_base,
    k.breaches,
    k.callbacksDone,
    k.satisfaction.mean,
    k.satisfaction.n,
    line.households.found,
    line.households.solvedInTimeRate,
    line.households.doubleInTimeRate,
    line.households.stableRate,
    line.households.atZeroNow,
  ];
}

/** UTF-8 with a BOM (so Excel opens the Chinese correctly), CRLF lines, RFC 4180 quoting. */
export function reportCsv(lines: ReportLine[]): Buffer {
  const cell = (value: string | number | null): string => {
    if (value === null) return '';
    const text = String(value);
    // A leading = + - @ would be run as a formula by spreadsheet programs.
    const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = [REPORT_HEADERS, ...lines.map(reportCells)].map((row) => row.map(cell).join(','));
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}

export async function reportXlsx(lines: ReportLine[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '962110';
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.addRow(REPORT_HEADERS).font = { bold: true };
  for (const line of lines) sheet.addRow(reportCells(line));
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
