import fc from 'fast-check';
import { idCheckChar, isRealDate, validateIdNumber } from './id-number';

const TODAY = '2026-11-22';

/** Valid ID numbers: any 6-digit area code (retired or unknown too), a real past birth date, any sequence. */
const validIdNumber = fc
  .record({
    area: fc.integer({ min: 110000, max: 829999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date(`${TODAY}T00:00:00Z`),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, birth, seq }) => {
    const first17 = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  });

describe('resident ID number (GB 11643)', () => {
  it('accepts a known-good number and derives birth date and gender', () => {
    expect(validateIdNumber('11010519491231002X', TODAY)).toMatchObject({
      valid: true,
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(validateIdNumber('110105194912310029', TODAY)).toMatchObject({ valid: false, rule: 'checkChar' });
  });

  it('takes a final lower-case x as X', () => {
    expect(validateIdNumber('11010519491231002x', TODAY)).toMatchObject({
      valid: true,
      normalized: '11010519491231002X',
    });
  });

  it('rejects 15-digit legacy numbers saying why, and other lengths or characters', () => {
    const legacy = validateIdNumber('110105491231002', TODAY);
    expect(legacy).toMatchObject({ valid: false, rule: 'legacy15' });
    expect(!legacy.valid && legacy.message.en).toMatch(/15-digit/);
    expect(validateIdNumber('1101051949123100', TODAY)).toMatchObject({ valid: false, rule: 'length' });
    expect(validateIdNumber('1101051949123100YX', TODAY)).toMatchObject({ valid: false, rule: 'format' });
  });

  it('accepts unknown (retired) area codes', () => {
    const first17 = '99999919800101001';
    expect(validateIdNumber(first17 + idCheckChar(first17), TODAY).valid).toBe(true);
  });

  it('rejects a birth date in the future', () => {
    const first17 = '51010720270101001';
    expect(validateIdNumber(first17 + idCheckChar(first17), TODAY)).toMatchObject({
      rule: 'birthDateFuture',
    });
  });

  it('property: every generated valid number is accepted', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => validateIdNumber(id, TODAY).valid === true),
      { numRuns: 2000 },
    );
  });

  it('property: every single-character substitution is rejected', () => {
    const alphabet = '0123456789X';
    fc.assert(
      fc.property(
        validIdNumber,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (id, pos, shift) => {
          const chars = pos === 17 ? alphabet : alphabet.slice(0, 10);
          const current = chars.indexOf(id[pos]);
          const replacement = chars[(current + shift) % chars.length];
          fc.pre(replacement !== id[pos]);
          const mutated = id.slice(0, pos) + replacement + id.slice(pos + 1);
          return validateIdNumber(mutated, TODAY).valid === false;
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('property: every adjacent transposition of different characters is rejected', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 16 }), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        return validateIdNumber(swapped, TODAY).valid === false;
      }),
      { numRuns: 5000 },
    );
  });

  it('property: impossible dates are rejected whatever the check character', () => {
    const impossible = fc.oneof(
      fc.tuple(
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 13, max: 99 }),
        fc.integer({ min: 1, max: 28 }),
      ),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.constant(0), fc.integer({ min: 1, max: 28 })),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.constant(0)),
      fc.tuple(
        fc.integer({ min: 1900, max: 2025 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 32, max: 99 }),
      ),
      fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.constantFrom(4, 6, 9, 11), fc.constant(31)),
      fc
        .integer({ min: 1900, max: 2025 })
        .filter((y) => !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))
        .map((y) => [y, 2, 29] as [number, number, number]),
    );
    fc.assert(
      fc.property(impossible, fc.integer({ min: 0, max: 999 }), ([y, m, d], seq) => {
        const first17 = `510107${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
        const result = validateIdNumber(first17 + idCheckChar(first17), TODAY);
        return !result.valid && result.rule === 'birthDate';
      }),
      { numRuns: 3000 },
    );
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
  });
});
