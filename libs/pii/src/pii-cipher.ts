import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { parseKeyring } from '@platform/config';

export interface PiiKeySettings {
  /** Comma list `keyId:base64-32-bytes`; old keys stay listed so old rows can still be read. */
  PII_ENCRYPTION_KEYS: string;
  PII_ACTIVE_KEY_ID: string;
  /** base64, at least 32 bytes. Changing it means re-indexing every row. */
  PII_BLIND_INDEX_KEY: string;
}

export class PiiKeyError extends Error {}

/** Parses `keyId:base64` entries (the rule shared with the Temporal keyring); messages never hold key bytes. */
export function parseEncryptionKeys(list: string): Map<string, Buffer> {
  try {
    return parseKeyring(list);
  } catch (error) {
    throw new PiiKeyError((error as Error).message);
  }
}

/**
 * Where an encrypted value lives: table, column and row id. It is the AES-GCM associated data, so a value
 * copied to another row or column no longer decrypts.
 */
export interface PiiContext {
  table: string;
  column: string;
  rowId: string;
}

export function piiContext(table: string, column: string, rowId: string): PiiContext {
  return { table, column, rowId };
}

/** Marks AES-GCM values bound to their context; the older form `keyId:iv:tag:ct` has no marker (see decrypt). */
const BOUND = 'v2';

/**
 * AES-256-GCM for personal data at rest, stored as `v2:keyId:iv:tag:ciphertext` (base64 parts) and bound to
 * its context (associated data), so keys can rotate: new writes use the active key, reads use whichever key
 * the value names. The blind index is an HMAC-SHA256 of the normalized value, for exact lookup and dedupe
 * without decrypting.
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

  encrypt(plaintext: string, context: PiiContext): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(associatedData(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      BOUND,
      this.activeKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join(':');
  }

  /**
   * Decrypts a value of this context. Values written before contexts existed (`keyId:iv:tag:ct`, no associated
   * data) are still read until `npm run pii:rotate` has rewritten them; a bound value cannot pass for one of
   * those (stripping the marker changes the associated data, so the tag fails).
   */
  decrypt(stored: string, context: PiiContext): string {
    const { keyId, iv, tag, body, bound } = parse(stored);
    const key = this.keys.get(keyId);
    if (!key) throw new PiiKeyError(`no key "${keyId}" to decrypt this value`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    if (bound) decipher.setAAD(associatedData(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // The message names the context (never the value): a tampered, copied or misplaced value.
      throw new PiiKeyError(
        `value of ${context.table}.${context.column} (row ${context.rowId}) does not decrypt here`,
      );
    }
  }

  /** Key id a stored value was written with (to find rows still on an old key). */
  keyIdOf(stored: string): string {
    return parse(stored).keyId;
  }

  /** True when the value is bound to its context and on the active key: rotation leaves it alone. */
  isCurrent(stored: string): boolean {
    return stored.startsWith(this.currentPrefix());
  }

  /** Every current value starts with this (for SQL `NOT LIKE prefix || '%'` in rotation batches). */
  currentPrefix(): string {
    return `${BOUND}:${this.activeKeyId}:`;
  }

  /**
   * Domain-separated (`kind`), so an ID number and a phone never share index values. `otp`: the keyed hash of a
   * one-time code (people's confirmation codes), so a copy of the table cannot be guessed through offline.
   */
  blindIndex(kind: 'id' | 'phone' | 'otp', normalized: string): Buffer {
    return createHmac('sha256', this.indexKey).update(`${kind}\u0000${normalized}`).digest();
  }
}

function associatedData({ table, column, rowId }: PiiContext): Buffer {
  return Buffer.from([BOUND, table, column, rowId].join('\u0000'), 'utf8');
}

function parse(stored: string): { keyId: string; iv: string; tag: string; body: string; bound: boolean } {
  const parts = stored.split(':');
  if (parts.length === 5 && parts[0] === BOUND) {
    const [, keyId, iv, tag, body] = parts;
    return { keyId, iv, tag, body, bound: true };
  }
  if (parts.length === 4) {
    const [keyId, iv, tag, body] = parts;
    return { keyId, iv, tag, body, bound: false };
  }
  throw new PiiKeyError('not an encrypted value');
}

/** Fresh keys in the configuration format (for dev scripts and tests). */
export function generatePiiKeySettings(keyId = 'k1'): PiiKeySettings {
  return {
    PII_ENCRYPTION_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: keyId,
    PII_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  };
}
