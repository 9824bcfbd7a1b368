import { fileNameOf, parseCsv, previousMonth } from './report-file';

describe('monthly report file', () => {
  it('takes the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="962110-report-510107-2026-10.csv"', 'x.csv')).toBe(
      '962110-report-510107-2026-10.csv',
    );
    expect(fileNameOf("attachment; filename*=UTF-8''%E6%8A%A5%E8%A1%A8.csv", 'x.csv')).toBe('报表.csv');
    expect(fileNameOf(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });

  it('parses quoted cells, doubled quotes, CRLF lines and drops the BOM', () => {
    const csv = '\uFEFF单位代码 Unit code,单位名称 Unit\r\n510107,"武侯区, ""城区"""\r\n510108,\r\n';
    expect(parseCsv(csv)).toEqual([
      ['单位代码 Unit code', '单位名称 Unit'],
      ['510107', '武侯区, "城区"'],
      ['510108', ''],
    ]);
  });

  it('keeps a last line without a line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('finds the previous month across a year end', () => {
    expect(previousMonth('2026-11-23')).toBe('2026-10');
    expect(previousMonth('2027-01-05')).toBe('2026-12');
  });
});
