import { createCipheriv, randomBytes } from 'node:crypto';
import {
  generatePiiKeySettings,
  parseEncryptionKeys,
  PiiCipher,
  piiContext,
  PiiKeyError,
} from './pii-cipher';
import { maskCertificateNo, maskIdNumber, maskPhone } from './mask';
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

  it('shows only the first 3 characters of a disability certificate number (not kind or grade)', () => {
    expect(maskCertificateNo('51010719800505202X12')).toBe('510*****************');
  });
});

describe('PiiCipher', () => {
  const phoneOf = (rowId: string) => piiContext('persons', 'phone_enc', rowId);
  const ROW = '00000000-0000-4000-8000-000000000001';
  const OTHER_ROW = '00000000-0000-4000-8000-000000000002';

  it('round-trips, never stores plaintext, and uses a fresh IV every time', () => {
    const cipher = new PiiCipher(generatePiiKeySettings());
    const context = piiContext('persons', 'id_number_enc', ROW);
    const a = cipher.encrypt('11010519491231002X', context);
    const b = cipher.encrypt('11010519491231002X', context);
    expect(a).not.toBe(b);
    expect(a).not.toContain('11010519491231002X');
    expect(a.startsWith('v2:k1:')).toBe(true);
    expect(cipher.decrypt(a, context)).toBe('11010519491231002X');
  });

  it('binds a value to its table, column and row: copied elsewhere it does not decrypt', () => {
    const cipher = new PiiCipher(generatePiiKeySettings());
    const stored = cipher.encrypt('13812345678', phoneOf(ROW));
    expect(() => cipher.decrypt(stored, phoneOf(OTHER_ROW))).toThrow(/does not decrypt/);
    expect(() => cipher.decrypt(stored, piiContext('persons', 'id_number_enc', ROW))).toThrow(PiiKeyError);
    expect(() => cipher.decrypt(stored, piiContext('cases', 'phone_enc', ROW))).toThrow(PiiKeyError);
    // Dropping the marker does not turn it into an unbound (older) value that would read anywhere.
    expect(() => cipher.decrypt(stored.slice('v2:'.length), phoneOf(OTHER_ROW))).toThrow(PiiKeyError);
  });

  it('still reads values written before contexts existed (keyId:iv:tag:ct), which are never current', () => {
    const settings = generatePiiKeySettings();
    const cipher = new PiiCipher(settings);
    const [key] = parseEncryptionKeys(settings.PII_ENCRYPTION_KEYS).values();
    const iv = randomBytes(12);
    const legacy = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([legacy.update('13812345678', 'utf8'), legacy.final()]);
    const stored = ['k1', iv, legacy.getAuthTag(), body].map((p) => p.toString('base64')).join(':');
    expect(cipher.decrypt(stored, phoneOf(ROW))).toBe('13812345678');
    expect(cipher.keyIdOf(stored)).toBe('k1');
    expect(cipher.isCurrent(stored)).toBe(false);
    expect(cipher.isCurrent(cipher.encrypt('13812345678', phoneOf(ROW)))).toBe(true);
  });

  it('reads values written under an old key after rotation', () => {
    const old = generatePiiKeySettings('k1');
    const next = generatePiiKeySettings('k2');
    const written = new PiiCipher(old).encrypt('13812345678', phoneOf(ROW));
    const rotated = new PiiCipher({
      PII_ENCRYPTION_KEYS: `${old.PII_ENCRYPTION_KEYS},${next.PII_ENCRYPTION_KEYS}`,
      PII_ACTIVE_KEY_ID: 'k2',
      PII_BLIND_INDEX_KEY: old.PII_BLIND_INDEX_KEY,
    });
    expect(rotated.decrypt(written, phoneOf(ROW))).toBe('13812345678');
    expect(rotated.isCurrent(written)).toBe(false);
    expect(rotated.keyIdOf(rotated.encrypt('13812345678', phoneOf(ROW)))).toBe('k2');
  });

  it('detects tampering', () => {
    const cipher = new PiiCipher(generatePiiKeySettings());
    const [v, k, iv, tag, body] = cipher.encrypt('13812345678', phoneOf(ROW)).split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() =>
      cipher.decrypt([v, k, iv, tag, flipped.toString('base64')].join(':'), phoneOf(ROW)),
    ).toThrow();
    expect(() => cipher.decrypt('garbage', phoneOf(ROW))).toThrow(PiiKeyError);
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
