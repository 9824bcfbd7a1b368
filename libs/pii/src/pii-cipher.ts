import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface PiiKeySettings {
  /** Comma list `keyId:base64-32-bytes`; old keys stay listed so old rows can still be read. */
  PII_ENCRYPTION_KEYS: string;
  PII_ACTIVE_KEY_ID: string;
  /** base64, at least 32 bytes. Changing it means re-indexing every row. */
  PII_BLIND_INDEX_KEY: string;
}

export class PiiKeyError extends Error {}

/** Parses `keyId:base64` entries; the message names the entry's position, never its bytes. */
export function parseEncryptionKeys(list: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  list.split(',').forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new PiiKeyError(`entry ${index + 1} must look like keyId:base64key`);
    }
    if (key.length !== 32) throw new PiiKeyError(`key "${id}" must be 32 bytes (base64-encoded)`);
    if (keys.has(id)) throw new PiiKeyError(`key id "${id}" is listed twice`);
    keys.set(id, key);
  });
  return keys;
}

/**
 * AES-256-GCM for personal data at rest, stored as `keyId:iv:tag:ciphertext` (base64 parts) so keys can
 * rotate: new writes use the active key, reads use whichever key the value names. The blind index is an
 * HMAC-SHA256 of the normalized value, for exact lookup and dedupe without decrypting.
 */
export class PiiCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly activeKeyId: string;
  private readonly indexKey: Buffer;

  constructor(settings: PiiKeySettings) {
    this.keys = parseEncryptionKeys(settings.PII_ENCRYPTION_KEYS);
    this.activeKeyId = settings.PII_ACTIVE_KEY_ID;
    if (!this.keys.has(this.activeKeyId))
      throw new PiiKeyError('PII_ACTIVE_KEY_ID is not in PII_ENCRYPTION_KEYS');
    this.indexKey = Buffer.from(settings.PII_BLIND_INDEX_KEY, 'base64');
    if (this.indexKey.length < 32) throw new PiiKeyError('PII_BLIND_INDEX_KEY must be at least 32 bytes');
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      this.activeKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join(':');
  }

  decrypt(stored: string): string {
    const [keyId, iv, tag, body] = stored.split(':');
    const key = this.keys.get(keyId);
    if (!key || body === undefined) throw new PiiKeyError(`no key "${keyId}" to decrypt this value`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Key id a stored value was written with (to find rows still on an old key). */
  keyIdOf(stored: string): string {
    return stored.split(':')[0];
  }

  /** Domain-separated (`kind`), so an ID number and a phone never share index values. */
  blindIndex(kind: 'id' | 'phone', normalized: string): Buffer {
    return createHmac('sha256', this.indexKey).update(`${kind}\u0000${normalized}`).digest();
  }
}

/** Fresh keys in the configuration format (for dev scripts and tests). */
export function generatePiiKeySettings(keyId = 'k1'): PiiKeySettings {
  return {
    PII_ENCRYPTION_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: keyId,
    PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  };
}
