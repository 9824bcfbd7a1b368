import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Streamed ledger files: rows arrive in batches from a database cursor and leave at once, so a city's month
 * (hundreds of thousands of rows) never sits in memory. The people service writes five of the six ledgers, the
 * jobs service the employer vacancies.
 */
export interface LedgerColumn {
  key: string;
  zh: string;
  en: string;
}

export type LedgerRow = Record<string, string | number | null>;

/** Counts written after the rows: the total and the rows per value of one column (status, source…). */
export interface LedgerSummary {
  total: number;
  by: Record<string, number>;
}

export interface LedgerFileInfo {
  title: { zh: string; en: string };
  unit: string;
  month: string;
  /** "closed on … by …", or "open: built from live data". */
  state: { zh: string; en: string };
  columns: LedgerColumn[];
  /** The column whose values the summary counts. */
  summaryBy: string;
  corrections: LedgerCorrectionLine[];
}

export interface LedgerCorrectionLine {
  rowNo: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  correctedBy: string;
  correctedAt: string;
}

/** Feeds the writer batch by batch; the writer awaits the destination's drain between batches. */
export type RowSource = (onBatch: (rows: LedgerRow[]) => Promise<void>) => Promise<void>;

export const bilingual = (c: { zh: string; en: string }) => `${c.zh} ${c.en}`;

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

function count(summary: LedgerSummary, info: LedgerFileInfo, row: LedgerRow): void {
  summary.total += 1;
  const key = String(row[info.summaryBy] ?? '');
  summary.by[key] = (summary.by[key] ?? 0) + 1;
}

/**
 * CSV: UTF-8 with a BOM (Excel reads the Chinese), CRLF, RFC 4180 quoting; bilingual header line, the rows,
 * then a blank line and the summary lines (合计 Total, then one line per value of the summary column).
 */
export async function writeLedgerCsv(
  out: Writable,
  info: LedgerFileInfo,
  source: RowSource,
): Promise<LedgerSummary> {
  const summary: LedgerSummary = { total: 0, by: {} };
  await write(out, `\uFEFF${info.columns.map((c) => csvCell(bilingual(c))).join(',')}\r\n`);
  await source(async (rows) => {
    let chunk = '';
    for (const row of rows) {
      count(summary, info, row);
      chunk += `${info.columns.map((c) => csvCell(row[c.key])).join(',')}\r\n`;
    }
    await write(out, chunk);
  });
  let tail = `\r\n${csvCell('合计 Total')},${summary.total}\r\n`;
  for (const [value, n] of Object.entries(summary.by)) tail += `${csvCell(value)},${n}\r\n`;
  await write(out, tail);
  out.end();
  await once(out, 'finish');
  return summary;
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (written into the zip) as it comes.
 * Sheets: the ledger, "汇总 Summary" (unit, month, state, counts), "更正 Corrections" (closed months).
 */
export async function writeLedgerXlsx(
  out: Writable,
  info: LedgerFileInfo,
  source: RowSource,
): Promise<LedgerSummary> {
  const summary: LedgerSummary = { total: 0, by: {} };
  // No styles, no shared strings and light compression: about twice the rows per second of the defaults.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookWriter>[0]);
  workbook.creator = '962110';
  const sheet = workbook.addWorksheet(info.title.zh.slice(0, 31));
  sheet.columns = info.columns.map((c) => ({ key: c.key, width: 18 }));
  sheet.addRow(info.columns.map(bilingual)).commit();
  await source(async (rows) => {
    for (const row of rows) {
      count(summary, info, row);
      sheet.addRow(info.columns.map((c) => row[c.key] ?? null)).commit();
    }
    // The zip is piped into `out`: wait while the destination is full so rows do not pile up in memory.
    if (out.writableNeedDrain) await once(out, 'drain');
  });
  sheet.commit();

  const totals = workbook.addWorksheet('汇总 Summary');
  totals.columns = [{ width: 28 }, { width: 40 }];
  totals.addRow(['台账 Ledger', bilingual(info.title)]).commit();
  totals.addRow(['单位 Unit', info.unit]).commit();
  totals.addRow(['月份 Month', info.month]).commit();
  totals.addRow(['状态 State', bilingual(info.state)]).commit();
  totals.addRow(['合计 Total', summary.total]).commit();
  const by = info.columns.find((c) => c.key === info.summaryBy);
  for (const [value, n] of Object.entries(summary.by))
    totals.addRow([`${by ? bilingual(by) : info.summaryBy}: ${value}`, n]).commit();
  totals.commit();

  const fixes = workbook.addWorksheet('更正 Corrections');
  fixes
    .addRow([
      '行号 Row',
      '字段 Field',
      '原值 Old value',
      '新值 New value',
      '原因 Reason',
      '更正人 Corrected by',
      '更正时间 Corrected at',
    ])
    .commit();
  for (const c of info.corrections)
    fixes.addRow([c.rowNo, c.field, c.oldValue, c.newValue, c.reason, c.correctedBy, c.correctedAt]).commit();
  fixes.commit();
  await workbook.commit();
  return summary;
}
