import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { ConfigError, loadConfig, temporalFields } from '@platform/config';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  encryptedDataConverter,
  PayloadKeyError,
} from './payload-codec';

const keyIdOf = (payload: { metadata?: Record<string, Uint8Array | null> | null }) =>
  Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();

describe('AesGcmPayloadCodec', () => {
  const key = randomBytes(32);
  const codec = new AesGcmPayloadCodec('p1', { p1: key });

  it('round-trips payloads and leaves no plaintext in the encoded bytes', async () => {
    const original = defaultPayloadConverter.toPayload({ idNumber: '11010519491231002X' });
    const [encoded] = await codec.encode([original]);
    expect(Buffer.from(encoded.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toContain('11010519491231002X');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual({ idNumber: '11010519491231002X' });
  });

  it('encrypts with the active key and decrypts with whichever key a payload names', async () => {
    const [old] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    const rotated = new AesGcmPayloadCodec('p2', { p1: key, p2: randomBytes(32) });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old]))[0])).toBe('x');
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload('y')]);
    expect([keyIdOf(old), keyIdOf(fresh)]).toEqual(['p1', 'p2']);
  });

  it('refuses an unencrypted payload', async () => {
    await expect(codec.decode([defaultPayloadConverter.toPayload(1)])).rejects.toThrow(
      new PayloadKeyError(
        'Temporal payload is not encrypted (encoding "json/plain"): every client and worker must use ' +
          'encryptedDataConverter with the platform keys',
      ),
    );
  });

  it('refuses a payload encrypted with a key that is no longer listed, naming the key id', async () => {
    const [other] = await new AesGcmPayloadCodec('zz', { zz: randomBytes(32) }).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    await expect(codec.decode([other])).rejects.toThrow(/No Temporal payload key "zz"/);
  });
});

describe('encryptedDataConverter keyring settings', () => {
  const a = randomBytes(32).toString('base64');
  const b = randomBytes(32).toString('base64');
  const codecOf = (settings: Parameters<typeof encryptedDataConverter>[0]) =>
    encryptedDataConverter(settings).payloadCodecs[0];

  it('reads TEMPORAL_PAYLOAD_KEYS with the active key id, and TEMPORAL_PAYLOAD_KEY as one key', async () => {
    const one = codecOf({ TEMPORAL_PAYLOAD_KEY: a, TEMPORAL_PAYLOAD_KEY_ID: 'A' });
    const both = codecOf({ TEMPORAL_PAYLOAD_KEYS: `A:${a},B:${b}`, TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: 'B' });
    const [underA] = await one.encode([defaultPayloadConverter.toPayload('a')]);
    const [underB] = await both.encode([defaultPayloadConverter.toPayload('b')]);
    expect([keyIdOf(underA), keyIdOf(underB)]).toEqual(['A', 'B']);
    expect(defaultPayloadConverter.fromPayload((await both.decode([underA]))[0])).toBe('a');
    await expect(one.decode([underB])).rejects.toThrow(PayloadKeyError);
  });

  it('checks the format of TEMPORAL_PAYLOAD_KEYS at start, never printing key bytes', () => {
    const env = { TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: 'A' };
    expect(() => loadConfig(temporalFields, { ...env, TEMPORAL_PAYLOAD_KEYS: a })).toThrow(
      'TEMPORAL_PAYLOAD_KEYS: entry 1 must look like keyId:base64key',
    );
    expect(() => loadConfig(temporalFields, { ...env, TEMPORAL_PAYLOAD_KEYS: `A:${a},B:c2hvcnQ=` })).toThrow(
      'TEMPORAL_PAYLOAD_KEYS: key "B" must be 32 bytes (base64-encoded)',
    );
    expect(loadConfig(temporalFields, { ...env, TEMPORAL_PAYLOAD_KEYS: `A:${a}` })).toMatchObject({
      TEMPORAL_PAYLOAD_KEYS: `A:${a}`,
      TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: 'A',
    });
  });

  it.each([
    [{}, /TEMPORAL_PAYLOAD_KEYS: is required/],
    [{ TEMPORAL_PAYLOAD_KEYS: `A:${a}` }, /TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: must be a key id listed/],
    [
      { TEMPORAL_PAYLOAD_KEYS: `A:${a}`, TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: 'B' },
      /TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: must be a key id listed/,
    ],
    [
      { TEMPORAL_PAYLOAD_KEYS: `A:${a}`, TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: 'A', TEMPORAL_PAYLOAD_KEY: b },
      /TEMPORAL_PAYLOAD_KEY: must not be set with TEMPORAL_PAYLOAD_KEYS/,
    ],
  ])('names the variable when the keyring is incomplete (%#)', (settings, message) => {
    expect(() => encryptedDataConverter(settings)).toThrow(ConfigError);
    expect(() => encryptedDataConverter(settings)).toThrow(message);
  });
});
