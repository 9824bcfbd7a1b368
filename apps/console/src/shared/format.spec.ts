import { fenToYuan, formatYuan, shortId, yuanToFen } from './format';

describe('shared formatting', () => {
  it('shortens a UUID to its first block', () => {
    expect(shortId('d2b9a26c-1111-4222-8333-444455556666')).toBe('d2b9a26c');
  });

  it('converts yuan and fen without float noise', () => {
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(3000.5)).toBe(300_050);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(fenToYuan(300_050)).toBe(3000.5);
    expect(formatYuan(350_000)).toBe('3500');
    expect(formatYuan(1999)).toBe('19.99');
  });
});
