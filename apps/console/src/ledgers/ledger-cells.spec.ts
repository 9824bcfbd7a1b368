import { cellText } from './ledger-cells';

describe('ledger cells on screen', () => {
  it('shows a bilingual word value in the reader’s language', () => {
    expect(cellText('女 Female', 'zh')).toBe('女');
    expect(cellText('女 Female', 'en')).toBe('Female');
    expect(cellText('登记失业 Registered unemployed', 'en')).toBe('Registered unemployed');
    expect(cellText('是 Yes', 'zh')).toBe('是');
  });

  it('leaves names, dates, masks, numbers and free text as they are', () => {
    for (const value of [
      '吴秀英',
      '2026-01-05',
      '510***********7347',
      '139****6609',
      '中式面点师 (初级)',
      'Li Lei',
    ]) {
      expect(cellText(value, 'en')).toBe(value);
    }
    expect(cellText(12, 'zh')).toBe(12);
    expect(cellText(null, 'zh')).toBeNull();
  });
});
