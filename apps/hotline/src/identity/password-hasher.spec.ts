import { DEFAULT_SCRYPT_PARAMS, PasswordHasher } from './password-hasher';
import { passwordPolicyErrors } from './password-policy';

describe('PasswordHasher (scrypt)', () => {
  const hasher = new PasswordHasher();

  it('encodes scrypt$N$r$p$salt$hash with the default parameters, a 16-byte salt and a 64-byte key', async () => {
    const encoded = await hasher.hash('correct horse battery');
    const [scheme, N, r, p, salt, key] = encoded.split('$');
    expect([scheme, Number(N), Number(r), Number(p)]).toEqual(['scrypt', 2 ** 15, 8, 1]);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 1 });
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const encoded = await hasher.hash('Demo-962110!');
    await expect(hasher.verify('Demo-962110!', encoded)).resolves.toBe(true);
    await expect(hasher.verify('Demo-962110?', encoded)).resolves.toBe(false);
    await expect(hasher.verify('', encoded)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(a).not.toEqual(b);
    expect(a.split('$')[4]).not.toEqual(b.split('$')[4]);
  });

  it('treats unicode compositions of the same text as the same password', async () => {
    const encoded = await hasher.hash('caf\u00e9-password');
    await expect(hasher.verify('cafe\u0301-password', encoded)).resolves.toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const older = await new PasswordHasher({ N: 2 ** 14, r: 8, p: 1 }).hash('an older hash');
    expect(older.startsWith('scrypt$16384$8$1$')).toBe(true);
    await expect(hasher.verify('an older hash', older)).resolves.toBe(true);
  });

  it('refuses tampered and malformed hashes without throwing', async () => {
    const encoded = await hasher.hash('tamper test password');
    const parts = encoded.split('$');
    const key = Buffer.from(parts[5], 'base64');
    key[0] ^= 1;
    const tampered = [...parts.slice(0, 5), key.toString('base64')].join('$');
    await expect(hasher.verify('tamper test password', tampered)).resolves.toBe(false);
    for (const bad of [
      '',
      'plain-text',
      'bcrypt$1$2$3$4$5',
      'scrypt$abc$8$1$AAAA$AAAA',
      `scrypt$${2 ** 24}$8$1$${parts[4]}$${parts[5]}`,
      'scrypt$1000$8$1$' + parts[4] + '$' + parts[5],
    ]) {
      await expect(hasher.verify('tamper test password', bad)).resolves.toBe(false);
    }
  });
});

describe('password policy', () => {
  it('accepts a long password that is not the username', () => {
    expect(passwordPolicyErrors('Demo-962110!', 'admin')).toEqual([]);
  });

  it('refuses fewer than 10 characters, naming the field in both languages', () => {
    const errors = passwordPolicyErrors('short-pw1', 'someone');
    expect(errors).toEqual([
      expect.objectContaining({
        field: 'password',
        rule: 'minLength',
        message: { zh: expect.stringContaining('10'), en: expect.stringContaining('10') },
      }),
    ]);
  });

  it('refuses the username as the password, whatever the case', () => {
    expect(passwordPolicyErrors('Operator.Yulin', 'operator.yulin').map((e) => e.rule)).toEqual([
      'notUsername',
    ]);
  });
});
