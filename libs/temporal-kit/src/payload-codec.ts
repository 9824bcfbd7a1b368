import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { ENCODED_FAILURE_CONVERTER_PATH } from './workflow-bundle';
import { TemporalPayloadKeySettings, temporalPayloadKeyring } from '@platform/config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';

/**
 * Encrypts every Temporal payload (workflow and activity inputs, results, signals, queries) with AES-256-GCM
 * before it leaves the process, so history in the Temporal server holds no personal data. Each payload names
 * its key id in its metadata, so keys rotate without breaking open cases: new payloads use the active key,
 * and a payload is decrypted with whichever configured key it names. An unencrypted payload is refused: it
 * means a client or worker without the platform's converter wrote to these workflows.
 */
/** A payload this process cannot (or must not) decrypt; the message names the key id, never key bytes. */
export class PayloadKeyError extends Error {
  override readonly name = 'PayloadKeyError';
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly activeKeyId: string,
    keys: Record<string, Buffer | string>,
  ) {
    this.keys = new Map(
      Object.entries(keys).map(([id, key]) => [
        id,
        typeof key === 'string' ? Buffer.from(key, 'base64') : key,
      ]),
    );
    for (const [id, key] of this.keys) {
      if (key.length !== 32) throw new Error(`Temporal payload key "${id}" must be 32 bytes`);
    }
    if (!this.keys.has(activeKeyId))
      throw new PayloadKeyError(`Temporal payload key "${activeKeyId}" is not configured`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
      const body = Buffer.concat([cipher.update(serialize(payload)), cipher.final()]);
      return {
        metadata: {
          encoding: Buffer.from(ENCRYPTED_ENCODING),
          [KEY_ID_METADATA]: Buffer.from(this.activeKeyId),
        },
        data: Buffer.concat([iv, cipher.getAuthTag(), body]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding && Buffer.from(payload.metadata.encoding).toString();
      if (encoding !== ENCRYPTED_ENCODING || !payload.data) {
        throw new PayloadKeyError(
          `Temporal payload is not encrypted (encoding "${encoding ?? 'none'}"): every client and worker ` +
            'must use encryptedDataConverter with the platform keys',
        );
      }
      const keyId = Buffer.from(payload.metadata?.[KEY_ID_METADATA] ?? []).toString();
      const key = this.keys.get(keyId);
      if (!key) {
        throw new PayloadKeyError(
          `No Temporal payload key "${keyId}" to decrypt with: it must stay listed in TEMPORAL_PAYLOAD_KEYS ` +
            'while workflows hold payloads written with it',
        );
      }
      const data = Buffer.from(payload.data);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return deserialize(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
    });
  }
}

function serialize(payload: Payload): Buffer {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value ?? []).toString('base64'),
    ]),
  );
  return Buffer.from(JSON.stringify({ metadata, data: Buffer.from(payload.data ?? []).toString('base64') }));
}

function deserialize(bytes: Buffer): Payload {
  const parsed = JSON.parse(bytes.toString('utf8')) as { metadata: Record<string, string>; data: string };
  return {
    metadata: Object.fromEntries(
      Object.entries(parsed.metadata).map(([key, value]) => [
        key,
        new Uint8Array(Buffer.from(value, 'base64')),
      ]),
    ),
    data: new Uint8Array(Buffer.from(parsed.data, 'base64')),
  };
}

/**
 * The data converter every Temporal client and worker of the platform uses: the keyring of `temporalFields`
 * (TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_ACTIVE_KEY_ID, or the one-key TEMPORAL_PAYLOAD_KEY).
 */
export function encryptedDataConverter(settings: TemporalPayloadKeySettings): {
  payloadCodecs: PayloadCodec[];
  failureConverterPath: string;
} {
  const { activeKeyId, keys } = temporalPayloadKeyring(settings);
  return {
    payloadCodecs: [new AesGcmPayloadCodec(activeKeyId, Object.fromEntries(keys))],
    failureConverterPath: ENCODED_FAILURE_CONVERTER_PATH,
  };
}
