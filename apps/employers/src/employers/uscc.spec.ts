import fc from 'fast-check';
import { normalizeUscc, USCC_CHARSET, usccCheckCharacter, usccProblem } from './uscc';

const charsetChar = fc.constantFrom(...USCC_CHARSET.split(''));
const digit = fc.constantFrom(...'0123456789'.split(''));
/** Any 17-character body that keeps the division code numeric, completed with its check character. */
const validCode = fc
  .tuple(
    fc.array(charsetChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(charsetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => {
    const body = [...a, ...b, ...c].join('');
    return body + usccCheckCharacter(body);
  });

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    for (const code of [
      '91350100M000100Y43',
      '91110000600037341L',
      '914403001922038216',
      '91510100MA61R5GD1A',
    ])
      expect(usccProblem(code)).toBeNull();
  });

  it('computes the check character, 31 becoming 0', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000600037341')).toBe('L');
    expect(usccCheckCharacter('00000000000000000')).toBe('0'); // Σ mod 31 = 0 → 31 → 0
  });

  it('names the rule a bad code breaks', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('length');
    expect(usccProblem('91350100M000100I43')).toBe('charset');
    expect(usccProblem('913501A0M000100Y43')).toBe('division');
    expect(usccProblem('91350100M000100Y44')).toBe('checkCharacter');
    expect(usccProblem(normalizeUscc(' 91350100m000100y43 '))).toBeNull();
  });

  it('accepts every code built with its check character (property)', () => {
    fc.assert(fc.property(validCode, (code) => usccProblem(code) === null));
  });

  it('detects every single-character substitution (property)', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), charsetChar, (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        return usccProblem(changed) !== null;
      }),
    );
  });

  it('detects every adjacent transposition of different characters (property)', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        return usccProblem(swapped) !== null;
      }),
    );
  });
});
