import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from './load-config';
import { jwtPrivateKey, kafkaTopicSettings, serviceFields } from './fields';

const pems = (namedCurve: string) =>
  generateKeyPairSync('ec', {
    namedCurve,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const p256 = pems('prime256v1');

const valid = {
  DATABASE_URL: 'postgres://svc:secret@127.0.0.1:54329/hotline962110',
  KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.2:19092',
  JWT_PUBLIC_KEY: p256.publicKey,
};

describe('service configuration', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(serviceFields(3001, 'people'), { ...valid, PORT: '4000' });
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', DB_SCHEMA: 'people', LOG_LEVEL: 'info' });
  });

  it('names each missing variable', () => {
    expect(() => loadConfig(serviceFields(3001, 'people'), {})).toThrow(ConfigError);
    try {
      loadConfig(serviceFields(3001, 'people'), {});
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL: is required',
        'KAFKA_BROKERS: is required',
        'JWT_PUBLIC_KEY: is required',
      ]);
    }
  });

  it('names each malformed variable and the rule, never the value', () => {
    const secretValue = 'postgres-password-in-a-bad-url';
    let problems: string[] = [];
    try {
      loadConfig(serviceFields(3001, 'people'), {
        ...valid,
        DATABASE_URL: `mysql://root:${secretValue}@db/x`,
        KAFKA_BROKERS: 'no-port-here',
        PORT: '70000',
        JWT_PUBLIC_KEY: 'short',
      });
    } catch (error) {
      problems = (error as ConfigError).problems;
      expect((error as Error).message).not.toContain(secretValue);
    }
    expect(problems).toEqual([
      'PORT: must be between 1 and 65535',
      'DATABASE_URL: must start with postgres:// or postgresql://',
      'KAFKA_BROKERS: must be a comma-separated list of host:port',
      'JWT_PUBLIC_KEY: must be an ECDSA P-256 public key in PEM (-----BEGIN PUBLIC KEY-----), see infra/local/README.md',
    ]);
  });
});

describe('token keys and proxies', () => {
  it('takes a P-256 key pair as PEM, also written on one line with literal \\n', () => {
    const oneLine = p256.publicKey.replace(/\n/g, '\\n');
    expect(
      loadConfig(serviceFields(3001, 'people'), { ...valid, JWT_PUBLIC_KEY: oneLine }).JWT_PUBLIC_KEY,
    ).toBe(p256.publicKey.trim());
    const shape = { JWT_PRIVATE_KEY: jwtPrivateKey() };
    expect(loadConfig(shape, { JWT_PRIVATE_KEY: p256.privateKey }).JWT_PRIVATE_KEY).toContain('PRIVATE KEY');
  });

  it('refuses a key of another curve, a private key as the public key, and a missing private key', () => {
    const p384 = pems('secp384r1');
    for (const JWT_PUBLIC_KEY of [p384.publicKey, p256.privateKey.replace(/PRIVATE/g, 'PUBLIC')]) {
      expect(() => loadConfig(serviceFields(3001, 'people'), { ...valid, JWT_PUBLIC_KEY })).toThrow(
        /JWT_PUBLIC_KEY: must be an ECDSA P-256 public key/,
      );
    }
    const shape = { JWT_PRIVATE_KEY: jwtPrivateKey() };
    expect(() => loadConfig(shape, {})).toThrow('JWT_PRIVATE_KEY: is required');
    expect(() => loadConfig(shape, { JWT_PRIVATE_KEY: p384.privateKey })).toThrow(
      /JWT_PRIVATE_KEY: must be an ECDSA P-256 private key/,
    );
  });

  it('trusts no proxy unless told which', () => {
    expect(loadConfig(serviceFields(3001, 'people'), valid).TRUST_PROXY).toBe('');
    expect(loadConfig(serviceFields(3001, 'people'), { ...valid, TRUST_PROXY: '2' }).TRUST_PROXY).toBe('2');
  });
});

describe('topic replication settings', () => {
  it('default to one replica, one in sync (the single dev broker)', () => {
    const config = loadConfig(serviceFields(3001, 'people'), valid);
    expect(kafkaTopicSettings(config)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
  });

  it('read a cluster’s 3/2 from the environment', () => {
    const config = loadConfig(serviceFields(3001, 'people'), {
      ...valid,
      KAFKA_TOPIC_REPLICATION_FACTOR: '3',
      KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2',
    });
    expect(kafkaTopicSettings(config)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('name a malformed value and the rule', () => {
    expect(() =>
      loadConfig(serviceFields(3001, 'people'), {
        ...valid,
        KAFKA_TOPIC_REPLICATION_FACTOR: '0',
        KAFKA_TOPIC_MIN_INSYNC_REPLICAS: 'two',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'KAFKA_TOPIC_REPLICATION_FACTOR: must be between 1 and 16',
          'KAFKA_TOPIC_MIN_INSYNC_REPLICAS: must be a whole number of replicas',
        ],
      }),
    );
  });

  it('refuse more in-sync replicas than replicas', () => {
    expect(() =>
      kafkaTopicSettings({ KAFKA_TOPIC_REPLICATION_FACTOR: 1, KAFKA_TOPIC_MIN_INSYNC_REPLICAS: 2 }),
    ).toThrow(/KAFKA_TOPIC_MIN_INSYNC_REPLICAS: must not exceed KAFKA_TOPIC_REPLICATION_FACTOR/);
  });
});
