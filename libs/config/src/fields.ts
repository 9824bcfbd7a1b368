import { z } from 'zod';

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

export const secret = (minLength: number) =>
  z.string().min(minLength, `must be at least ${minLength} characters long`);

export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Every service process shares these. */
export const commonFields = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: logLevel(),
};

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
  JWT_SECRET: secret(32),
  /**
   * Which peers are proxies (Express "trust proxy"): the client address (login rate limit, logs) is then taken
   * from X-Forwarded-For. Default: a proxy on the same host (the console's preview server). Deployments name
   * their hops (infra/deploy: 2 = the Ingress and the console's nginx); trusting every private address would
   * let any caller on the private network pick its own address and escape the login limit.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
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

/**
 * Every process that talks to Temporal: the workflow worker and every activity worker and client must
 * share the payload key, since each side decrypts what the other encrypted.
 */
export const temporalFields = {
  TEMPORAL_ADDRESS: hostPort(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** AES-256-GCM key for Temporal payloads (history must hold no personal data). */
  TEMPORAL_PAYLOAD_KEY: base64Bytes(32, true),
  TEMPORAL_PAYLOAD_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -')
    .default('p1'),
};
