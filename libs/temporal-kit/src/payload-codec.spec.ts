import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from './payload-codec';

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

  it('decodes with an old key after rotation and passes unencrypted payloads through', async () => {
    const [old] = await codec.encode([defaultPayloadConverter.toPayload('x')]);
    const rotated = new AesGcmPayloadCodec('p2', { p1: key, p2: randomBytes(32) });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old]))[0])).toBe('x');
    const plain = defaultPayloadConverter.toPayload(1);
    expect((await rotated.decode([plain]))[0]).toBe(plain);
  });

  it('refuses a payload encrypted with an unknown key', async () => {
    const [other] = await new AesGcmPayloadCodec('zz', { zz: randomBytes(32) }).encode([
      defaultPayloadConverter.toPayload('x'),
    ]);
    await expect(codec.decode([other])).rejects.toThrow(/zz/);
  });
});
