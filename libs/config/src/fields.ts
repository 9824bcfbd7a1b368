import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './load-config';

/** Reusable validated environment fields, so every service reads the same variable the same way. */
export const port = (fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a TCP port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

export const postgresUrl = () =>
  z
    .string()
    .url('must be a URL such as postgres://user:password@host:5432/database')
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

export const hostPortList = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .refine(
      (value) => value.split(',').every((entry) => /^[^\s:,]+:\d{1,5}$/.test(entry.trim())),
      'must be a comma-separated list of host:port',
    );

export const hostPort = () => z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'must be host:port');

/** A PEM from the environment; a one-line value with literal "\n" (some secret stores) is accepted too. */
const pemText = (value: string) => value.replace(/\\n/g, '\n').trim();

function isP256(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

function parsesAs(parse: (pem: string) => KeyObject, value: string): boolean {
  try {
    return isP256(parse(pemText(value)));
  } catch {
    return false;
  }
}

/** A PEM block of this kind ("CERTIFICATE", "PRIVATE KEY" also matches "EC/RSA PRIVATE KEY"). */
export const pem = (kind: string) =>
  z
    .string()
    .refine(
      (value) => new RegExp(`-----BEGIN ([A-Z]+ )?${kind}-----`).test(pemText(value)),
      `must be PEM text (-----BEGIN ${kind}-----)`,
    )
    .transform(pemText);

/**
 * The ES256 (ECDSA P-256) key that verifies access tokens, as PEM ("-----BEGIN PUBLIC KEY-----"). Every
 * service has it; only the hotline has the private half (`jwtPrivateKey`), so no other service can sign.
 */
export const jwtPublicKey = () =>
  z
    .string({ required_error: 'is required' })
    .refine(
      (value) => parsesAs(createPublicKey, value),
      'must be an ECDSA P-256 public key in PEM (-----BEGIN PUBLIC KEY-----), see infra/local/README.md',
    )
    .transform(pemText);

/** The ES256 private key that signs access tokens, as PEM (PKCS#8 or SEC1). The hotline's alone. */
export const jwtPrivateKey = () =>
  z
    .string()
    .refine(
      (value) => parsesAs(createPrivateKey, value),
      'must be an ECDSA P-256 private key in PEM (-----BEGIN PRIVATE KEY-----), see infra/local/README.md',
    )
    .transform(pemText);

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Every service process shares these. */
export const commonFields = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: logLevel(),
};

const replicaCount = () =>
  z.coerce
    .number({ invalid_type_error: 'must be a whole number of replicas' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 16')
    .max(16, 'must be between 1 and 16')
    .default(1);

/**
 * How the topics a service creates at start are replicated (infra/local/README.md, cluster mode): the replication
 * factor and the topic's `min.insync.replicas`, which with the producers' acks=all decides how many brokers must
 * hold an event before it counts as sent. 1/1 fits the single dev broker; a 3-broker cluster uses 3/2, so one
 * broker can fail without losing or refusing an event. Topics that already exist are left as they are.
 */
export const kafkaTopicFields = {
  KAFKA_TOPIC_REPLICATION_FACTOR: replicaCount(),
  KAFKA_TOPIC_MIN_INSYNC_REPLICAS: replicaCount(),
};

export interface KafkaTopicSettings {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/** The topic settings from the loaded fields; a ConfigError when more in-sync replicas are required than exist. */
export function kafkaTopicSettings(config: {
  KAFKA_TOPIC_REPLICATION_FACTOR?: number;
  KAFKA_TOPIC_MIN_INSYNC_REPLICAS?: number;
}): KafkaTopicSettings {
  const replicationFactor = config.KAFKA_TOPIC_REPLICATION_FACTOR ?? 1;
  const minInsyncReplicas = config.KAFKA_TOPIC_MIN_INSYNC_REPLICAS ?? 1;
  if (minInsyncReplicas > replicationFactor) {
    throw new ConfigError([
      'KAFKA_TOPIC_MIN_INSYNC_REPLICAS: must not exceed KAFKA_TOPIC_REPLICATION_FACTOR (no send could ever be acknowledged)',
    ]);
  }
  return { replicationFactor, minInsyncReplicas };
}

/** What every HTTP service reads: where to listen, its database, Kafka and the token secret. */
export const serviceFields = (defaultPort: number, defaultSchema: string) => ({
  ...commonFields,
  HOST: z.string().default('127.0.0.1'),
  PORT: port(defaultPort),
  DATABASE_URL: postgresUrl(),
  /** Fixed per service in production; tests point it at a throwaway schema. */
  DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
    .default(defaultSchema),
  KAFKA_BROKERS: hostPortList(),
  ...kafkaTopicFields,
  JWT_PUBLIC_KEY: jwtPublicKey(),
  /**
   * Which peers are proxies (Express "trust proxy"): only then is the client address (login rate limit, logs)
   * taken from X-Forwarded-For. Default `none`: the peer's own address, so a caller cannot pick its address by
   * sending the header. Behind a balancer name its hops or addresses: a hop count (infra/deploy: `2` = the
   * Ingress and the console's nginx), or addresses/subnets/`loopback` (the local console's preview proxy).
   * Never every private address: any caller on the private network could then escape the login limit.
   */
  TRUST_PROXY: z
    .string()
    .min(1)
    .default('none')
    .transform((value) => (value === 'none' ? '' : value)),
});

/** A base64 string that decodes to exactly (or at least) `bytes` bytes: keys and secrets. */
export const base64Bytes = (bytes: number, exact = false) =>
  z.string().refine(
    (value) => {
      const length = Buffer.from(value, 'base64').length;
      return exact ? length === bytes : length >= bytes;
    },
    `must be base64 of ${exact ? 'exactly' : 'at least'} ${bytes} bytes`,
  );

const keyId = () => z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -');

/** Parses a `keyId:base64` list of 32-byte keys; a message names the entry's position or id, never its bytes. */
export function parseKeyring(list: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  list.split(',').forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (separator < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new Error(`entry ${index + 1} must look like keyId:base64key`);
    }
    if (key.length !== 32) throw new Error(`key "${id}" must be 32 bytes (base64-encoded)`);
    if (keys.has(id)) throw new Error(`key id "${id}" is listed twice`);
    keys.set(id, key);
  });
  return keys;
}

const keyring = () =>
  z.string().superRefine((value, ctx) => {
    try {
      parseKeyring(value);
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  });

/**
 * Every process that talks to Temporal: the workflow worker and every activity worker and client must
 * share the payload keys, since each side decrypts what the other encrypted.
 */
export const temporalFields = {
  TEMPORAL_ADDRESS: hostPort(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /**
   * AES-256-GCM keys for Temporal payloads (history must hold no personal data), `keyId:base64` entries like
   * PII_ENCRYPTION_KEYS: new payloads use TEMPORAL_PAYLOAD_ACTIVE_KEY_ID; an old key stays listed while open
   * cases still hold payloads written with it (docs/operations.md). Checked by `temporalPayloadKeyring`.
   */
  TEMPORAL_PAYLOAD_KEYS: keyring().optional(),
  TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: keyId().optional(),
  /** One-key shorthand for TEMPORAL_PAYLOAD_KEYS=<TEMPORAL_PAYLOAD_KEY_ID>:<key> (base64, 32 bytes). */
  TEMPORAL_PAYLOAD_KEY: base64Bytes(32, true).optional(),
  TEMPORAL_PAYLOAD_KEY_ID: keyId().default('p1'),
  /**
   * Transport security of the Temporal connection (docs/operations.md). Plaintext unless one of these is set:
   * `TEMPORAL_TLS=true` (server certificate checked against the system's CAs), a CA to trust instead, a client
   * certificate and key for mTLS (both or neither), a server name to check instead of the address's host, and/or
   * an API key (sent as a bearer token; implies TLS). PEM values may be one line with literal "\n".
   */
  TEMPORAL_TLS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  TEMPORAL_TLS_CA: pem('CERTIFICATE').optional(),
  TEMPORAL_TLS_CERT: pem('CERTIFICATE').optional(),
  TEMPORAL_TLS_KEY: pem('PRIVATE KEY').optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
};

export interface TemporalPayloadKeySettings {
  TEMPORAL_PAYLOAD_KEYS?: string;
  TEMPORAL_PAYLOAD_ACTIVE_KEY_ID?: string;
  TEMPORAL_PAYLOAD_KEY?: string;
  TEMPORAL_PAYLOAD_KEY_ID?: string;
}

/**
 * The Temporal payload keys and the active one, from either form of the settings; a ConfigError naming the
 * variables when neither or both forms are given or the active key is not listed.
 */
export function temporalPayloadKeyring(settings: TemporalPayloadKeySettings): {
  activeKeyId: string;
  keys: Map<string, Buffer>;
} {
  const { TEMPORAL_PAYLOAD_KEYS: list, TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: active } = settings;
  if (list && settings.TEMPORAL_PAYLOAD_KEY) {
    throw new ConfigError([
      'TEMPORAL_PAYLOAD_KEY: must not be set with TEMPORAL_PAYLOAD_KEYS (list the key there instead)',
    ]);
  }
  if (list) {
    const keys = parseKeyring(list);
    if (!active || !keys.has(active)) {
      throw new ConfigError([
        'TEMPORAL_PAYLOAD_ACTIVE_KEY_ID: must be a key id listed in TEMPORAL_PAYLOAD_KEYS',
      ]);
    }
    return { activeKeyId: active, keys };
  }
  if (settings.TEMPORAL_PAYLOAD_KEY) {
    const id = settings.TEMPORAL_PAYLOAD_KEY_ID ?? 'p1';
    return { activeKeyId: id, keys: parseKeyring(`${id}:${settings.TEMPORAL_PAYLOAD_KEY}`) };
  }
  throw new ConfigError([
    'TEMPORAL_PAYLOAD_KEYS: is required (keyId:base64 list with TEMPORAL_PAYLOAD_ACTIVE_KEY_ID, or TEMPORAL_PAYLOAD_KEY for one key)',
  ]);
}
