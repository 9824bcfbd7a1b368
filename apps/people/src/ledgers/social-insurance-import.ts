import { FieldError } from '@platform/nest-kit';
import { isRealDate, validateIdNumber } from '@platform/pii';

/**
 * The social-insurance lists a station receives (参保人员名单, 退休人员名单) as CSV: a header line, then one
 * person per line. Headers may be Chinese or English. Every line is checked; the answer names each bad line
 * and field (line 1 is the header), never the value of an ID number.
 */
export const IMPORT_HEADERS = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号', 'idnumber', 'id number'],
  communityCode: ['社区代码', 'communitycode', 'community code'],
  since: ['参保日期', '退休日期', 'since', 'insured since', 'retired on'],
  insuranceType: ['险种', 'insurancetype', 'insurance'],
} as const;
type ImportField = keyof typeof IMPORT_HEADERS;

export interface ParsedImportRow {
  rowNo: number;
  name: string;
  idNumber: string;
  communityCode: string;
  since: string;
  insuranceType: string | null;
}

export const MAX_IMPORT_ROWS = 5_000;

/** RFC 4180 lines: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

const err = (field: string, rule: string, zh: string, en: string): FieldError => ({
  field,
  rule,
  message: { zh: `${field}：${zh}`, en: `${field}: ${en}` },
});

/**
 * Checks a whole list. `inArea(communityCode)` says whether a community lies in the unit imported for (and
 * the caller's area); `asOf` bounds the dates; `today` bounds the birth dates inside ID numbers.
 */
export function checkImport(
  kind: 'insured' | 'retired',
  csv: string,
  asOf: string,
  today: string,
  inArea: (communityCode: string) => boolean,
): { rows: ParsedImportRow[]; errors: FieldError[] } {
  const lines = parseCsv(csv);
  const errors: FieldError[] = [];
  if (lines.length < 2)
    return {
      rows: [],
      errors: [err('csv', 'notEmpty', '至少需要表头和一行数据', 'needs a header line and at least one row')],
    };
  if (lines.length - 1 > MAX_IMPORT_ROWS)
    return {
      rows: [],
      errors: [
        err(
          'csv',
          'maxRows',
          `每次最多导入 ${MAX_IMPORT_ROWS} 行`,
          `at most ${MAX_IMPORT_ROWS} rows per import`,
        ),
      ],
    };
  const header = lines[0].map((h) => h.trim().toLowerCase());
  const index = {} as Record<ImportField, number>;
  const required: ImportField[] = ['name', 'idNumber', 'communityCode', 'since'];
  if (kind === 'insured') required.push('insuranceType');
  for (const field of Object.keys(IMPORT_HEADERS) as ImportField[]) {
    index[field] = header.findIndex((h) => (IMPORT_HEADERS[field] as readonly string[]).includes(h));
    if (index[field] < 0 && required.includes(field))
      errors.push(
        err(
          `csv.header.${field}`,
          'required',
          `缺少列（${IMPORT_HEADERS[field][0]}）`,
          `the column is missing (${IMPORT_HEADERS[field][1]})`,
        ),
      );
  }
  if (errors.length) return { rows: [], errors };

  const rows: ParsedImportRow[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((cells, k) => {
    const line = k + 2;
    const at = (field: ImportField) => `csv.line${line}.${field}`;
    const value = (field: ImportField) => (index[field] >= 0 ? (cells[index[field]] ?? '').trim() : '');
    const name = value('name');
    if (name.length < 1 || name.length > 50)
      errors.push(err(at('name'), 'length', '姓名须为 1–50 个字', 'must be 1–50 characters'));
    const id = validateIdNumber(value('idNumber'), today);
    if (!id.valid) errors.push(err(at('idNumber'), id.rule, id.message.zh, id.message.en));
    else if (seen.has(id.normalized))
      errors.push(
        err(
          at('idNumber'),
          'unique',
          `与第 ${seen.get(id.normalized)} 行重复`,
          `repeats line ${seen.get(id.normalized)}`,
        ),
      );
    else seen.set(id.normalized, line);
    const community = value('communityCode');
    if (!/^\d{12}$/.test(community))
      errors.push(
        err(at('communityCode'), 'format', '须为 12 位社区代码', 'must be a 12-digit community code'),
      );
    else if (!inArea(community))
      errors.push(
        err(
          at('communityCode'),
          'inScope',
          '不在导入单位或您的管辖范围内',
          'is outside the unit imported for or your area',
        ),
      );
    const since = value('since');
    if (!isRealDate(since))
      errors.push(err(at('since'), 'date', '须为 YYYY-MM-DD 格式的日期', 'must be a day as YYYY-MM-DD'));
    else if (since > asOf)
      errors.push(
        err(at('since'), 'notAfterAsOf', '不能晚于数据日期', 'must not be after the list’s date (asOf)'),
      );
    const insuranceType = value('insuranceType') || null;
    if (kind === 'insured' && (!insuranceType || insuranceType.length > 50))
      errors.push(err(at('insuranceType'), 'length', '险种须为 1–50 个字', 'must be 1–50 characters'));
    if (id.valid)
      rows.push({
        rowNo: line - 1,
        name,
        idNumber: id.normalized,
        communityCode: community,
        since,
        insuranceType,
      });
  });
  return { rows, errors };
}
