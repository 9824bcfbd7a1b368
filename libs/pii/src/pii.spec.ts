import { generatePiiKeySettings, PiiCipher, PiiKeyError } from './pii-cipher';
import { maskIdNumber, maskPhone } from './mask';
import { validateMobile } from './phone';

describe('mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['8619912345678', '19912345678'],
    ['138-1234-5678', '13812345678'],
  ])('accepts %s', (raw, normalized) => expect(validateMobile(raw)).toEqual({ valid: true, normalized }));

  it.each(['12812345678', '1381234567', '138123456789', '+8513812345678', '0086138123456789', 'abc'])(
    'rejects %s',
    (raw) => expect(validateMobile(raw)).toMatchObject({ valid: false, rule: 'mobileFormat' }),
  );
});

describe('masking', () => {
  it('shows phone 3+4 and ID first 3 + last 4 (never the birth date)', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).not.toContain('1949');
  });
});

describe('PiiCipher', () => {
  it('round-trips, never stores plaintext, and uses a fresh IV every time', () => {
    const cipher = new PiiCipher(generatePiiKeySettings());
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(a.startsWith('k1:')).toBe(true);
    expect(cipher.decrypt(a)).toBe('11010519491231002X');
  });

  it('reads values written under an old key after rotation', () => {
    const old = generatePiiKeySettings('k1');
    const next = generatePiiKeySettings('k2');
    const written = new PiiCipher(old).encrypt('13812345678');
    const rotated = new PiiCipher({
      PII_ENCRYPTION_KEYS: `${old.PII_ENCRYPTION_KEYS},${next.PII_ENCRYPTION_KEYS}`,
      PII_ACTIVE_KEY_ID: 'k2',
      PII_BLIND_INDEX_KEY: old.PII_BLIND_INDEX_KEY,
    });
    expect(rotated.decrypt(written)).toBe('13812345678');
    expect(rotated.keyIdOf(rotated.encrypt('13812345678'))).toBe('k2');
  });

  it('detects tampering', () => {
    const cipher = new PiiCipher(generatePiiKeySettings());
    const [k, iv, tag, body] = cipher.encrypt('13812345678').split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([k, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('gives a stable, kind-separated blind index that depends on the key', () => {
    const settings = generatePiiKeySettings();
    const cipher = new PiiCipher(settings);
    expect(cipher.blindIndex('id', 'x').equals(cipher.blindIndex('id', 'x'))).toBe(true);
    expect(cipher.blindIndex('id', 'x').equals(cipher.blindIndex('phone', 'x'))).toBe(false);
    expect(
      cipher.blindIndex('id', 'x').equals(new PiiCipher(generatePiiKeySettings()).blindIndex('id', 'x')),
    ).toBe(false);
  });

  it('refuses bad key configuration without echoing key bytes', () => {
    const settings = generatePiiKeySettings();
    expect(() => new PiiCipher({ ...settings, PII_ACTIVE_KEY_ID: 'nope' })).toThrow(PiiKeyError);
    expect(() => new PiiCipher({ ...settings, PII_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => new PiiCipher({ ...settings, PII_BLIND_INDEX_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
